import { Injectable } from '@nestjs/common';
import { Temporal } from 'temporal-polyfill';
import { DataSource, type EntityManager } from 'typeorm';

/** One space and the local dates to recompute (its months' rollups are summed again from the day rows). */
export interface Target {
  spaceId: string;
  from: string;
  to: string;
}

/**
 * Spaces per statement of the day computation. The planner takes each space's dates for a thousand (a
 * set-returning function's default) and, past a hundred spaces or so, picks plans that spill to disk:
 * one day of 1,000 spaces took 2.1 s in one statement, 37 ms per hundred (the notifications bench's data).
 */
const DAY_FACTS_SPACES = 100;

/** The last date of the month of an ISO date (YYYY-MM-DD). */
function lastOfMonth(date: string): string {
  const month = Temporal.PlainYearMonth.from(date.slice(0, 7));
  return month.toPlainDate({ day: month.daysInMonth }).toString();
}

/** Minutes of a multirange, as an integer. */
const MINUTES = (mr: string) =>
  `(SELECT coalesce(sum(extract(epoch FROM upper(r) - lower(r))), 0)::bigint / 60 FROM unnest(${mr}) r)`;

/**
 * The day-level computation, set-based over many spaces at once: PRODUCT.md's definitions in SQL.
 * Days: the local dates on which the space was published at some moment (`space_publications`), whole:
 * the day it was published and the day it was archived count, so a booking running when it was archived
 * counts whole too, and an archived space keeps the days it was offered. Offered: the space's weekly
 * windows laid on each of those dates in the site's zone (`date + time AT TIME ZONE` is the wall time of
 * that date, so daylight-saving days come out 23 or 25 hours long), on dates that are neither closed nor
 * a holiday the site keeps closed. Booked: confirmed and completed bookings intersected with those
 * windows. libs/scheduling `spaceDays` is the same definition in TypeScript; the integration suite checks
 * that both give the same figures.
 */
