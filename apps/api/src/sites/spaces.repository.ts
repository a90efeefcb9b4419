import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  API_BASE_PATH,
  type Bbox,
  type CreateSpaceRequest,
  type Space,
  type SpaceAudience,
  type BookingAccess,
  type SpaceAccess,
  type SpacePhoto,
} from '@lieux/contracts';
import { holidaysBetween, type WeeklyWindow } from '@lieux/scheduling';
import { Temporal } from 'temporal-polyfill';
import type { BookableSpace } from './sites.types';

export interface SpaceFilters {
  regionCode?: string;
  departementCode?: string;
  communeCodes?: string[];
  minCapacity?: number;
  minArea?: number;
  kind?: string;
  equipment?: string[];
  stepFree?: boolean;
  near?: { lat: number; lon: number; radiusKm: number };
  bbox?: Bbox;
  maxHourlyRateCents?: number;
  /**
   * Free and open throughout; `holidays`: the public holidays around it, by département (closedHolidays);
   * `everywhere`: set when it starts on a holiday of every one of these départements in every one of these
   * zones (holidayEverywhere).
   */
  window?: {
    start: number;
    end: number;
    holidays?: DepartementDay[];
    everywhere?: { departementCodes: string[]; timeZones: string[] };
  };
}

/** A public holiday of a département, a local date (YYYY-MM-DD). */
export interface DepartementDay {
  departementCode: string;
  date: string;
}

const DAY_MS = 86_400_000;

/** A holiday as the search compares it, in JavaScript and in SQL (`departement_code || ' ' || date`). */
const holidayKey = (h: DepartementDay) => `${h.departementCode} ${h.date}`;

/**
 * The public holidays, per département, of every local date a window can start on in any zone (its UTC
 * date, give or take one day): what the search needs to close sites on holidays in SQL.
 */
export function closedHolidays(windowStart: number, departementCodes: string[]): DepartementDay[] {
  const date = (t: number) => new Date(t).toISOString().slice(0, 10);
  const [from, to] = [date(windowStart - DAY_MS), date(windowStart + DAY_MS)];
  return departementCodes.flatMap((departementCode) =>
    holidaysBetween(from, to, departementCode).map((h) => ({ departementCode, date: h.date })),
  );
}

/**
 * Whether the window starts on a public holiday (of `holidays`) of every département given, seen from every
 * zone given: New Year's Day, Christmas, Easter Monday at most hours. Nearly every site is then closed, and
 * the search's walk of an area in name order reads all of it before it has a page (12–16 ms of PostgreSQL
 * for région 75, 2–3 ms on other days): it reads the few sites that can be open first.
 */
export function holidayEverywhere(
  windowStart: number,
  holidays: DepartementDay[],
  departementCodes: string[],
  timeZones: string[],
): boolean {
  if (holidays.length === 0) return false;
  const closed = new Set(holidays.map(holidayKey));
  const instant = Temporal.Instant.fromEpochMilliseconds(windowStart);
  const dates = [...new Set(timeZones.map((z) => instant.toZonedDateTimeISO(z).toPlainDate().toString()))];
  return departementCodes.every((d) =>
    dates.every((date) => closed.has(holidayKey({ departementCode: d, date }))),
  );
}

export const SELECT_SPACE = `
  SELECT sp.id, sp.name, sp.kind, sp.area_sqm, sp.capacity, sp.equipment, sp.step_free, sp.description, sp.status,
         sp.approval_required, sp.slot_step_minutes, sp.min_duration_minutes, sp.max_duration_minutes,
         sp.min_notice_minutes, sp.horizon_days, sp.buffer_before_minutes, sp.buffer_after_minutes,
         sp.audience, sp.hourly_rate_cents, sp.check_in_minutes,
         s.id AS site_id, s.name AS site_name, s.address, s.postcode, s.commune, s.departement_code,
         s.region_code, s.time_zone, s.latitude, s.longitude,
         coalesce(sp.opening_hours, s.opening_hours) AS opening_hours, sp.opening_hours AS own_opening_hours
    FROM spaces sp JOIN sites s ON s.id = sp.site_id`;

