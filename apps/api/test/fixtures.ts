import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { holidaysBetween } from '@lieux/scheduling';
import { hashPassword } from '../src/auth/auth.service';

/** Factories writing straight to the tables, for the integration suites. */

export const PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | undefined;

/** A random SIRET that passes the Luhn check (and is not La Poste's). */
export function validSiret(): string {
  const body = `${1 + Math.floor(Math.random() * 8)}${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`;
  for (let d = 0; d <= 9; d++) {
    const candidate = body + d;
    const sum = [...candidate].reverse().reduce((acc, c, i) => {
      const n = Number(c) * (i % 2 === 1 ? 2 : 1);
      return acc + (n > 9 ? n - 9 : n);
    }, 0);
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

export async function createOrganisation(
  db: DataSource,
  verification: 'pending' | 'verified' = 'verified',
  regionCode = '76',
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO organisations (id, name, siret, legal_form, region_code, verification)
     VALUES ($1, $2, $3, 'association', $4, $5)`,
    [id, `Association ${id.slice(0, 8)}`, validSiret(), regionCode, verification],
  );
  return id;
}

export type RoleName = 'member' | 'org_admin' | 'site_manager' | 'delegate' | 'admin';

/** A person with one role and its scope (password PASSWORD). */
export async function createUser(
  db: DataSource,
  role: RoleName,
  scope: { organisationId?: string; siteId?: string; regionCode?: string } = {},
): Promise<{ id: string; email: string }> {
  passwordHash ??= hashPassword(PASSWORD);
  const id = randomUUID();
  const email = `${role.replace('_', '-')}-${id.slice(0, 8)}@example.org`;
  await db.query(
    `INSERT INTO users (id, email, password_hash, display_name, organisation_id) VALUES ($1, $2, $3, $4, $5)`,
    [id, email, await passwordHash, `Personne ${id.slice(0, 4)}`, scope.organisationId ?? null],
  );
  await db.query(
    `INSERT INTO role_grants (user_id, role, organisation_id, site_id, region_code) VALUES ($1, $2, $3, $4, $5)`,
    [id, role, scope.organisationId ?? null, scope.siteId ?? null, scope.regionCode ?? null],
  );
  return { id, email };
}

export function createMember(db: DataSource, organisationId: string): Promise<{ id: string; email: string }> {
  return createUser(db, 'member', { organisationId });
}

export interface SpaceOptions {
  capacity?: number;
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
  hourlyRateCents?: number;
  approvalRequired?: boolean;
  regionCode?: string;
  departementCode?: string;
  /** Fixture sites open on public holidays unless told otherwise, so that dated tests never meet one. */
  holidays?: 'open' | 'closed';
}

/** A site open every day 08:00–20:00 Paris time, with one published space. */
export async function createSite(
  db: DataSource,
  o: SpaceOptions = {},
): Promise<{ siteId: string; spaceId: string }> {
  const siteId = randomUUID();
  const region = o.regionCode ?? '76';
  const departement = o.departementCode ?? '34';
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '08:00', closes: '20:00' }));
  await db.query(
    `INSERT INTO sites (id, name, address, postcode, commune, departement_code, region_code, time_zone, latitude,
                        longitude, opening_hours)
     VALUES ($1, 'La Poste Test', '1 rue de la Poste', '34000', 'Montpellier', $4, $2, 'Europe/Paris', 43.6, 3.88, $3)`,
    [siteId, region, JSON.stringify(hours), departement],
  );
  const spaceId = randomUUID();
  await db.query(
    `INSERT INTO spaces (id, site_id, region_code, departement_code, name, kind, area_sqm, capacity, status,
                         approval_required, buffer_before_minutes, buffer_after_minutes, hourly_rate_cents,
                         horizon_days, max_duration_minutes)
     VALUES ($1, $2, $3, $9, 'Salle test', 'meeting_room', 20, $4, 'published', $5, $6, $7, $8, 365, 720)`,
    [
      spaceId,
      siteId,
      region,
      o.capacity ?? 10,
      o.approvalRequired ?? false,
      o.bufferBeforeMinutes ?? 0,
      o.bufferAfterMinutes ?? 0,
      o.hourlyRateCents ?? 0,
      departement,
    ],
  );
  if (o.holidays !== 'closed') {
    const today = DateTime.now().toISODate()!;
    const later = DateTime.now().plus({ days: 800 }).toISODate()!;
    for (const h of holidaysBetween(today, later, departement)) {
      await db.query(`INSERT INTO site_holiday_openings (site_id, date) VALUES ($1, $2)`, [siteId, h.date]);
    }
  }
  return { siteId, spaceId };
}

export async function createSpace(db: DataSource, o: SpaceOptions = {}): Promise<string> {
  return (await createSite(db, o)).spaceId;
}

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
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The JSON of an answer, untyped: assertions check its shape. */
export async function jsonOf(res: Response): Promise<any> {
  return res.json();
}

/** A booking written straight to the table (no rules checked), for tests of what happens to it later. */
export async function insertBooking(
  db: DataSource,
  b: {
    spaceId: string;
    organisationId: string;
    bookedBy?: string | null;
    status?: 'pending' | 'confirmed' | 'cancelled' | 'completed';
    start: string;
    end: string;
    createdAt?: string;
    title?: string;
  },
): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO bookings (space_id, organisation_id, booked_by, status, period, blocked_period, title, attendees,
                           price_cents, list_price_cents, created_at)
     VALUES ($1, $2, $3, $4, tstzrange($5, $6), tstzrange($5, $6), $7, 2, 0, 0, coalesce($8::timestamptz, now()))
     RETURNING id`,
    [
      b.spaceId,
      b.organisationId,
      b.bookedBy ?? null,
      b.status ?? 'confirmed',
      b.start,
      b.end,
      b.title ?? 'Fixture',
      b.createdAt ?? null,
    ],
  );
  return id;
}
