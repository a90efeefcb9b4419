import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../src/auth/auth.service';

/** Factories writing straight to the tables, for the integration suites. */

export const PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | undefined;

export async function createOrganisation(
  db: DataSource,
  verification: 'pending' | 'verified' = 'verified',
): Promise<string> {
  const id = randomUUID();
  const siret = String(Math.floor(Math.random() * 1e14)).padStart(14, '0');
  await db.query(
    `INSERT INTO organisations (id, name, siret, legal_form, region_code, verification) VALUES ($1, $2, $3, 'association', '76', $4)`,
    [id, `Association ${id.slice(0, 8)}`, siret, verification],
  );
  return id;
}

export async function createMember(
  db: DataSource,
  organisationId: string,
): Promise<{ id: string; email: string }> {
  passwordHash ??= hashPassword(PASSWORD);
  const id = randomUUID();
  const email = `membre-${id.slice(0, 8)}@example.org`;
  await db.query(
    `INSERT INTO users (id, email, password_hash, display_name, organisation_id) VALUES ($1, $2, $3, $4, $5)`,
    [id, email, await passwordHash, `Membre ${id.slice(0, 4)}`, organisationId],
  );
  await db.query(`INSERT INTO role_grants (user_id, role, organisation_id) VALUES ($1, 'member', $2)`, [
    id,
    organisationId,
  ]);
  return { id, email };
}

export interface SpaceOptions {
  capacity?: number;
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
  hourlyRateCents?: number;
  approvalRequired?: boolean;
}

/** A site open every day 08:00–20:00 Paris time, with one published space. */
export async function createSpace(db: DataSource, o: SpaceOptions = {}): Promise<string> {
  const siteId = randomUUID();
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '08:00', closes: '20:00' }));
  await db.query(
    `INSERT INTO sites (id, name, address, postcode, commune, departement_code, region_code, time_zone, latitude, longitude, opening_hours)
     VALUES ($1, 'La Poste Test', '1 rue de la Poste', '34000', 'Montpellier', '34', '76', 'Europe/Paris', 43.6, 3.88, $2)`,
    [siteId, JSON.stringify(hours)],
  );
  const id = randomUUID();
  await db.query(
    `INSERT INTO spaces (id, site_id, region_code, departement_code, name, kind, area_sqm, capacity, status, approval_required,
                         buffer_before_minutes, buffer_after_minutes, hourly_rate_cents, horizon_days, max_duration_minutes)
     VALUES ($1, $2, '76', '34', 'Salle test', 'meeting_room', 20, $3, 'published', $4, $5, $6, $7, 365, 720)`,
    [
      id,
      siteId,
      o.capacity ?? 10,
      o.approvalRequired ?? false,
      o.bufferBeforeMinutes ?? 0,
      o.bufferAfterMinutes ?? 0,
      o.hourlyRateCents ?? 0,
    ],
  );
  return id;
}

/** A one-hour slot on day `n` from now, at `hour` Paris time: always in the future and inside opening hours. */
export function slot(n: number, hour = 10, minutes = 60): { start: string; end: string } {
  const start = DateTime.now()
    .setZone('Europe/Paris')
    .startOf('day')
    .plus({ days: n + 2 })
    .set({ hour });
  return { start: start.toISO()!, end: start.plus({ minutes }).toISO()! };
}

export async function login(url: string, email: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export function postJson(
  url: string,
  token: string | null,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The JSON of an answer, untyped: assertions check its shape. */
export async function jsonOf(res: Response): Promise<any> {
  return res.json();
}