const DAY_FACTS = `
  t AS (SELECT * FROM unnest($1::uuid[], $2::date[], $3::date[]) AS x(space_id, from_date, to_date)),
  sp AS (
    SELECT sp.id, sp.site_id, coalesce(sp.opening_hours, s.opening_hours) AS hours, s.time_zone AS tz,
           s.departement_code AS site_departement, t.from_date, t.to_date
      FROM t JOIN spaces sp ON sp.id = t.space_id JOIN sites s ON s.id = sp.site_id),
  -- A period's first and last local dates within the target (its end is exclusive; an open one runs to
  -- the target's end; one outside the target comes out reversed, no dates), starting after the previous
  -- period's last date: archived and published again on one day, the day comes once. Neither a filter on
  -- the periods nor a DISTINCT: the planner then expected a few rows and scanned every day once per space
  -- (ten times slower).
  pub_dates AS (
    SELECT sp.id AS space_id, lower(p.period) AS published,
           greatest(sp.from_date, (lower(p.period) AT TIME ZONE sp.tz)::date) AS first_day,
           least(sp.to_date, ((upper(p.period) - interval '1 microsecond') AT TIME ZONE sp.tz)::date) AS last_day
      FROM sp JOIN space_publications p ON p.space_id = sp.id),
  pub AS (
    SELECT space_id, greatest(first_day, lag(last_day) OVER (PARTITION BY space_id ORDER BY published) + 1) AS first_day,
           last_day
      FROM pub_dates),
  d AS (
    SELECT pub.space_id, g::date AS day
      FROM pub, generate_series(pub.first_day, pub.last_day, interval '1 day') g),
  open_day AS (
    SELECT d.space_id, d.day, sp.tz FROM d JOIN sp ON sp.id = d.space_id
     WHERE NOT EXISTS (SELECT 1 FROM site_closures c
                        WHERE c.site_id = sp.site_id AND d.day BETWEEN c.starts_on AND c.ends_on)
       AND NOT EXISTS (SELECT 1 FROM occupancy_holidays h
                        WHERE h.departement_code = sp.site_departement AND h.date = d.day
                          AND NOT EXISTS (SELECT 1 FROM site_holiday_openings o WHERE o.site_id = sp.site_id AND o.date = d.day))),
  sp_window AS (
    SELECT sp.id AS space_id, (w->>'weekday')::int AS weekday, (w->>'opens')::time AS opens, (w->>'closes')::time AS closes
      FROM sp CROSS JOIN LATERAL jsonb_array_elements(sp.hours) w),
  win AS (
    SELECT o.space_id, o.day, range_agg(tstzrange((o.day + x.opens) AT TIME ZONE o.tz, (o.day + x.closes) AT TIME ZONE o.tz)) AS open
      FROM open_day o JOIN sp_window x ON x.space_id = o.space_id AND x.weekday = extract(isodow FROM o.day)
     GROUP BY o.space_id, o.day),
  bk AS (
    SELECT b.space_id, b.organisation_id, b.project_id, b.status, b.period, (lower(b.period) AT TIME ZONE sp.tz)::date AS start_day,
           ((upper(b.period) - interval '1 microsecond') AT TIME ZONE sp.tz)::date AS end_day
      FROM bookings b JOIN sp ON sp.id = b.space_id
     WHERE (b.status IN ('confirmed', 'completed', 'no_show', 'released') OR (b.status = 'cancelled' AND b.late_cancellation))
       AND b.period && tstzrange((sp.from_date - 1)::timestamp AT TIME ZONE 'UTC', (sp.to_date + 2)::timestamp AT TIME ZONE 'UTC')),
  -- Each booked booking on each local day it meets: joined to the day's windows by equality, not by overlap.
  bk_day AS (
    SELECT bk.space_id, bk.organisation_id, bk.project_id, bk.period, g::date AS day
      FROM bk, generate_series(bk.start_day, bk.end_day, interval '1 day') g
     WHERE bk.status IN ('confirmed', 'completed')),
  booked AS (
    SELECT w.space_id, w.day, ${MINUTES(`w.open * range_agg(bd.period)`)} AS minutes
      FROM win w JOIN bk_day bd ON bd.space_id = w.space_id AND bd.day = w.day
     GROUP BY w.space_id, w.day, w.open),
  started AS (
    SELECT bk.space_id, bk.start_day AS day,
           count(*) FILTER (WHERE bk.status IN ('confirmed', 'completed'))::int AS bookings,
           -- A booking released for want of a check-in is a no-show: nobody came, it used no time.
           count(*) FILTER (WHERE bk.status IN ('no_show', 'released'))::int AS no_shows,
           count(*) FILTER (WHERE bk.status = 'cancelled')::int AS late_cancellations
      FROM bk JOIN d ON d.space_id = bk.space_id AND d.day = bk.start_day
     GROUP BY bk.space_id, bk.start_day),
  org_booked AS (
    SELECT w.space_id, w.day, bd.organisation_id, sum(${MINUTES(`w.open * tstzmultirange(bd.period)`)})::int AS minutes
      FROM win w JOIN bk_day bd ON bd.space_id = w.space_id AND bd.day = w.day
     GROUP BY w.space_id, w.day, bd.organisation_id),
  org_started AS (
    SELECT bk.space_id, bk.start_day AS day, bk.organisation_id, count(*)::int AS bookings
      FROM bk JOIN d ON d.space_id = bk.space_id AND d.day = bk.start_day
     WHERE bk.status IN ('confirmed', 'completed')
     GROUP BY bk.space_id, bk.start_day, bk.organisation_id),
  day_rows AS (
    SELECT coalesce(w.space_id, s.space_id) AS space_id, coalesce(w.day, s.day) AS day,
           coalesce(${MINUTES('w.open')}, 0)::int AS offered_minutes, coalesce(b.minutes, 0)::int AS booked_minutes,
           coalesce(s.bookings, 0) AS bookings, coalesce(s.no_shows, 0) AS no_shows,
           coalesce(s.late_cancellations, 0) AS late_cancellations
      FROM win w
      LEFT JOIN booked b ON b.space_id = w.space_id AND b.day = w.day
      FULL JOIN started s ON s.space_id = w.space_id AND s.day = w.day),
  org_rows AS (
    SELECT coalesce(b.space_id, s.space_id) AS space_id, coalesce(b.day, s.day) AS day,
           coalesce(b.organisation_id, s.organisation_id) AS organisation_id,
           coalesce(b.minutes, 0) AS booked_minutes, coalesce(s.bookings, 0) AS bookings
      FROM org_booked b
      FULL JOIN org_started s ON s.space_id = b.space_id AND s.day = b.day AND s.organisation_id = b.organisation_id
     WHERE coalesce(b.minutes, 0) > 0 OR coalesce(s.bookings, 0) > 0),
  -- The same per project, for the bookings linked to one: what a project hosted, by the same definition.
  project_booked AS (
    SELECT w.space_id, w.day, bd.project_id, sum(${MINUTES(`w.open * tstzmultirange(bd.period)`)})::int AS minutes
      FROM win w JOIN bk_day bd ON bd.space_id = w.space_id AND bd.day = w.day
     WHERE bd.project_id IS NOT NULL
     GROUP BY w.space_id, w.day, bd.project_id),
  project_started AS (
    SELECT bk.space_id, bk.start_day AS day, bk.project_id, count(*)::int AS bookings
      FROM bk JOIN d ON d.space_id = bk.space_id AND d.day = bk.start_day
     WHERE bk.status IN ('confirmed', 'completed') AND bk.project_id IS NOT NULL
     GROUP BY bk.space_id, bk.start_day, bk.project_id),
  project_rows AS (
    SELECT coalesce(b.space_id, s.space_id) AS space_id, coalesce(b.day, s.day) AS day,
           coalesce(b.project_id, s.project_id) AS project_id,
           coalesce(b.minutes, 0) AS booked_minutes, coalesce(s.bookings, 0) AS bookings
      FROM project_booked b
      FULL JOIN project_started s ON s.space_id = b.space_id AND s.day = b.day AND s.project_id = b.project_id
     WHERE coalesce(b.minutes, 0) > 0 OR coalesce(s.bookings, 0) > 0)`;