@Injectable()
export class SpacesRepository {
  constructor(private readonly db: DataSource) {}

  async find(id: string, em: EntityManager = this.db.manager): Promise<BookableSpace | null> {
    const rows = await em.query(`${SELECT_SPACE} WHERE sp.id = $1`, [id]);
    return rows[0] ? (await this.withPhotos([toSpace(rows[0])], em))[0] : null;
  }

  async listBySite(siteId: string): Promise<BookableSpace[]> {
    const rows = await this.db.query(`${SELECT_SPACE} WHERE sp.site_id = $1 ORDER BY sp.name, sp.id`, [
      siteId,
    ]);
    return this.withPhotos(rows.map(toSpace));
  }

  /**
   * How to get into each space, by id: read apart from `SELECT_SPACE` so that no public answer (a search,
   * a space's page, its availability) can carry it by mistake.
   */
  async accessOf(ids: string[], em: EntityManager = this.db.manager): Promise<Map<string, SpaceAccess>> {
    const rows: {
      id: string;
      access_floor: string;
      access_entrance: string;
      access_method: SpaceAccess['method'];
      access_instructions: string;
    }[] = await em.query(
      `SELECT id, access_floor, access_entrance, access_method, access_instructions FROM spaces WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          floor: r.access_floor,
          entrance: r.access_entrance,
          method: r.access_method,
          instructions: r.access_instructions,
        },
      ]),
    );
  }

  /** A space's access with its site's notes and contact: what a booking of it is told. */
  async bookingAccess(spaceId: string): Promise<BookingAccess | null> {
    const [r] = await this.db.query(
      `SELECT sp.access_floor, sp.access_entrance, sp.access_method, sp.access_instructions, s.access_notes,
              s.contact_name, s.contact_phone, s.contact_email
         FROM spaces sp JOIN sites s ON s.id = sp.site_id WHERE sp.id = $1`,
      [spaceId],
    );
    return r
      ? {
          floor: r.access_floor,
          entrance: r.access_entrance,
          method: r.access_method,
          instructions: r.access_instructions,
          siteNotes: r.access_notes,
          contact: { name: r.contact_name, phone: r.contact_phone, email: r.contact_email },
        }
      : null;
  }

  /** The photos of a list of spaces in one query (never per space), in the order they were added. */
  async withPhotos<T extends BookableSpace>(spaces: T[], em: EntityManager = this.db.manager): Promise<T[]> {
    if (spaces.length === 0) return spaces;
    const rows: { space_id: string; id: string; width: number; height: number }[] = await em.query(
      `SELECT space_id, id, width, height FROM space_photos WHERE space_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [spaces.map((s) => s.id)],
    );
    const bySpace = new Map<string, SpacePhoto[]>(spaces.map((s) => [s.id, []]));
    for (const r of rows) bySpace.get(r.space_id)?.push(photoView(r.space_id, r));
    return spaces.map((s) => ({ ...s, photos: bySpace.get(s.id) ?? [] }));
  }

  async create(
    em: EntityManager,
    site: { id: string; regionCode: string; departementCode: string },
    s: CreateSpaceRequest,
  ): Promise<string> {
    const [row] = await em.query(
      `INSERT INTO spaces (site_id, region_code, departement_code, name, kind, area_sqm, capacity, equipment, step_free, description,
                           approval_required, slot_step_minutes, min_duration_minutes, max_duration_minutes, min_notice_minutes,
                           horizon_days, buffer_before_minutes, buffer_after_minutes, hourly_rate_cents, audience,
                           access_floor, access_entrance, access_method, access_instructions, check_in_minutes, check_in_since)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, CASE WHEN $25::int IS NULL THEN NULL ELSE now() END)
       RETURNING id`,
      [
        site.id,
        site.regionCode,
        site.departementCode,
        s.name,
        s.kind,
        s.areaSqm,
        s.capacity,
        s.equipment,
        s.stepFree,
        s.description,
        s.policy.approvalRequired,
        s.policy.slotStepMinutes,
        s.policy.minDurationMinutes,
        s.policy.maxDurationMinutes,
        s.policy.minNoticeMinutes,
        s.policy.horizonDays,
        s.policy.bufferBeforeMinutes,
        s.policy.bufferAfterMinutes,
        s.price.hourlyRateCents,
        s.policy.audience,
        s.access.floor,
        s.access.entrance,
        s.access.method,
        s.access.instructions,
        s.policy.checkInMinutes ?? null,
      ],
    );
    return row.id;
  }

