import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { localTodaySql, TODAY_IN_ANTILLES } from '../geography/time-zones';
import type { NeedRow } from './needs.repository';

/** The live statuses: a need still looking for a space. */
const LIVE = `n.status IN ('open', 'matched')`;
/** A need is unmet demand until its last day ends where it is (the first bound for the index). */
const NOT_PAST = `n.date_until >= ${TODAY_IN_ANTILLES} AND n.date_until >= ${localTodaySql('n.departement_code')}`;

export interface NearbySite {
  id: string;
  name: string;
  commune: string;
  departement_code: string;
  region_code: string;
  time_zone: string;
  latitude: number;
  longitude: number;
}

/** A live need as the demand side reads it: the stored need's columns, with its distance to a site. */
export type NearbyNeedRow = Pick<
  NeedRow,
  | 'id'
  | 'organisation_id'
  | 'organisation_name'
  | 'kind'
  | 'min_area_m2'
  | 'attendees'
  | 'equipment'
  | 'step_free'
  | 'date_from'
  | 'date_until'
  | 'start_time'
  | 'end_time'
  | 'weekdays'
  | 'per_week'
  | 'commune_code'
  | 'departement_code'
  | 'max_hourly_rate_cents'
  | 'purpose'
  | 'theme'
  | 'contactable'
  | 'status'
  | 'match_count'
  | 'occurrences_wanted'
  | 'created_at'
> & { distance_km: number | null };

export interface SiteSpaceRow {
  id: string;
  kind: string;
  area_sqm: string;
  capacity: number;
  equipment: string[];
  step_free: boolean;
  hourly_rate_cents: number;
}

export interface UnmetRow {
  code: string;
  departement_code: string;
  region_code: string;
  kind: string | null;
  area_band: string;
  needs: number;
  organisations: number;
  occurrences_wanted: number;
  hours_wanted: string;
  latitude: number;
  longitude: number;
}

export type UnmetScope =
  { kind: 'national' } | { kind: 'region'; code: string } | { kind: 'departement'; code: string };

/** Great-circle distance in km from the site ($1 lat, $2 lon) to the need's point. */
const DISTANCE = `6371 * 2 * asin(sqrt(power(sin(radians(n.latitude - $1) / 2), 2)
  + cos(radians($1)) * cos(radians(n.latitude)) * power(sin(radians(n.longitude - $2) / 2), 2)))`;

/** The reads of needs from the places' side: near a site, unmet by place, and the match e-mails due. */
@Injectable()
export class NeedsDemandRepository {
  constructor(private readonly db: DataSource) {}

  async site(id: string): Promise<NearbySite | undefined> {
    const [s] = await this.db.query(
      `SELECT id, name, commune, departement_code, region_code, time_zone, latitude, longitude FROM sites WHERE id = $1`,
      [id],
    );
    return s;
  }