/** Any transaction that recomputes rollups takes this lock first: two recomputations never interleave. */
const LOCK_KEY = 764_806_400;

const ROLLUPS =
  'occupancy_days, occupancy_org_days, occupancy_months, occupancy_org_months, occupancy_site_months, occupancy_month_prefixes, occupancy_project_days, occupancy_areas, occupancy_area_orgs';

/**
 * The running totals within each space-month that `months` selects (rows of `occupancy_months m`), from
 * its day rows, and its organisations by their site bit with the first and last day they booked (see
 * migration 1765801400000), written in order of month: a report reads one month of every space, and in
 * that order the month's rows lie together (in order of space, reading two months of the national set
 * read 87,000 pages instead of 14,000).
 */
const monthPrefixes = (months: string) => `
  WITH m AS (
    SELECT m.space_id, m.month, m.site_id, m.region_code, m.departement_code, m.area_sqm FROM ${months}),
  running AS (
    SELECT m.space_id, m.month, g.n,
           count(d.day) OVER w AS day_rows,
           sum(coalesce(d.offered_minutes, 0)) OVER w AS offered,
           sum(coalesce(d.booked_minutes, 0)) OVER w AS booked,
           sum(coalesce(d.bookings, 0)) OVER w AS bookings,
           sum(coalesce(d.no_shows, 0)) OVER w AS no_shows,
           sum(coalesce(d.late_cancellations, 0)) OVER w AS late
      FROM m CROSS JOIN generate_series(0, extract(day FROM m.month + interval '1 month - 1 day')::int) AS g(n)
      LEFT JOIN occupancy_days d ON g.n > 0 AND d.space_id = m.space_id AND d.day = m.month + g.n - 1
    WINDOW w AS (PARTITION BY m.space_id, m.month ORDER BY g.n)),
  sums AS (
    SELECT space_id, month, array_agg(day_rows::int ORDER BY n) AS day_rows, array_agg(offered::int ORDER BY n) AS offered,
           array_agg(booked::int ORDER BY n) AS booked, array_agg(bookings::int ORDER BY n) AS bookings,
           array_agg(no_shows::int ORDER BY n) AS no_shows, array_agg(late::int ORDER BY n) AS late
      FROM running GROUP BY 1, 2),
  orgs AS (
    SELECT m.space_id, m.month, so.bit, min(extract(day FROM o.day))::smallint AS first_day,
           max(extract(day FROM o.day))::smallint AS last_day
      FROM m JOIN occupancy_org_days o
        ON o.space_id = m.space_id AND o.day >= m.month AND o.day < m.month + interval '1 month'
      JOIN occupancy_site_orgs so ON so.site_id = m.site_id AND so.organisation_id = o.organisation_id
     GROUP BY 1, 2, 3),
  lists AS (
    SELECT space_id, month, array_agg(bit ORDER BY bit) AS bits, array_agg(first_day ORDER BY bit) AS first_days,
           array_agg(last_day ORDER BY bit) AS last_days
      FROM orgs GROUP BY 1, 2)
  INSERT INTO occupancy_month_prefixes
  SELECT m.space_id, m.month, m.site_id, m.region_code, m.departement_code, m.area_sqm, s.day_rows, s.offered,
         s.booked, s.bookings, s.no_shows, s.late, coalesce(l.bits, '{}'), coalesce(l.first_days, '{}'),
         coalesce(l.last_days, '{}')
    FROM m JOIN sums s ON s.space_id = m.space_id AND s.month = m.month
    LEFT JOIN lists l ON l.space_id = m.space_id AND l.month = m.month
   ORDER BY m.month, m.space_id`;