  /** Writes the whole editable state of a space (the service merges a patch into it first). */
  async update(em: EntityManager, id: string, s: CreateSpaceRequest): Promise<void> {
    await em.query(
      `UPDATE spaces SET name = $2, kind = $3, area_sqm = $4, capacity = $5, equipment = $6, step_free = $7, description = $8,
              approval_required = $9, slot_step_minutes = $10, min_duration_minutes = $11, max_duration_minutes = $12,
              min_notice_minutes = $13, horizon_days = $14, buffer_before_minutes = $15, buffer_after_minutes = $16,
              hourly_rate_cents = $17, audience = $18, access_floor = $19, access_entrance = $20, access_method = $21,
              access_instructions = $22, check_in_minutes = $23,
              check_in_since = CASE WHEN $23::int IS NULL THEN NULL ELSE coalesce(check_in_since, now()) END, updated_at = now()
        WHERE id = $1`,
      [
        id,
        s.name,
        s.kind,
        s.areaSqm,
        s.capacity,
        s.equipment,
        s.stepFree,
        s.description,
        s.policy.approvalRequired,
        s.policy.slotStepMinutes,
        s.policy.minDurationMinutes,
        s.policy.maxDurationMinutes,
        s.policy.minNoticeMinutes,
        s.policy.horizonDays,
        s.policy.bufferBeforeMinutes,
        s.policy.bufferAfterMinutes,
        s.price.hourlyRateCents,
        s.policy.audience,
        s.access.floor,
        s.access.entrance,
        s.access.method,
        s.access.instructions,
        s.policy.checkInMinutes ?? null,
      ],
    );
  }

  /** Hours of its own, or null to follow the site's. */
  async setOpeningHours(em: EntityManager, id: string, hours: WeeklyWindow[] | null): Promise<void> {
    await em.query(`UPDATE spaces SET opening_hours = $2, updated_at = now() WHERE id = $1`, [
      id,
      hours === null ? null : JSON.stringify(hours),
    ]);
  }

  /**
   * Moves a space to `to` if it is in one of `from`; false otherwise. A trigger records the change in
   * `space_publications` (what occupancy counts offered hours on), whichever path changes the status.
   */
  async setStatus(em: EntityManager, id: string, to: string, from: string[]): Promise<boolean> {
    const rows = await em.query(
      `WITH u AS (UPDATE spaces SET status = $2, updated_at = now() WHERE id = $1 AND status = ANY($3) RETURNING id) SELECT id FROM u`,
      [id, to, from],
    );
    return rows.length > 0;
  }

  async findPublished(id: string): Promise<BookableSpace | null> {
    const rows = await this.db.query(`${SELECT_SPACE} WHERE sp.id = $1 AND sp.status = 'published'`, [id]);
    return rows[0] ? (await this.withPhotos([toSpace(rows[0])]))[0] : null;
  }

  /** The published ones among `ids`, without their photos (what availability needs), in no order. */
  async findPublishedMany(ids: string[]): Promise<BookableSpace[]> {
    const rows = await this.db.query(
      `${SELECT_SPACE} WHERE sp.id = ANY($1::uuid[]) AND sp.status = 'published'`,
      [ids],
    );
    return rows.map(toSpace);
  }

