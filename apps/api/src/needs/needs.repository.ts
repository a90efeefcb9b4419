import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ESUS_APPROVAL_YEARS, type NeedCloseReason, type NeedStatus } from '@lieux/contracts';
import type { NeedBooker, NeedCriteria, NeedSiteCalendar, Period, SiteDiscount } from '@lieux/scheduling';
import { SELECT_SPACE, toSpace, type SpaceRow } from '../sites/spaces.repository';
import type { BookableSpace } from '../sites/sites.types';
import { localTodaySql, TODAY_IN_REUNION } from '../geography/time-zones';

/** A need as stored. */
export interface NeedRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  kind: string | null;
  min_area_m2: string | null;
  attendees: number;
  equipment: string[];
  step_free: boolean;
  date_from: string;
  date_until: string;
  start_time: string;
  end_time: string;
  weekdays: number[];
  per_week: number | null;
  commune_code: string | null;
  radius_km: string | null;
  departement_code: string;
  region_code: string;
  latitude: number;
  longitude: number;
  max_hourly_rate_cents: number | null;
  purpose: string;
  theme: string;
  contactable: boolean;
  notify_matches: boolean;
  status: NeedStatus;
  closed_reason: NeedCloseReason | null;
  occurrences_wanted: number;
  hours_wanted: string;
  match_count: number;
  matched_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const SELECT_NEED = `
  SELECT n.id, n.organisation_id, o.name AS organisation_name, n.kind, n.min_area_m2, n.attendees, n.equipment, n.step_free,
         to_char(n.date_from, 'YYYY-MM-DD') AS date_from, to_char(n.date_until, 'YYYY-MM-DD') AS date_until,
         to_char(n.start_time, 'HH24:MI') AS start_time, to_char(n.end_time, 'HH24:MI') AS end_time,
         n.weekdays::int[] AS weekdays, n.per_week::int AS per_week, n.commune_code, n.radius_km, n.departement_code, n.region_code,
         n.latitude, n.longitude, n.max_hourly_rate_cents, n.purpose, n.theme, n.contactable, n.notify_matches, n.status,
         n.closed_reason, n.occurrences_wanted, n.hours_wanted, n.match_count, n.matched_at, n.created_at, n.updated_at
    FROM needs n JOIN organisations o ON o.id = n.organisation_id`;

/** The fields a need is written with. */
export interface NeedValues {
  kind: string | null;
  minAreaM2: number | null;
  attendees: number;
  equipment: string[];
  stepFree: boolean;
  from: string;
  until: string;
  startTime: string;
  endTime: string;
  weekdays: number[];
  perWeek: number | null;
  communeCode: string | null;
  radiusKm: number | null;
  departementCode: string;
  regionCode: string;
  latitude: number;
  longitude: number;
  maxHourlyRateCents: number | null;
  purpose: string;
  theme: string;
  contactable: boolean;
  notifyMatches: boolean;
  occurrencesWanted: number;
  hoursWanted: number;
}

const VALUE_COLUMNS = [
  'kind',
  'min_area_m2',
  'attendees',
  'equipment',
  'step_free',
  'date_from',
  'date_until',
  'start_time',
  'end_time',
  'weekdays',
  'per_week',
  'commune_code',
  'radius_km',
  'departement_code',
  'region_code',
  'latitude',
  'longitude',
  'max_hourly_rate_cents',
  'purpose',
  'theme',
  'contactable',
  'notify_matches',
  'occurrences_wanted',
  'hours_wanted',
];

const valuesOf = (v: NeedValues) => [
  v.kind,
  v.minAreaM2,
  v.attendees,
  v.equipment,
  v.stepFree,
  v.from,
  v.until,
  v.startTime,
  v.endTime,
  v.weekdays,
  v.perWeek,
  v.communeCode,
  v.radiusKm,
  v.departementCode,
  v.regionCode,
  v.latitude,
  v.longitude,
  v.maxHourlyRateCents,
  v.purpose,
  v.theme,
  v.contactable,
  v.notifyMatches,
  v.occurrencesWanted,
  v.hoursWanted,
];

/** What the matching of a need reads of it. */
export function criteriaOf(r: NeedRow): NeedCriteria {
  return {
    kind: r.kind,
    minAreaM2: r.min_area_m2 === null ? null : Number(r.min_area_m2),
    attendees: r.attendees,
    equipment: r.equipment,
    stepFree: r.step_free,
    maxHourlyRateCents: r.max_hourly_rate_cents,
    place: {
      latitude: r.latitude,
      longitude: r.longitude,
      radiusKm: r.radius_km === null ? null : Number(r.radius_km),
      departementCode: r.departement_code,
    },
    schedule: {
      from: r.date_from,
      until: r.date_until,
      startTime: r.start_time,
      endTime: r.end_time,
      weekdays: r.weekdays,
      perWeek: r.per_week,
    },
  };
}