/** The width of the platform-wide organisation bitmaps: the numbers in use, rounded up to 1,024 bits. */
export const ORG_BITS = `(SELECT (coalesce(max(number), 0) / 1024 + 1) * 1024 FROM occupancy_org_numbers)`;

/** A département, kind of space and month that a space's month rollup row belongs to. */
interface AreaKey {
  departement_code: string;
  kind: string;
  month: string;
}

/** Days of a département and kind whose area rollups are to be recomputed (ISO dates, both included). */
export interface AreaRange {
  departement_code: string;
  kind: string;
  from: string;
  to: string;
}

const dayAfter = (date: string) => Temporal.PlainDate.from(date).add({ days: 1 }).toString();

/**
 * The days each département and kind must be recomputed on: every target's days, under the département and
 * kind its space had (`touched`: its month rows before the recomputation) and has now, merged per
 * département and kind into ranges that do not overlap (an overlap would count its days twice).
 */
function areaRanges(touched: ({ space_id: string } & AreaKey)[], targets: Target[]): AreaRange[] {
  const target = new Map(targets.map((t) => [t.spaceId, t]));
  const byArea = new Map<string, { from: string; to: string }[]>();
  for (const r of touched) {
    const t = target.get(r.space_id)!;
    const from = t.from > r.month ? t.from : r.month;
    const last = lastOfMonth(r.month);
    const to = t.to < last ? t.to : last;
    const key = `${r.departement_code}\u0000${r.kind}`;
    const list = byArea.get(key);
    if (list) list.push({ from, to });
    else byArea.set(key, [{ from, to }]);
  }
  return [...byArea].flatMap(([key, list]) => {
    const [departement_code, kind] = key.split('\u0000');
    const merged: { from: string; to: string }[] = [];
    for (const r of list.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))) {
      const last = merged[merged.length - 1];
      if (last && r.from <= dayAfter(last.to)) last.to = r.to > last.to ? r.to : last.to;
      else merged.push({ ...r });
    }
    return merged.map((r) => ({ departement_code, kind, ...r }));
  });
}

@Injectable()
export class OccupancyRepository {
  constructor(private readonly db: DataSource) {}