  /** A site's published spaces by name, without their photos. */
  async listPublishedBySite(siteId: string): Promise<BookableSpace[]> {
    const rows = await this.db.query(
      `${SELECT_SPACE} WHERE sp.site_id = $1 AND sp.status = 'published' ORDER BY sp.name, sp.id`,
      [siteId],
    );
    return rows.map(toSpace);
  }

  /**
   * Published spaces matching every filter given, set-based: one query whatever the number of spaces.
   * Sorted by distance when a point is given (then `distance_km` is set), else by site and name.
   */
  async search(
    f: SpaceFilters,
    limit: number,
    after?: { key: string; id: string },
  ): Promise<(BookableSpace & { distanceKm?: number })[]> {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = [`sp.status = 'published'`];
    // Said of the space only (it holds its site's codes and name): the région's spaces are then read from
    // one index in the order shown, and the planner counts them right (said of both tables, it took the two
    // filters for independent and expected a few rows where a small région has hundreds).
    if (f.regionCode) where.push(`sp.region_code = ${p(f.regionCode)}`);
    if (f.departementCode) {
      const departement = p(f.departementCode);
      where.push(`sp.departement_code = ${departement}`, `s.departement_code = ${departement}`);
    }
    if (f.communeCodes) where.push(`s.commune_code = ANY(${p(f.communeCodes)}::text[])`);
    if (f.minCapacity) where.push(`sp.capacity >= ${p(f.minCapacity)}`);
    if (f.minArea) where.push(`sp.area_sqm >= ${p(f.minArea)}`);
    if (f.kind) where.push(`sp.kind = ${p(f.kind)}`);
    if (f.equipment?.length) where.push(`sp.equipment @> ${p(f.equipment)}::text[]`);
    if (f.stepFree !== undefined) where.push(`sp.step_free = ${p(f.stepFree)}`);
    if (f.maxHourlyRateCents !== undefined) where.push(`sp.hourly_rate_cents <= ${p(f.maxHourlyRateCents)}`);
    if (f.bbox) {
      // The map's area, on the GiST index of the sites' positions (as the radius's bounding box below).
      where.push(
        `point(s.longitude, s.latitude) <@ box(point(${p(f.bbox.west)}, ${p(f.bbox.south)}), point(${p(f.bbox.east)}, ${p(f.bbox.north)}))`,
      );
    }
    if (f.window) {
      // Open throughout (libs/scheduling's siteDays, in SQL: the site not closed nor on a holiday it keeps
      // that local day, the hours holding the window), and free: every row is a result, so a page is full.
      const start = p(new Date(f.window.start).toISOString());
      const end = p(new Date(f.window.end).toISOString());
      const day = `(${start}::timestamptz AT TIME ZONE s.time_zone)::date`;
      const laid = (wall: string) => `search_laid_at(${day}, (w->>'${wall}')::time, s.time_zone)`;
      // Whole local days, so only the window's own day counts; the site's checks come first, they are cheap.
      where.push(
        `NOT EXISTS (SELECT 1 FROM site_closures c WHERE c.site_id = s.id AND c.ends_on >= ${day} AND c.starts_on <= ${day})`,
      );
      const holidays = f.window.holidays ?? [];
      const everywhere = f.window.everywhere;
      if (everywhere) {
        // Only a site that opens on the holiday can hold the window, or one whose département and zone are
        // not among those the holiday was found in (the exact rule below settles both): a few rows to start
        // from instead of the whole area. The local date is the UTC one give or take a day. The sites'
        // pairs of département and zone are read by skipping through their index (a hundred steps, 0.5 ms;
        // a scan of the sites took 2–8 ms), and the sites of an unusual pair from the same index, pair by
        // pair: `OFFSET 0` keeps the planner from folding that into a hash join that reads every site as soon
        // as one such pair exists (7 ms instead of 1.5).
        const utc = p(new Date(f.window.start).toISOString().slice(0, 10));
        where.push(`sp.site_id = ANY(ARRAY(
                      SELECT o.site_id FROM site_holiday_openings o
                       WHERE o.date BETWEEN ${utc}::date - 1 AND ${utc}::date + 1
                      UNION
                      (WITH RECURSIVE pairs AS (
                         (SELECT departement_code AS d, time_zone AS z FROM sites ORDER BY 1, 2 LIMIT 1)
                         UNION ALL
                         SELECT n.d, n.z FROM pairs q CROSS JOIN LATERAL (
                           SELECT departement_code AS d, time_zone AS z FROM sites
                            WHERE (departement_code, time_zone) > (q.d, q.z) ORDER BY 1, 2 LIMIT 1) n)
                       SELECT x.id FROM pairs q CROSS JOIN LATERAL (
                         SELECT x.id FROM sites x WHERE x.departement_code = q.d AND x.time_zone = q.z OFFSET 0) x
                        WHERE q.z <> ALL(${p(everywhere.timeZones)}::text[])
                           OR q.d <> ALL(${p(everywhere.departementCodes)}::text[]))))`);
      }
      // Inside the hours' EXISTS rather than beside it: as a condition of its own on the sites, it made the
      // planner expect fewer sites, join the whole région by hash and sort it (100 ms for région 76 on a
      // day next to a holiday) instead of walking the région's index in order and stopping after a page.
      const notHoliday =
        holidays.length > 0
          ? `AND (NOT (s.departement_code || ' ' || to_char(${day}, 'YYYY-MM-DD')) = ANY(${p(holidays.map(holidayKey))}::text[])
                  OR EXISTS (SELECT 1 FROM site_holiday_openings o WHERE o.site_id = s.id AND o.date = ${day}))`
          : '';
      // One of the day's opening periods (touching ones joined) holds the window, on a day that is not a
      // holiday the site keeps. Closing times stop at 23:59, so a window over local midnight is open
      // nowhere, as the rules say. Written out rather than in a function, which PostgreSQL would call once
      // per space (ten times slower).
      where.push(`EXISTS (SELECT 1 FROM (SELECT range_agg(tstzrange(p.opens, p.closes)) AS open
                            FROM jsonb_array_elements(coalesce(sp.opening_hours, s.opening_hours)) w
                            CROSS JOIN LATERAL (SELECT ${laid('opens')} AS opens, ${laid('closes')} AS closes) p
                           WHERE (w->>'weekday')::int = extract(isodow FROM ${day}) AND p.opens < p.closes) o
                   WHERE o.open @> tstzrange(${start}, ${end}) ${notHoliday})`);
      // Same status filter as the partial window index, so that the planner can use it.
      where.push(`NOT EXISTS (SELECT 1 FROM bookings b WHERE b.space_id = sp.id AND b.status IN ('pending', 'confirmed')
                   AND b.blocked_period && tstzrange(${start}, ${end}))`);
    }
    let distance = 'NULL::double precision';
    if (f.near) {
      const lat = p(f.near.lat);
      const lon = p(f.near.lon);
      const dLat = f.near.radiusKm / 111.2;
      const dLon = f.near.radiusKm / (111.2 * Math.max(0.01, Math.cos((f.near.lat * Math.PI) / 180)));
      // The bounding box, on the GiST index of the sites' positions; then the exact distance.
      where.push(
        `point(s.longitude, s.latitude) <@ box(point(${p(f.near.lon - dLon)}, ${p(f.near.lat - dLat)}), point(${p(f.near.lon + dLon)}, ${p(f.near.lat + dLat)}))`,
      );
      distance = `6371 * 2 * asin(sqrt(power(sin(radians(s.latitude - ${lat}) / 2), 2)
                   + cos(radians(${lat})) * cos(radians(s.latitude)) * power(sin(radians(s.longitude - ${lon}) / 2), 2)))`;
    }
    const sortKey = f.near
      ? `lpad(to_char(x.distance_km * 1000, 'FM0000000000'), 10, '0')`
      : `x.site_name || chr(1) || x.name`;
    // Without a point, sorted by site name then space name as separate columns, so that the planner can walk
    // the index of the area's sites in name order and stop after one page instead of sorting the whole area.
    const order = f.near ? [sortKey, 'x.id'] : ['x.site_name', 'x.name', 'x.id'];
    let keyset = '';
    if (after) {
      const [siteName, name = ''] = after.key.split('\u0001');
      keyset = f.near
        ? `WHERE (${sortKey}, x.id) > (${p(after.key)}, ${p(after.id)}::uuid)`
        : `WHERE (x.site_name, x.name, x.id) > (${p(siteName)}, ${p(name)}, ${p(after.id)}::uuid)`;
    }
    const rows = await this.db.query(
      `SELECT x.*, ${sortKey} AS sort_key FROM (
         ${SELECT_SPACE.replace('SELECT sp.id,', `SELECT ${distance} AS distance_km, sp.id,`).replace('s.name AS site_name', 'sp.site_name')}
          WHERE ${where.join(' AND ')}
       ) x
       ${f.near ? `${keyset ? keyset + ' AND' : 'WHERE'} x.distance_km <= ${p(f.near.radiusKm)}` : keyset}
       ORDER BY ${order.join(', ')} LIMIT ${p(limit)}`,
      params,
    );
    return rows.map((r: SpaceRow & { distance_km: number | null; sort_key: string }) => ({
      ...toSpace(r),
      ...(r.distance_km !== null ? { distanceKm: Math.round(r.distance_km * 100) / 100 } : {}),
      sortKey: r.sort_key,
    }));
  }
}

