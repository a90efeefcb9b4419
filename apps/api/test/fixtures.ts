import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { holidaysBetween } from '@lieux/scheduling';
import { hashPassword } from '../src/auth/auth.service';
import { ReceiptsService } from '../src/receipts/receipts.service';
import { dayFromToday, iso, Temporal } from './local-time';

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
    const today = Temporal.Now.plainDateISO();
    const later = today.add({ days: 800 }).toString();
    for (const h of holidaysBetween(today.toString(), later, departement)) {
      await db.query(`INSERT INTO site_holiday_openings (site_id, date) VALUES ($1, $2)`, [siteId, h.date]);
    }
  }
  return { siteId, spaceId };
}

export async function createSpace(db: DataSource, o: SpaceOptions = {}): Promise<string> {
  return (await createSite(db, o)).spaceId;
}

export function slot(n: number, hour = 10, minutes = 60): { start: string; end: string } {
  const start = dayFromToday(n + 2).with({ hour });
  return { start: iso(start), end: iso(start.add({ minutes })) };
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

/**
 * A confirmed booking of 15 € with its receipt, issued by the application's own service as a
 * confirmation would.
 */
export async function paidBooking(
  t: { app: INestApplication; db: DataSource },
  spaceId: string,
  organisationId: string,
  s: { start: string; end: string },
): Promise<string> {
  const id = await insertBooking(t.db, { spaceId, organisationId, ...s });
  await t.db.transaction(async (em) => {
    await em.query(`UPDATE bookings SET price_cents = 1500, list_price_cents = 1500 WHERE id = $1`, [id]);
    await t.app.get(ReceiptsService).issue(em, id);
  });
  return id;
}

/** A series of one booking written straight to the tables, for tests of what happens to it later. */
export async function insertSeries(
  db: DataSource,
  s: { spaceId: string; organisationId: string; start: string; end: string },
): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO booking_series (space_id, organisation_id, rrule, time_zone, first_period, title, attendees)
     VALUES ($1, $2, 'FREQ=WEEKLY;COUNT=1', 'Europe/Paris', tstzrange($3, $4), 'Série', 2) RETURNING id`,
    [s.spaceId, s.organisationId, s.start, s.end],
  );
  const bookingId = await insertBooking(db, { ...s, title: 'Série' });
  await db.query(`UPDATE bookings SET series_id = $1 WHERE id = $2`, [id, bookingId]);
  return id;
}

/** A waiting-list entry written straight to the table; `offered` ones have an hour to accept. */
export async function insertWaitlistEntry(
  db: DataSource,
  e: { spaceId: string; organisationId: string; start: string; end: string; status?: 'waiting' | 'offered' },
): Promise<string> {
  const offered = e.status === 'offered';
  const [{ id }] = await db.query(
    `INSERT INTO waitlist_entries (space_id, organisation_id, period, title, attendees, status, offered_at, offer_expires_at)
     VALUES ($1, $2, tstzrange($3, $4), 'En attente', 2, $5,
             CASE WHEN $6 THEN now() END, CASE WHEN $6 THEN now() + interval '1 hour' END) RETURNING id`,
    [e.spaceId, e.organisationId, e.start, e.end, e.status ?? 'waiting', offered],
  );
  return id;
}