  /** Waits for, then holds until `em`'s transaction ends, the right to recompute rollups. */
  async lockRollups(em: EntityManager): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock($1)`, [LOCK_KEY]);
  }

  async emptyRollups(em: EntityManager): Promise<void> {
    await em.query(`TRUNCATE ${ROLLUPS}`);
  }

  /** Fresh statistics, so that reports get their plans right away rather than after autovacuum. */
  async analyzeRollups(): Promise<void> {
    await this.db.query(`ANALYZE ${ROLLUPS}, occupancy_site_orgs, occupancy_org_numbers`);
  }

  async coverage(em: EntityManager = this.db.manager): Promise<{ from: string; to: string }> {
    const [row] = await em.query(
      `SELECT to_char(from_date, 'YYYY-MM-DD') AS "from", to_char(to_date, 'YYYY-MM-DD') AS "to" FROM occupancy_coverage`,
    );
    return row;
  }

  async setCoverage(em: EntityManager, from: string, to: string): Promise<void> {
    await em.query(`UPDATE occupancy_coverage SET from_date = $1, to_date = $2`, [from, to]);
  }

  /**
   * Keeps a year ahead covered: once today is within a year of the coverage's end, it moves to the end of
   * next year and every space is queued for the added months.
   */
  async extendCoverage(em: EntityManager): Promise<void> {
    await em.query(
      `WITH old AS (SELECT to_date FROM occupancy_coverage WHERE to_date < current_date + 366),
            moved AS (
              UPDATE occupancy_coverage SET to_date = (date_trunc('year', current_date) + interval '2 years - 1 day')::date
               WHERE EXISTS (SELECT 1 FROM old) RETURNING to_date)
       INSERT INTO occupancy_dirty (space_id, from_date, to_date)
       SELECT s.id, old.to_date + 1, moved.to_date FROM spaces s, old, moved`,
    );
  }

  async departements(em: EntityManager): Promise<string[]> {
    const rows = await em.query(`SELECT DISTINCT departement_code AS code FROM sites`);
    return rows.map((r: { code: string }) => r.code);
  }

  async addHolidays(em: EntityManager, departements: string[], dates: string[]): Promise<void> {
    if (dates.length === 0) return;
    await em.query(
      `INSERT INTO occupancy_holidays (departement_code, date) SELECT * FROM unnest($1::text[], $2::date[])
       ON CONFLICT DO NOTHING`,
      [departements, dates],
    );
  }

  /**
   * Takes the queue's oldest rows and merges them per space into one range of dates within the coverage.
   * Must run inside the transaction that recomputes them and deletes the rows.
   */
  async takeDirty(em: EntityManager, limit: number): Promise<{ ids: string[]; targets: Target[] }> {
    const rows: { ids: string[]; space_id: string; f: string | null; t: string | null }[] = await em.query(
      `WITH picked AS (SELECT id, space_id, from_date, to_date FROM occupancy_dirty ORDER BY id LIMIT $1)
       SELECT array_agg(p.id::text) AS ids, p.space_id,
              to_char(greatest(min(p.from_date), c.from_date), 'YYYY-MM-DD') AS f,
              to_char(least(max(p.to_date), c.to_date), 'YYYY-MM-DD') AS t
         FROM picked p CROSS JOIN occupancy_coverage c
        GROUP BY p.space_id, c.from_date, c.to_date`,
      [limit],
    );
    return {
      ids: rows.flatMap((r) => r.ids),
      // A range wholly outside the coverage comes out reversed: nothing to recompute.
      targets: rows
        .filter((r) => r.f && r.t && r.f <= r.t)
        .map((r) => ({ spaceId: r.space_id, from: r.f!, to: r.t! })),
    };
  }

  async deleteDirty(em: EntityManager, ids: string[]): Promise<void> {
    await em.query(`DELETE FROM occupancy_dirty WHERE id = ANY($1::bigint[])`, [ids]);
  }

  async lastDirtyId(em: EntityManager): Promise<string | null> {
    const [row] = await em.query(`SELECT max(id)::text AS id FROM occupancy_dirty`);
    return row.id;
  }

  async deleteDirtyUpTo(em: EntityManager, id: string): Promise<void> {
    await em.query(`DELETE FROM occupancy_dirty WHERE id <= $1`, [id]);
  }

  async spaceIds(em: EntityManager, after: string | null, limit: number): Promise<string[]> {
    const rows = await em.query(
      `SELECT id FROM spaces WHERE ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  /**
   * Replaces the day rollups of the targets' dates (within the coverage) by freshly computed ones, and the
   * rollups of the months holding them. Dates on which a space was not published get no rows.
   */
  async recompute(
    em: EntityManager,
    targets: Target[],
    options: { areas: boolean; monthPrefixes: boolean } = { areas: true, monthPrefixes: true },
  ): Promise<void> {
    if (targets.length === 0) return;
    // A booking changes a day or two: those days are computed again (the costly part, opening hours laid
    // on each date), and the months holding them are summed again from their day rows. Computing whole
    // months took most of PostgreSQL's time under a stream of bookings.
    const days = [targets.map((t) => t.spaceId), targets.map((t) => t.from), targets.map((t) => t.to)];
    const months = [
      days[0],
      targets.map((t) => `${t.from.slice(0, 7)}-01`),
      targets.map((t) => lastOfMonth(t.to)),
    ];
    const inTargets = (table: string, column: string) =>
      `DELETE FROM ${table} x USING unnest($1::uuid[], $2::date[], $3::date[]) AS t(space_id, from_date, to_date)
        WHERE x.space_id = t.space_id AND x.${column} BETWEEN t.from_date AND t.to_date`;
    // The site-months and areas to rebuild afterwards: those the targets' spaces were on, and are on now (a
    // space may have moved to another site, département or kind).
    const monthRows = (): Promise<({ site_id: string; space_id: string } & AreaKey)[]> =>
      em.query(
        `SELECT DISTINCT x.site_id, x.space_id, x.departement_code, x.kind, to_char(x.month, 'YYYY-MM-DD') AS month
           FROM occupancy_months x JOIN unnest($1::uuid[], $2::date[], $3::date[]) AS t(space_id, from_date, to_date)
             ON x.space_id = t.space_id AND x.month BETWEEN t.from_date AND t.to_date`,
        months,
      );
    const before = await monthRows();
    await em.query(inTargets('occupancy_days', 'day'), days);
    await em.query(inTargets('occupancy_org_days', 'day'), days);
    await em.query(inTargets('occupancy_project_days', 'day'), days);
    await em.query(inTargets('occupancy_months', 'month'), months);
    await em.query(inTargets('occupancy_org_months', 'month'), months);
    await em.query(inTargets('occupancy_month_prefixes', 'month'), months);
    for (let i = 0; i < targets.length; i += DAY_FACTS_SPACES) {
      await em.query(
        `WITH ${DAY_FACTS},
         ins_days AS (
           INSERT INTO occupancy_days (space_id, day, offered_minutes, booked_minutes, bookings, no_shows, late_cancellations)
           SELECT * FROM day_rows),
         ins_org_days AS (
           INSERT INTO occupancy_org_days (space_id, day, organisation_id, booked_minutes, bookings)
           SELECT * FROM org_rows)
         INSERT INTO occupancy_project_days (space_id, day, project_id, booked_minutes, bookings)
         SELECT * FROM project_rows`,
        days.map((list) => list.slice(i, i + DAY_FACTS_SPACES)),
      );
    }
    // A separate statement: the day rows written above are not visible to the statement that writes them.
    const monthDays = (table: string) =>
      `${table} r JOIN unnest($1::uuid[], $2::date[], $3::date[]) AS t(space_id, from_date, to_date)
         ON r.space_id = t.space_id AND r.day BETWEEN t.from_date AND t.to_date
       JOIN spaces s ON s.id = r.space_id`;
    await em.query(
      `WITH ins_months AS (
         INSERT INTO occupancy_months (space_id, month, site_id, region_code, departement_code, kind, area_sqm,
                                       offered_minutes, booked_minutes, bookings, no_shows, late_cancellations)
         SELECT r.space_id, date_trunc('month', r.day)::date, s.site_id, s.region_code, s.departement_code, s.kind, s.area_sqm,
                sum(r.offered_minutes), sum(r.booked_minutes), sum(r.bookings), sum(r.no_shows), sum(r.late_cancellations)
           FROM ${monthDays('occupancy_days')}
          GROUP BY r.space_id, date_trunc('month', r.day), s.site_id, s.region_code, s.departement_code, s.kind, s.area_sqm)
       INSERT INTO occupancy_org_months (space_id, month, organisation_id, site_id, region_code, departement_code, kind,
                                         area_sqm, booked_minutes, bookings)
       SELECT r.space_id, date_trunc('month', r.day)::date, r.organisation_id, s.site_id, s.region_code, s.departement_code,
              s.kind, s.area_sqm, sum(r.booked_minutes), sum(r.bookings)
         FROM ${monthDays('occupancy_org_days')}
        GROUP BY r.space_id, date_trunc('month', r.day), r.organisation_id, s.site_id, s.region_code, s.departement_code,
                 s.kind, s.area_sqm`,
      months,
    );
    const after = await monthRows();
    const touched = [...before, ...after];
    if (touched.length === 0) return;
    await this.siteBitmaps(
      em,
      months,
      touched.map((r) => r.site_id),
    );
    // After the bitmaps: the organisations are kept by their bit in the site's numbering.
    if (options.monthPrefixes) {
      await em.query(
        monthPrefixes(`occupancy_months m JOIN unnest($1::uuid[], $2::date[], $3::date[]) AS t(space_id, from_date, to_date)
                         ON m.space_id = t.space_id AND m.month BETWEEN t.from_date AND t.to_date`),
        months,
      );
    }
    // Once each: the rows are per space, and a site has many.
    const pairs = [...new Set(touched.map((r) => `${r.site_id} ${r.month}`))].map((k) => k.split(' '));
    const siteMonths = [pairs.map(([site]) => site), pairs.map(([, month]) => month)];
    await em.query(
      `DELETE FROM occupancy_site_months x USING unnest($1::uuid[], $2::date[]) AS t(site_id, month)
        WHERE x.site_id = t.site_id AND x.month = t.month`,
      siteMonths,
    );
    // The site's space rows are all as wide (siteBitmaps): their union is a plain bit_or.
    await em.query(
      `INSERT INTO occupancy_site_months (site_id, month, region_code, departement_code, offered_minutes, booked_minutes,
                                          offered_sqm_minutes, used_sqm_minutes, bookings, no_shows, late_cancellations,
                                          organisations)
       SELECT m.site_id, m.month, min(m.region_code), min(m.departement_code),
              sum(m.offered_minutes), sum(m.booked_minutes), sum(m.area_sqm * m.offered_minutes),
              sum(m.area_sqm * m.booked_minutes), sum(m.bookings), sum(m.no_shows), sum(m.late_cancellations),
              bit_or(m.organisations)
         FROM occupancy_months m
        WHERE (m.site_id, m.month) IN (SELECT DISTINCT * FROM unnest($1::uuid[], $2::date[]))
        GROUP BY m.site_id, m.month`,
      siteMonths,
    );
    if (options.areas) await this.recomputeAreas(em, areaRanges(touched, targets));
  }