/** A match row to keep: the space, its free occurrences and distance. */
export interface MatchRow {
  spaceId: string;
  occurrencesFree: number;
  distanceKm: number | null;
}

const BOOKER = `o.verification, o.legal_form, o.departement_code, o.region_code,
  coalesce(o.esus_approved_on + make_interval(years => ${ESUS_APPROVAL_YEARS}) >= ${localTodaySql('o.departement_code')}, false) AS esus`;

interface BookerRow {
  id: string;
  verification: string;
  legal_form: string;
  departement_code: string;
  region_code: string;
  esus: boolean;
}

const bookerOf = (r: BookerRow, discounts: SiteDiscount[]): NeedBooker => ({
  verification: r.verification,
  legalForm: r.legal_form,
  esus: r.esus,
  departementCode: r.departement_code,
  regionCode: r.region_code,
  discounts,
});

@Injectable()
export class NeedsRepository {
  constructor(private readonly db: DataSource) {}

  async find(id: string, em: EntityManager = this.db.manager, lock = false): Promise<NeedRow | null> {
    const rows = await em.query(`${SELECT_NEED} WHERE n.id = $1${lock ? ' FOR UPDATE OF n' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async list(
    organisationId: string,
    statuses: string[] | undefined,
    limit: number,
    after?: { createdAt: string; id: string },
  ): Promise<NeedRow[]> {
    const params: unknown[] = [organisationId, limit];
    const where = ['n.organisation_id = $1'];
    if (statuses?.length) {
      params.push(statuses);
      where.push(`n.status = ANY($${params.length}::text[])`);
    }
    if (after) {
      params.push(after.createdAt, after.id);
      where.push(`(n.created_at, n.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    return this.db.query(
      `${SELECT_NEED} WHERE ${where.join(' AND ')} ORDER BY n.created_at DESC, n.id DESC LIMIT $2`,
      params,
    );
  }

  async insert(em: EntityManager, organisationId: string, createdBy: string, v: NeedValues): Promise<string> {
    const cols = ['organisation_id', 'created_by', ...VALUE_COLUMNS];
    const [row] = await em.query(
      `INSERT INTO needs (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      [organisationId, createdBy, ...valuesOf(v)],
    );
    return row.id;
  }

  async update(em: EntityManager, id: string, v: NeedValues): Promise<void> {
    await em.query(
      `UPDATE needs SET ${VALUE_COLUMNS.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
      [id, ...valuesOf(v)],
    );
  }

  async close(em: EntityManager, id: string, reason: NeedCloseReason): Promise<void> {
    await em.query(
      `UPDATE needs SET status = 'closed', closed_reason = $2, updated_at = now() WHERE id = $1`,
      [id, reason],
    );
  }

  async markBooked(em: EntityManager, id: string): Promise<void> {
    await em.query(
      `UPDATE needs SET status = 'booked', updated_at = now() WHERE id = $1 AND status IN ('open', 'matched')`,
      [id],
    );
  }

  /** The centre of a commune's sites, else of its département's, else of its région's: where a need is placed. */
  async centreOf(communeCode: string | null, departementCode: string, regionCode: string) {
    const [row] = await this.db.query(
      `SELECT coalesce(c.lat, d.lat, r.lat) AS latitude, coalesce(c.lon, d.lon, r.lon) AS longitude
         FROM (SELECT avg(latitude) AS lat, avg(longitude) AS lon FROM sites WHERE commune_code = $1) c,
              (SELECT avg(latitude) AS lat, avg(longitude) AS lon FROM sites WHERE departement_code = $2) d,
              (SELECT avg(latitude) AS lat, avg(longitude) AS lon FROM sites WHERE region_code = $3) r`,
      [communeCode ?? '', departementCode, regionCode],
    );
    return row.latitude === null
      ? null
      : { latitude: Number(row.latitude), longitude: Number(row.longitude) };
  }

  /** The need's organisation as the booking path judges it, without a site's discounts. */
  async booker(organisationId: string, em: EntityManager = this.db.manager): Promise<NeedBooker | null> {
    const [r] = await em.query(`SELECT o.id, ${BOOKER} FROM organisations o WHERE o.id = $1`, [
      organisationId,
    ]);
    return r ? bookerOf(r, []) : null;
  }

  /** Several organisations with one site's discounts, by organisation id. */
  async bookersAt(
    organisationIds: string[],
    siteId: string,
    em: EntityManager = this.db.manager,
  ): Promise<Map<string, NeedBooker>> {
    // One after the other: `em` may be a transaction's one connection.
    const rows = await em.query(`SELECT o.id, ${BOOKER} FROM organisations o WHERE o.id = ANY($1::uuid[])`, [
      organisationIds,
    ]);
    const discounts = await em.query(`SELECT basis, percent FROM site_discounts WHERE site_id = $1`, [
      siteId,
    ]);
    return new Map(rows.map((r: BookerRow) => [r.id, bookerOf(r, discounts)]));
  }

  /**
   * The published spaces that may meet the need, in one query: the catalogue's filters (kind, area,
   * people, equipment, step-free), within reach (the bounding box on the sites' GiST index, then the
   * distance), inside the audience the organisation belongs to, and under the price ceiling after its
   * discount at each site. Matching judges each again in `spaceFitsNeed`: this only narrows.
   */
  async candidates(
    need: NeedCriteria,
    booker: NeedBooker,
    em: EntityManager = this.db.manager,
    /** Only among the `nearest` sites to the need's point (by the GiST index's ordering, in degrees). */
    nearest?: number,
    /** Only this space (booking from a match), or these (the stored best matches). */
    spaceId?: string | string[],
  ): Promise<(BookableSpace & { discounts: SiteDiscount[] })[]> {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = [`sp.status = 'published'`, `sp.capacity >= ${p(need.attendees)}`];
    if (need.kind) where.push(`sp.kind = ${p(need.kind)}`);
    if (need.minAreaM2 !== null) where.push(`sp.area_sqm >= ${p(need.minAreaM2)}`);
    if (need.equipment.length) where.push(`sp.equipment @> ${p(need.equipment)}::text[]`);
    if (need.stepFree) where.push(`sp.step_free`);
    const dep = p(booker.departementCode);
    const reg = p(booker.regionCode);
    where.push(`(sp.audience = 'all' OR (sp.audience = 'departement' AND sp.departement_code = ${dep})
                 OR (sp.audience = 'region' AND sp.region_code = ${reg}))`);
    const { place } = need;
    if (place.radiusKm === null) {
      const d = p(place.departementCode);
      where.push(`sp.departement_code = ${d}`, `s.departement_code = ${d}`);
    } else {
      // A little wider than the radius: the distance is judged again, exactly, in `spaceFitsNeed`.
      const radius = place.radiusKm + 0.5;
      const dLat = radius / 111.2;
      const dLon = radius / (111.2 * Math.max(0.01, Math.cos((place.latitude * Math.PI) / 180)));
      where.push(
        `point(s.longitude, s.latitude) <@ box(point(${p(place.longitude - dLon)}, ${p(place.latitude - dLat)}), point(${p(place.longitude + dLon)}, ${p(place.latitude + dLat)}))`,
      );
    }
    if (need.maxHourlyRateCents !== null) {
      const legalForm = p(booker.legalForm);
      const esus = p(booker.esus);
      where.push(`round(sp.hourly_rate_cents * (100 - coalesce((SELECT max(least(d.percent, 100)) FROM site_discounts d
                   WHERE d.site_id = s.id AND (d.basis = ${legalForm} OR (d.basis = 'esus' AND ${esus}))), 0)) / 100.0)
                   <= ${p(need.maxHourlyRateCents + 0.5)}`);
    }
    if (typeof spaceId === 'string') where.push(`sp.id = ${p(spaceId)}`);
    else if (spaceId !== undefined) where.push(`sp.id = ANY(${p(spaceId)}::uuid[])`);
    if (nearest !== undefined) {
      where.push(`s.id IN (SELECT n.id FROM sites n ORDER BY point(n.longitude, n.latitude) <-> point(${p(place.longitude)}, ${p(place.latitude)})
                           LIMIT ${p(nearest)})`);
    }
    const rows = await em.query(
      `SELECT x.*, coalesce((SELECT json_agg(json_build_object('basis', d.basis, 'percent', d.percent))
                               FROM site_discounts d WHERE d.site_id = x.site_id), '[]'::json) AS discounts
         FROM (${SELECT_SPACE} WHERE ${where.join(' AND ')}) x`,
      params,
    );
    return rows.map((r: SpaceRow & { discounts: SiteDiscount[] }) => ({
      ...toSpace(r),
      photos: [],
      discounts: r.discounts,
    }));
  }

  /**
   * How far, in degrees as the sites' GiST index measures, the `nearest`-th site from a point lies; null
   * when there are no more sites than that.
   */
  async nearestReach(
    latitude: number,
    longitude: number,
    nearest: number,
    em: EntityManager = this.db.manager,
  ) {
    const rows = await em.query(
      `SELECT point(longitude, latitude) <-> point($1, $2) AS d FROM sites
        ORDER BY point(longitude, latitude) <-> point($1, $2) OFFSET $3 - 1 LIMIT 1`,
      [longitude, latitude, nearest],
    );
    const [count] = await em.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM sites LIMIT $1 + 1) x`, [
      nearest,
    ]);
    return count.n > nearest && rows[0] ? Number(rows[0].d) : null;
  }

  /** One space whatever its status (a space archived must lose its matches). */
  async space(id: string, em: EntityManager = this.db.manager): Promise<BookableSpace | null> {
    const rows = await em.query(`${SELECT_SPACE} WHERE sp.id = $1`, [id]);
    return rows[0] ? { ...toSpace(rows[0]), photos: [] } : null;
  }

  /** The closures and holiday openings of sites between two local dates, by site. */
  async calendars(
    siteIds: string[],
    fromDate: string,
    toDate: string,
    em: EntityManager = this.db.manager,
  ): Promise<
    Map<
      string,
      NeedSiteCalendar & {
        closures: { startsOn: string; endsOn: string; reason: string }[];
        holidayOpenings: string[];
      }
    >
  > {
    const bySite = new Map(
      siteIds.map((id) => [
        id,
        {
          closures: [] as { startsOn: string; endsOn: string; reason: string }[],
          holidayOpenings: [] as string[],
        },
      ]),
    );
    if (siteIds.length === 0) return bySite;
    const closures = await em.query(
      `SELECT site_id, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", reason
           FROM site_closures WHERE site_id = ANY($1::uuid[]) AND starts_on <= $3 AND ends_on >= $2`,
      [siteIds, fromDate, toDate],
    );
    const openings = await em.query(
      `SELECT site_id, to_char(date, 'YYYY-MM-DD') AS date FROM site_holiday_openings
          WHERE site_id = ANY($1::uuid[]) AND date BETWEEN $2 AND $3`,
      [siteIds, fromDate, toDate],
    );
    for (const { site_id, ...c } of closures) bySite.get(site_id)?.closures.push(c);
    for (const o of openings) bySite.get(o.site_id)?.holidayOpenings.push(o.date);
    return bySite;
  }

  /**
   * The blocked periods of the active bookings of some spaces over a span (a need's first to last
   * occurrence), by space: one query, one probe of the exclusion constraint's index (space, blocked
   * period) per space.
   */
  async taken(
    spaceIds: string[],
    span: Period | null,
    em: EntityManager = this.db.manager,
  ): Promise<Map<string, Period[]>> {
    const bySpace = new Map<string, Period[]>(spaceIds.map((id) => [id, []]));
    if (spaceIds.length === 0 || !span) return bySpace;
    const rows: { space_id: string; s: Date; e: Date }[] = await em.query(
      `SELECT b.space_id, lower(b.blocked_period) AS s, upper(b.blocked_period) AS e
         FROM bookings b
        WHERE b.space_id = ANY($1::uuid[]) AND b.blocked_period && tstzrange($2, $3)
          AND b.status IN ('pending', 'confirmed')`,
      [spaceIds, new Date(span.start).toISOString(), new Date(span.end).toISOString()],
    );
    for (const r of rows) bySpace.get(r.space_id)?.push({ start: r.s.getTime(), end: r.e.getTime() });
    return bySpace;
  }

  /**
   * The spaces of a need's `shown` best stored matches (most free occurrences, then nearest), with every
   * row tied with the last of them (the price, which breaks the ties, is not stored).
   */
  async storedBest(needId: string, shown: number, em: EntityManager = this.db.manager): Promise<string[]> {
    const rows = await em.query(
      `SELECT space_id FROM (
         SELECT space_id, rank() OVER (ORDER BY occurrences_free DESC, coalesce(distance_km, 0)) AS r
           FROM need_matches WHERE need_id = $1) x
        WHERE r <= $2`,
      [needId, shown],
    );
    return rows.map((r: { space_id: string }) => r.space_id);
  }

  /** The need's current match rows' space ids. */
  async matchedSpaces(em: EntityManager, needId: string): Promise<string[]> {
    const rows = await em.query(`SELECT space_id FROM need_matches WHERE need_id = $1`, [needId]);
    return rows.map((r: { space_id: string }) => r.space_id);
  }

  /**
   * Rewrites one need's matches: rows of spaces no longer meeting it go, new ones come with
   * `notified_at` NULL, the others keep theirs; then the need's count and status (open ↔ matched).
   */
  async rewrite(em: EntityManager, needId: string, matches: MatchRow[]): Promise<void> {
    await em.query(`DELETE FROM need_matches WHERE need_id = $1 AND NOT (space_id = ANY($2::uuid[]))`, [
      needId,
      matches.map((m) => m.spaceId),
    ]);
    await this.upsert(em, needId, matches);
    await this.recount(em, [needId]);
  }

  async upsert(em: EntityManager, needId: string, matches: MatchRow[]): Promise<void> {
    if (matches.length === 0) return;
    await em.query(
      `INSERT INTO need_matches (need_id, space_id, occurrences_free, distance_km)
       SELECT $1, * FROM unnest($2::uuid[], $3::int[], $4::double precision[])
       ON CONFLICT (need_id, space_id) DO UPDATE
         SET occurrences_free = EXCLUDED.occurrences_free, distance_km = EXCLUDED.distance_km, updated_at = now()
         WHERE (need_matches.occurrences_free, need_matches.distance_km)
               IS DISTINCT FROM (EXCLUDED.occurrences_free, EXCLUDED.distance_km)`,
      [
        needId,
        matches.map((m) => m.spaceId),
        matches.map((m) => m.occurrencesFree),
        matches.map((m) => m.distanceKm),
      ],
    );
  }

  async deleteMatch(em: EntityManager, needIds: string[], spaceId: string): Promise<void> {
    if (needIds.length === 0) return;
    await em.query(`DELETE FROM need_matches WHERE need_id = ANY($1::uuid[]) AND space_id = $2`, [
      needIds,
      spaceId,
    ]);
  }

  async upsertForSpace(
    em: EntityManager,
    spaceId: string,
    matches: (MatchRow & { needId: string })[],
  ): Promise<void> {
    if (matches.length === 0) return;
    await em.query(
      `INSERT INTO need_matches (need_id, space_id, occurrences_free, distance_km)
       SELECT n, $1, f, d FROM unnest($2::uuid[], $3::int[], $4::double precision[]) u(n, f, d)
       ON CONFLICT (need_id, space_id) DO UPDATE
         SET occurrences_free = EXCLUDED.occurrences_free, distance_km = EXCLUDED.distance_km, updated_at = now()
         WHERE (need_matches.occurrences_free, need_matches.distance_km)
               IS DISTINCT FROM (EXCLUDED.occurrences_free, EXCLUDED.distance_km)`,
      [
        spaceId,
        matches.map((m) => m.needId),
        matches.map((m) => m.occurrencesFree),
        matches.map((m) => m.distanceKm),
      ],
    );
  }

  /** Each need's count of matches, and open ↔ matched for the live ones. */
  async recount(em: EntityManager, needIds: string[]): Promise<void> {
    if (needIds.length === 0) return;
    await em.query(
      `UPDATE needs n SET match_count = c.count, matched_at = now(),
              status = CASE WHEN n.status IN ('open', 'matched') THEN (CASE WHEN c.count > 0 THEN 'matched' ELSE 'open' END)
                            ELSE n.status END
         FROM (SELECT id, (SELECT count(*)::int FROM need_matches m WHERE m.need_id = id) AS count
                 FROM unnest($1::uuid[]) id) c
        WHERE n.id = c.id`,
      [needIds],
    );
  }

  /**
   * The live needs a change of one space between two local dates may concern, locked in id order: the
   * needs it meets already, and unless `matchedOnly` those within reach of its site whose dates overlap
   * and whose catalogue filters it passes (narrowing only; matching judges again).
   */
  async concerned(
    em: EntityManager,
    space: BookableSpace | null,
    spaceId: string,
    from: string,
    to: string,
    matchedOnly: boolean,
  ): Promise<(NeedRow & { had_match: boolean })[]> {
    const nearby =
      space && !matchedOnly && space.status === 'published'
        ? `UNION
           SELECT n.id FROM needs n
            WHERE n.status IN ('open', 'matched') AND n.date_until >= $2::date AND n.date_from <= $3::date
              AND n.attendees <= $6 AND (n.kind IS NULL OR n.kind = $7) AND (n.min_area_m2 IS NULL OR n.min_area_m2 <= $8)
              AND (NOT n.step_free OR $9) AND n.equipment <@ $10::text[]
              AND CASE WHEN n.commune_code IS NULL THEN n.departement_code = $11
                       ELSE n.latitude BETWEEN $4::double precision - 1 AND $4::double precision + 1
                        AND abs(n.latitude - $4) <= (n.radius_km + 0.5) / 111.2
                        AND 6371 * 2 * asin(sqrt(power(sin(radians(n.latitude - $4) / 2), 2)
                              + cos(radians($4)) * cos(radians(n.latitude)) * power(sin(radians(n.longitude - $5) / 2), 2)))
                            <= n.radius_km + 0.5 END`
        : '';
    const params: unknown[] = [spaceId, from, to];
    if (nearby && space) {
      params.push(
        space.site.latitude,
        space.site.longitude,
        space.capacity,
        space.kind,
        space.areaSqm,
        space.stepFree,
        space.equipment,
        space.site.departementCode,
      );
    }
    return em.query(
      `${SELECT_NEED.replace(
        'SELECT n.id,',
        'SELECT EXISTS (SELECT 1 FROM need_matches h WHERE h.need_id = n.id AND h.space_id = $1) AS had_match, n.id,',
      )}
        WHERE n.id IN (SELECT m.need_id FROM need_matches m JOIN needs n ON n.id = m.need_id
                        WHERE m.space_id = $1 AND n.status IN ('open', 'matched')
                          AND n.date_until >= $2::date AND n.date_from <= $3::date
                       ${nearby})
        ORDER BY n.id FOR UPDATE OF n`,
      params,
    );
  }

  /**
   * One drain of the dirty queue at a time, across processes, until `em`'s transaction ends. Side by side,
   * a drain that read a space before it changed could write its match after the drain that saw the
   * change had deleted it (both lock the needs only once they have read the space).
   */
  async lockDrain(em: EntityManager): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('lieux:need-drain'))`);
  }

  /**
   * Takes the oldest rows of the dirty queue (skipping those another run holds), merged per space.
   * Must run inside the transaction that re-matches and deletes them.
   */
  async takeDirty(
    em: EntityManager,
    limit: number,
  ): Promise<{
    ids: string[];
    spaces: { spaceId: string; from: string; to: string; matchedOnly: boolean }[];
  }> {
    const rows: { ids: string[]; space_id: string; f: string; t: string; matched_only: boolean }[] =
      await em.query(
        `WITH picked AS (SELECT id, space_id, from_date, to_date, matched_only FROM need_dirty ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
       SELECT array_agg(id::text) AS ids, space_id,
              CASE WHEN min(from_date) = '-infinity' THEN '0001-01-01' ELSE to_char(min(from_date), 'YYYY-MM-DD') END AS f,
              CASE WHEN max(to_date) = 'infinity' THEN '9999-12-31' ELSE to_char(max(to_date), 'YYYY-MM-DD') END AS t,
              bool_and(matched_only) AS matched_only
         FROM picked GROUP BY space_id ORDER BY min(id)`,
        [limit],
      );
    return {
      ids: rows.flatMap((r) => r.ids),
      spaces: rows.map((r) => ({ spaceId: r.space_id, from: r.f, to: r.t, matchedOnly: r.matched_only })),
    };
  }

  async deleteDirty(em: EntityManager, ids: string[]): Promise<void> {
    if (ids.length) await em.query(`DELETE FROM need_dirty WHERE id = ANY($1::bigint[])`, [ids]);
  }

  /** Live needs never matched (written by another path than `POST /needs`: demo data, imports). */
  async unmatched(limit: number): Promise<string[]> {
    const rows = await this.db.query(
      `SELECT id FROM needs WHERE matched_at IS NULL AND status IN ('open', 'matched') ORDER BY created_at LIMIT $1`,
      [limit],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  /** Live needs whose last day has passed where they are expire. */
  async expire(): Promise<number> {
    const rows = await this.db.query(
      `UPDATE needs SET status = 'expired', updated_at = now()
        WHERE status IN ('open', 'matched') AND date_until < ${TODAY_IN_REUNION}
          AND date_until < ${localTodaySql('departement_code')}
        RETURNING id`,
    );
    return rows.length;
  }
}