  /**
   * Live needs within reach of a site, newest first: a commune need whose circle holds the site, a
   * département need of the site's département. Keyset on (created_at, id).
   */
  nearby(
    site: NearbySite,
    limit: number,
    after?: { createdAt: string; id: string },
    needId?: string,
  ): Promise<NearbyNeedRow[]> {
    const maxRadius = 100;
    const dLat = maxRadius / 111.2;
    const dLon = maxRadius / (111.2 * Math.max(0.01, Math.cos((site.latitude * Math.PI) / 180)));
    const params: unknown[] = [
      site.latitude,
      site.longitude,
      site.departement_code,
      site.longitude - dLon,
      site.latitude - dLat,
      site.longitude + dLon,
      site.latitude + dLat,
    ];
    const where = [LIVE, `n.date_until >= (now() AT TIME ZONE $${params.push(site.time_zone)})::date`];
    if (after) {
      params.push(after.createdAt, after.id);
      where.push(`(n.created_at, n.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    if (needId) where.push(`n.id = $${params.push(needId)}`);
    return this.db.query(
      `SELECT * FROM (
         SELECT n.id, n.organisation_id, o.name AS organisation_name, n.kind, n.min_area_m2, n.attendees, n.equipment,
                n.step_free, to_char(n.date_from, 'YYYY-MM-DD') AS date_from,
                to_char(n.date_until, 'YYYY-MM-DD') AS date_until, to_char(n.start_time, 'HH24:MI') AS start_time,
                to_char(n.end_time, 'HH24:MI') AS end_time, n.weekdays::int[] AS weekdays, n.per_week::int AS per_week,
                n.commune_code, n.departement_code, n.max_hourly_rate_cents, n.purpose, n.theme, n.contactable,
                n.status, n.match_count, n.occurrences_wanted, n.created_at, n.radius_km,
                CASE WHEN n.commune_code IS NULL THEN NULL ELSE ${DISTANCE} END AS distance_km
           FROM needs n JOIN organisations o ON o.id = n.organisation_id
          WHERE ${where.join(' AND ')}
            AND ((n.commune_code IS NULL AND n.departement_code = $3)
              OR (n.commune_code IS NOT NULL
                  AND point(n.longitude, n.latitude) <@ box(point($4, $5), point($6, $7))))
       ) x
       WHERE x.commune_code IS NULL OR x.distance_km <= x.radius_km
       ORDER BY x.created_at DESC, x.id DESC
       LIMIT ${Math.floor(limit)}`,
      params,
    );
  }

  /** The site's published spaces, and what stands in their way (closures, holidays it opens, bookings). */
  async siteCalendar(siteId: string, from: string, until: string) {
    const [spaces, closures, openings] = await Promise.all([
      this.db.query(
        `SELECT id, kind, area_sqm, capacity, equipment, step_free, hourly_rate_cents FROM spaces
          WHERE site_id = $1 AND status = 'published'`,
        [siteId],
      ) as Promise<SiteSpaceRow[]>,
      this.db.query(
        `SELECT to_char(starts_on, 'YYYY-MM-DD') AS "from", to_char(ends_on, 'YYYY-MM-DD') AS "to"
           FROM site_closures WHERE site_id = $1 AND ends_on >= $2 AND starts_on <= $3`,
        [siteId, from, until],
      ) as Promise<{ from: string; to: string }[]>,
      this.db.query(
        `SELECT to_char(date, 'YYYY-MM-DD') AS date FROM site_holiday_openings
          WHERE site_id = $1 AND date BETWEEN $2 AND $3`,
        [siteId, from, until],
      ) as Promise<{ date: string }[]>,
    ]);
    const busy: { space_id: string; start: Date; end: Date }[] =
      spaces.length === 0
        ? []
        : await this.db.query(
            `SELECT b.space_id, lower(b.blocked_period) AS start, upper(b.blocked_period) AS "end" FROM bookings b
              WHERE b.space_id = ANY($1::uuid[]) AND b.status IN ('pending', 'confirmed')
                AND b.blocked_period && tstzrange($2::date - 1, $3::date + 2)`,
            [spaces.map((s) => s.id), from, until],
          );
    return { spaces, closures, openings, busy };
  }

  /** A live, contactable-or-not need, with its organisation, for the contact action. */
  async need(
    id: string,
  ): Promise<{ id: string; organisation_id: string; contactable: boolean; status: string } | undefined> {
    const [n] = await this.db.query(
      `SELECT id, organisation_id, contactable, status FROM needs WHERE id = $1`,
      [id],
    );
    return n;
  }

  /** Held until `em`'s transaction ends: one of a person's words to organisations at a time. */
  async lockContactsOf(em: EntityManager, actorId: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('need-contact:' || $1))`, [actorId]);
  }

  /** How many times a person has written about needs lately, and about this one. */
  async contactsSince(
    em: EntityManager,
    actorId: string,
    needId: string,
    since: Date,
  ): Promise<{ all: number; this_need: number }> {
    const [r] = await em.query(
      `SELECT count(*)::int AS all, count(*) FILTER (WHERE entity_id = $2)::int AS this_need FROM audit_log
        WHERE actor_id = $1 AND entity = 'need' AND action = 'contact' AND at >= $3`,
      [actorId, needId, since],
    );
    return r;
  }

  /** Open needs with no match, grouped by place, kind and band of area. */
  unmet(
    scope: UnmetScope,
    groupBy: 'departement' | 'commune',
    kind?: string,
    theme?: string,
  ): Promise<UnmetRow[]> {
    const params: unknown[] = [];
    const where = [`n.status = 'open'`, NOT_PAST];
    // Said as the partial index's predicate too, so that the planner reads only the live needs of the place.
    where.push(`n.status IN ('open', 'matched')`);
    if (scope.kind === 'region') where.push(`n.region_code = $${params.push(scope.code)}`);
    if (scope.kind === 'departement') where.push(`n.departement_code = $${params.push(scope.code)}`);
    if (kind) where.push(`n.kind = $${params.push(kind)}`);
    if (theme) where.push(`n.theme = $${params.push(theme)}`);
    const code =
      groupBy === 'commune' ? `coalesce(n.commune_code, n.departement_code)` : `n.departement_code`;
    return this.db.query(
      `SELECT ${code} AS code, min(n.departement_code) AS departement_code, min(n.region_code) AS region_code,
              n.kind, b.band AS area_band, count(*)::int AS needs, count(DISTINCT n.organisation_id)::int AS organisations,
              sum(n.occurrences_wanted)::int AS occurrences_wanted, sum(n.hours_wanted) AS hours_wanted,
              -- One point per place, whatever the kind and area: the centre of its needs.
              sum(sum(n.latitude)) OVER w / sum(count(*)) OVER w AS latitude,
              sum(sum(n.longitude)) OVER w / sum(count(*)) OVER w AS longitude
         FROM needs n
         CROSS JOIN LATERAL (SELECT CASE WHEN n.min_area_m2 IS NULL THEN 'any' WHEN n.min_area_m2 < 20 THEN 'lt20'
                                         WHEN n.min_area_m2 < 50 THEN '20to50' WHEN n.min_area_m2 < 100 THEN '50to100'
                                         ELSE 'gte100' END AS band) b
        WHERE ${where.join(' AND ')}
        GROUP BY 1, n.kind, b.band
        WINDOW w AS (PARTITION BY ${code})
        ORDER BY count(*) DESC, 1, n.kind NULLS FIRST, b.band`,
      params,
    );
  }

  /** Distinct organisations behind the whole report (not the sum of the rows'). */
  async unmetOrganisations(scope: UnmetScope, kind?: string, theme?: string): Promise<number> {
    const params: unknown[] = [];
    const where = [`n.status = 'open'`, `n.status IN ('open', 'matched')`, NOT_PAST];
    if (scope.kind === 'region') where.push(`n.region_code = $${params.push(scope.code)}`);
    if (scope.kind === 'departement') where.push(`n.departement_code = $${params.push(scope.code)}`);
    if (kind) where.push(`n.kind = $${params.push(kind)}`);
    if (theme) where.push(`n.theme = $${params.push(theme)}`);
    const [r] = await this.db.query(
      `SELECT count(DISTINCT n.organisation_id)::int AS n FROM needs n WHERE ${where.join(' AND ')}`,
      params,
    );
    return r.n;
  }

  /** Needs whose organisation is due an e-mail of new matches: some unannounced, none sent in the last day. */
  dueForMatchMail(limit: number): Promise<{ id: string }[]> {
    return this.db.query(
      `SELECT n.id FROM needs n
        WHERE ${LIVE} AND n.notify_matches
          AND (n.notified_at IS NULL OR n.notified_at <= now() - interval '24 hours')
          AND EXISTS (SELECT 1 FROM need_matches m WHERE m.need_id = n.id AND m.notified_at IS NULL)
        ORDER BY n.notified_at NULLS FIRST, n.id
        LIMIT ${Math.floor(limit)}`,
    );
  }

  /**
   * Takes one need's unannounced matches inside `em`'s transaction: locks the need (another sweep skips
   * it), checks again that it is due, marks its new rows and the need as told. Empty when not due any more.
   */
  async claimMatchMail(
    em: EntityManager,
    needId: string,
  ): Promise<{ organisationId: string; spaceIds: string[] } | null> {
    const [need] = await em.query(
      `SELECT n.id, n.organisation_id FROM needs n
        WHERE n.id = $1 AND ${LIVE} AND n.notify_matches
          AND (n.notified_at IS NULL OR n.notified_at <= now() - interval '24 hours')
        FOR UPDATE SKIP LOCKED`,
      [needId],
    );
    if (!need) return null;
    const rows: { space_id: string }[] = await em.query(
      // As a WITH … SELECT: a bare UPDATE … RETURNING comes back from TypeORM as [rows, count].
      `WITH told AS (UPDATE need_matches SET notified_at = now() WHERE need_id = $1 AND notified_at IS NULL
                     RETURNING space_id)
       SELECT space_id FROM told ORDER BY space_id`,
      [needId],
    );
    if (rows.length === 0) return null;
    await em.query(`UPDATE needs SET notified_at = now() WHERE id = $1`, [needId]);
    return { organisationId: need.organisation_id, spaceIds: rows.map((r) => r.space_id) };
  }
}