  /**
   * Numbers the targets' organisations (platform-wide, and per site in order of arrival), widens every
   * month row of the touched sites to the site's width (its organisations rounded up to 64 bits, the same
   * for all its rows, so that they OR together), and writes the targets' space-month bitmaps.
   */
  private async siteBitmaps(em: EntityManager, months: unknown[], sites: string[]): Promise<void> {
    const targetOrgs = `SELECT o.* FROM occupancy_org_months o
       JOIN unnest($1::uuid[], $2::date[], $3::date[]) AS t(space_id, from_date, to_date)
         ON o.space_id = t.space_id AND o.month BETWEEN t.from_date AND t.to_date`;
    await em.query(
      `INSERT INTO occupancy_org_numbers (organisation_id)
       SELECT DISTINCT o.organisation_id FROM (${targetOrgs}) o
        WHERE NOT EXISTS (SELECT 1 FROM occupancy_org_numbers n WHERE n.organisation_id = o.organisation_id)
        ORDER BY 1`,
      months,
    );
    await em.query(
      `INSERT INTO occupancy_site_orgs (site_id, organisation_id, bit)
       SELECT x.site_id, x.organisation_id,
              coalesce((SELECT max(so.bit) + 1 FROM occupancy_site_orgs so WHERE so.site_id = x.site_id), 0)
                + row_number() OVER (PARTITION BY x.site_id ORDER BY x.first, x.organisation_id) - 1
         FROM (SELECT o.site_id, o.organisation_id, min(o.month) AS first FROM (${targetOrgs}) o GROUP BY 1, 2) x
        WHERE NOT EXISTS (SELECT 1 FROM occupancy_site_orgs so WHERE so.site_id = x.site_id AND so.organisation_id = x.organisation_id)`,
      months,
    );
    const widths = `SELECT site_id, (count(*)::int + 63) / 64 * 64 AS width FROM occupancy_site_orgs
                     WHERE site_id = ANY($1::uuid[]) GROUP BY 1`;
    for (const table of ['occupancy_months', 'occupancy_site_months']) {
      await em.query(
        `UPDATE ${table} x SET organisations = occupancy_pad(x.organisations, w.width)
           FROM (${widths}) w WHERE x.site_id = w.site_id AND length(x.organisations) < w.width`,
        [[...new Set(sites)]],
      );
    }
    await em.query(
      `WITH w AS (${widths.replace('$1', '$4')})
       UPDATE occupancy_months m SET organisations = b.bits
         FROM (SELECT o.space_id, o.month, bit_or(set_bit(repeat('0', w.width)::varbit, so.bit, 1)) AS bits
                 FROM (${targetOrgs}) o
                 JOIN occupancy_site_orgs so ON so.site_id = o.site_id AND so.organisation_id = o.organisation_id
                 JOIN w ON w.site_id = o.site_id
                GROUP BY 1, 2) b
        WHERE m.space_id = b.space_id AND m.month = b.month`,
      [...months, [...new Set(sites)]],
    );
  }