export interface SpaceRow {
  id: string;
  name: string;
  kind: Space['kind'];
  area_sqm: string;
  capacity: number;
  equipment: string[];
  step_free: boolean;
  description: string;
  status: Space['status'];
  approval_required: boolean;
  slot_step_minutes: number;
  min_duration_minutes: number;
  max_duration_minutes: number;
  min_notice_minutes: number;
  horizon_days: number;
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  hourly_rate_cents: number;
  audience: SpaceAudience;
  check_in_minutes: number | null;
  site_id: string;
  site_name: string;
  address: string;
  postcode: string;
  commune: string;
  departement_code: string;
  region_code: string;
  time_zone: string;
  latitude: number;
  longitude: number;
  opening_hours: WeeklyWindow[];
  own_opening_hours: WeeklyWindow[] | null;
}

/** A photo as the API shows it: its size and the addresses of its two versions. */
export function photoView(spaceId: string, p: { id: string; width: number; height: number }): SpacePhoto {
  const base = `${API_BASE_PATH}/spaces/${spaceId}/photos/${p.id}`;
  return { id: p.id, width: p.width, height: p.height, url: `${base}/large`, thumbnailUrl: `${base}/thumb` };
}

export function toSpace(r: SpaceRow): BookableSpace {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    areaSqm: Number(r.area_sqm),
    capacity: r.capacity,
    equipment: r.equipment,
    stepFree: r.step_free,
    description: r.description,
    status: r.status,
    site: {
      id: r.site_id,
      name: r.site_name,
      address: r.address,
      postcode: r.postcode,
      commune: r.commune,
      departementCode: r.departement_code,
      regionCode: r.region_code,
      timeZone: r.time_zone,
      latitude: r.latitude,
      longitude: r.longitude,
    },
    policy: {
      approvalRequired: r.approval_required,
      slotStepMinutes: r.slot_step_minutes,
      minDurationMinutes: r.min_duration_minutes,
      maxDurationMinutes: r.max_duration_minutes,
      minNoticeMinutes: r.min_notice_minutes,
      horizonDays: r.horizon_days,
      bufferBeforeMinutes: r.buffer_before_minutes,
      bufferAfterMinutes: r.buffer_after_minutes,
      audience: r.audience,
      checkInMinutes: r.check_in_minutes,
    },
    price: { hourlyRateCents: r.hourly_rate_cents },
    openingHours: r.opening_hours,
    ownOpeningHours: r.own_opening_hours,
  };
}