  /** Every space-month's running totals, in one pass at the end of a rebuild: its rows then lie by month. */
  async allMonthPrefixes(em: EntityManager): Promise<void> {
    await em.query(monthPrefixes('occupancy_months m'));
  }

  /** Every département, kind and month the month rollup holds: a rebuild's areas, computed once at its end. */
  async allAreaRanges(em: EntityManager): Promise<AreaRange[]> {
    const keys: AreaKey[] = await em.query(
      `SELECT DISTINCT departement_code, kind, to_char(month, 'YYYY-MM-DD') AS month FROM occupancy_months`,
    );
    return keys.map((k) => ({
      departement_code: k.departement_code,
      kind: k.kind,
      from: k.month,
      to: lastOfMonth(k.month),
    }));
  }

  /**
   * Replaces the area rollups of the ranges: each of their days summed over the spaces of that
   * département and kind, then the months and ISO weeks holding those days summed again over their day
   * rows; and each organisation's month in those départements, over all their kinds. A booking changes a
   * day or two: recomputing the whole month of its département and kind was a third of PostgreSQL's time
   * under a stream of bookings.
   */
  async recomputeAreas(em: EntityManager, ranges: AreaRange[]): Promise<void> {
    if (ranges.length === 0) return;
    const k = `SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::date[]) AS k(departement_code, kind, from_date, to_date)`;
    const params = [
      ranges.map((r) => r.departement_code),
      ranges.map((r) => r.kind),
      ranges.map((r) => r.from),
      ranges.map((r) => r.to),
    ];
    await em.query(
      `DELETE FROM occupancy_areas a USING (${k}) k
        WHERE a.grain = 'day' AND a.departement_code = k.departement_code AND a.kind = k.kind
          AND a.starts_on BETWEEN k.from_date AND k.to_date`,
      params,
    );
    await em.query(
      `WITH k AS (${k}),
       sp AS (SELECT s.id, s.departement_code, s.region_code, s.kind, s.area_sqm, k.from_date, k.to_date
                FROM k JOIN spaces s ON s.departement_code = k.departement_code AND s.kind = k.kind),
       days AS (
         SELECT sp.departement_code, sp.region_code, sp.kind, d.day, sum(d.offered_minutes) AS offered,
                sum(d.booked_minutes) AS booked, sum(sp.area_sqm * d.offered_minutes) AS offered_sqm,
                sum(sp.area_sqm * d.booked_minutes) AS used_sqm, sum(d.bookings) AS bookings,
                sum(d.no_shows) AS no_shows, sum(d.late_cancellations) AS late
           FROM sp JOIN occupancy_days d ON d.space_id = sp.id AND d.day BETWEEN sp.from_date AND sp.to_date
          GROUP BY 1, 2, 3, 4),
       orgs AS (
         SELECT sp.departement_code, sp.kind, o.day, bit_or(set_bit(repeat('0', ${ORG_BITS})::varbit, n.number, 1)) AS bits
           FROM sp JOIN occupancy_org_days o ON o.space_id = sp.id AND o.day BETWEEN sp.from_date AND sp.to_date
           JOIN occupancy_org_numbers n ON n.organisation_id = o.organisation_id
          GROUP BY 1, 2, 3)
       INSERT INTO occupancy_areas
       SELECT 'day', d.day, d.departement_code, d.region_code, d.kind, d.offered, d.booked, d.offered_sqm, d.used_sqm,
              d.bookings, d.no_shows, d.late, coalesce(o.bits, '')
         FROM days d LEFT JOIN orgs o ON o.departement_code = d.departement_code AND o.kind = d.kind AND o.day = d.day`,
      params,
    );
    const sums = `sum(a.offered_minutes), sum(a.booked_minutes), sum(a.offered_sqm_minutes), sum(a.used_sqm_minutes),
                  sum(a.bookings), sum(a.no_shows), sum(a.late_cancellations), bit_or(occupancy_pad(a.organisations, ${ORG_BITS}))`;
    // The months and the ISO weeks (Monday) that hold the ranges' days, each once.
    const periods = `SELECT DISTINCT k.departement_code, k.kind, date_trunc($5, g)::date AS starts_on
                       FROM (${k}) k, generate_series(date_trunc($5, k.from_date), k.to_date, ('1 ' || $5)::interval) g`;
    for (const grain of ['month', 'week']) {
      await em.query(
        `DELETE FROM occupancy_areas a USING (${periods}) p
          WHERE a.grain = $5 AND a.departement_code = p.departement_code AND a.kind = p.kind AND a.starts_on = p.starts_on`,
        [...params, grain],
      );
      await em.query(
        `INSERT INTO occupancy_areas
         SELECT $5, p.starts_on, p.departement_code, min(a.region_code), p.kind, ${sums}
           FROM (${periods}) p JOIN occupancy_areas a
             ON a.grain = 'day' AND a.departement_code = p.departement_code AND a.kind = p.kind
            AND a.starts_on >= p.starts_on AND a.starts_on < p.starts_on + ('1 ' || $5)::interval
          GROUP BY p.departement_code, p.kind, p.starts_on`,
        [...params, grain],
      );
    }
    const dm = `SELECT DISTINCT k.departement_code, date_trunc('month', g)::date AS month
                  FROM (${k}) k, generate_series(date_trunc('month', k.from_date), k.to_date, interval '1 month') g`;
    await em.query(
      `DELETE FROM occupancy_area_orgs a USING (${dm}) k
        WHERE a.departement_code = k.departement_code AND a.month = k.month`,
      params,
    );
    await em.query(
      `INSERT INTO occupancy_area_orgs
       SELECT s.departement_code, k.month, o.organisation_id, min(s.region_code), sum(o.booked_minutes),
              sum(s.area_sqm * o.booked_minutes), sum(o.bookings)
         FROM (${dm}) k JOIN spaces s ON s.departement_code = k.departement_code
         JOIN occupancy_org_months o ON o.space_id = s.id AND o.month = k.month
        GROUP BY 1, 2, 3`,
      params,
    );
  }
}
