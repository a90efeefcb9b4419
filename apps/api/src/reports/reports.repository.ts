import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OccupancyGroupBy } from '@lieux/contracts';
import { ORG_BITS } from './occupancy.repository';

export type Scope =
  | { kind: 'national' }
  | { kind: 'region'; code: string }
  | { kind: 'departement'; code: string }
  | { kind: 'site'; id: string };

/** Sums as PostgreSQL answers them: bigint and numeric come back as strings. */
export interface SumsRow {
  key: string;
  /** The row of the whole scope (GROUPING SETS' empty set), beside the groups. */
  total: boolean;
  offered: string;
  booked: string;
  offered_sqm: string;
  used_sqm: string;
  bookings: string;
  no_shows: string;
  late_cancellations: string;
}

/** A site's or space's name as a report row shows it, with the site's point for a site. */
export interface Label {
  id: string;
  label: string;
  latitude?: number;
  longitude?: number;
}

export interface OrgRow {
  key: string;
  total: boolean;
  organisations: string;
  booked: string;
  used_sqm: string;
  bookings: string;
}

export interface ThemeRow {
  key: string;
  total: boolean;
  booked: string;
  used_sqm: string;
  bookings: string;
  organisations: number;
  projects: number;
}

/**
 * A period split for the rollups: whole months come from the month tables, the days before the first
 * and after the last whole month from the day tables. Weeks cross months, so they read days only.
 */
export interface Split {
  months: { from: string; to: string } | null;
  days: { from: string; to: string }[];
}

/**
 * A period as whole months and the months it cuts, each of those at one end only: days `first` to `last`
 * (1-based) of `month`, where `first` is 1 or `last` the month's last day.
 */
export interface MonthPieces {
  whole: { from: string; to: string } | null;
  cut: { month: string; first: number; last: number }[];
}

/**
 * A period split for the area rollups: whole months (or ISO weeks, for a report by week) from their
 * rows, the days around them from the day rows.
 */
export interface AreaSplit {
  grain: 'month' | 'week';
  whole: { from: string; to: string } | null;
  days: { from: string; to: string }[];
}

/** The groupings the area rollups answer, as expressions on their rows. */
const AREA_KEY = {
  kind: `a.kind`,
  month: `to_char(a.starts_on, 'YYYY-MM')`,
  week: `to_char(date_trunc('week', a.starts_on), 'YYYY-MM-DD')`,
};

const KEY: Record<Exclude<OccupancyGroupBy, 'legalForm' | 'theme'>, string> = {
  site: `f.site_id::text`,
  space: `f.space_id::text`,
  kind: `f.kind`,
  month: `to_char(f.day, 'YYYY-MM')`,
  week: `to_char(date_trunc('week', f.day), 'YYYY-MM-DD')`,
};

/**
 * French order, as `Intl.Collator('fr')` sorts: CLDR's French is its root collation (only Canadian French
 * differs), which both PostgreSQL with ICU and PGlite (the embedded mode) know by this name.
 */
const FRENCH = '"und-x-icu"';

/** A row's label, with `s` the site and `sp` the space: the one place reports write them. */
const SITE_LABEL = `s.name || ' (' || s.commune || ')'`;
const SPACE_LABEL = `sp.name || ' — ' || s.name`;

/** Rows `grouped` reads per round trip: about 150 KB of JSON once written. */
const ROWS_PER_FETCH = 500;

/** A site's or a space's figures, labelled; a site's with its position, for the map. */
export type GroupRow = SumsRow &
  OrgRow & {
    label: string;
    latitude?: number;
    longitude?: number;
  };

@Injectable()
export class ReportsRepository {
  constructor(private readonly db: DataSource) {}

  /** Additive figures per group and in total, from one scan (or in total only when `groupBy` is null). */
  async sums(
    scope: Scope,
    split: Split,
    groupBy: Exclude<OccupancyGroupBy, 'legalForm' | 'theme'> | null,
  ): Promise<SumsRow[]> {
    const { sql, params } = facts(scope, split, 'occupancy_months', 'occupancy_days', [
      'offered_minutes',
      'booked_minutes',
      'bookings',
      'no_shows',
      'late_cancellations',
    ]);
    const key = groupBy ? KEY[groupBy] : null;
    return this.db.query(
      `SELECT ${key ?? `''`} AS key, ${key ? `GROUPING(${key}) = 1` : 'true'} AS total,
              sum(f.offered_minutes)::bigint AS offered, sum(f.booked_minutes)::bigint AS booked,
              sum(f.area_sqm * f.offered_minutes) AS offered_sqm, sum(f.area_sqm * f.booked_minutes) AS used_sqm,
              sum(f.bookings)::bigint AS bookings, sum(f.no_shows)::bigint AS no_shows,
              sum(f.late_cancellations)::bigint AS late_cancellations
         FROM (${sql}) f ${key ? `GROUP BY GROUPING SETS ((${key}), ())` : ''} ORDER BY 1`,
      params,
    );
  }

  /** Distinct organisations per group and in total, and for legal forms their booked minutes and bookings. */
  async organisations(
    scope: Scope,
    split: Split,
    groupBy: Exclude<OccupancyGroupBy, 'theme'> | null,
  ): Promise<OrgRow[]> {
    const { sql, params } = facts(scope, split, 'occupancy_org_months', 'occupancy_org_days', [
      'organisation_id',
      'booked_minutes',
      'bookings',
    ]);
    const key = groupBy === 'legalForm' ? `o.legal_form` : groupBy ? KEY[groupBy] : null;
    return this.db.query(
      `SELECT ${key ?? `''`} AS key, ${key ? `GROUPING(${key}) = 1` : 'true'} AS total, count(DISTINCT f.organisation_id)::int AS organisations,
              sum(f.booked_minutes)::bigint AS booked, sum(f.area_sqm * f.booked_minutes) AS used_sqm,
              sum(f.bookings)::bigint AS bookings
         FROM (${sql}) f ${groupBy === 'legalForm' ? 'JOIN organisations o ON o.id = f.organisation_id' : ''}
        ${key ? `GROUP BY GROUPING SETS ((${key}), ())` : ''} ORDER BY 1`,
      params,
    );
  }

  /**
   * Per legal form over a scope wider than a site: booked figures and distinct organisations, whole months
   * from the per-département organisation months (one row per organisation, département and month), the
   * days around them from the per-space organisation days. No totals row: the scope's come from the areas.
   */
  async legalForms(scope: Exclude<Scope, { kind: 'site' }>, split: Split): Promise<OrgRow[]> {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const parts: string[] = [];
    if (split.months) {
      parts.push(`SELECT a.organisation_id, a.booked_minutes, a.used_sqm_minutes AS used_sqm, a.bookings
                    FROM occupancy_area_orgs a
                   WHERE a.month BETWEEN ${p(split.months.from)}::date AND ${p(split.months.to)}::date
                     AND ${scopeFilter(scope, 'a', params)}`);
    }
    if (split.days.length > 0) {
      const ranges = split.days
        .map((r) => `d.day BETWEEN ${p(r.from)}::date AND ${p(r.to)}::date`)
        .join(' OR ');
      parts.push(`SELECT d.organisation_id, d.booked_minutes, s.area_sqm * d.booked_minutes AS used_sqm, d.bookings
                    FROM occupancy_org_days d JOIN spaces s ON s.id = d.space_id
                   WHERE (${ranges}) AND ${scopeFilter(scope, 's', params)}`);
    }
    // Each organisation summed first (a hash of a few thousand), then counted once in its form: a
    // count(DISTINCT …) over the rows sorted 250,000 of them on disk for a national year cut mid-month.
    return this.db.query(
      `SELECT o.legal_form AS key, false AS total, count(*)::int AS organisations,
              sum(f.booked)::bigint AS booked, sum(f.used_sqm) AS used_sqm, sum(f.bookings)::bigint AS bookings
         FROM (SELECT x.organisation_id, sum(x.booked_minutes) AS booked, sum(x.used_sqm) AS used_sqm,
                      sum(x.bookings) AS bookings
                 FROM (${parts.join(' UNION ALL ')}) x GROUP BY x.organisation_id) f
         JOIN organisations o ON o.id = f.organisation_id
        GROUP BY o.legal_form ORDER BY 1`,
      params,
    );
  }

  /**
   * A period grouped by site or space: whole months from one rollup row per group and month, a month the
   * period cuts from the running totals of its space rows (`occupancy_month_prefixes`); sums and distinct
   * organisations of each group (the union of the whole months' bitmaps, and the bits of the cut months'
   * organisations that booked within the days read), labelled, in French order of their labels.
   *
   * Read through a cursor, `ROWS_PER_FETCH` at a time: the 48,000 spaces of a national report, read at
   * once, lived through the whole request as objects, and collecting them cost the API more than building
   * them. The connection is held until the last rows are read, so the caller reads on without waiting
   * for anything else from the database (one connection in the embedded mode); stopping early (`return`)
   * ends the transaction.
   */
  async *grouped(scope: Scope, pieces: MonthPieces, groupBy: 'site' | 'space'): AsyncGenerator<GroupRow[]> {
    const { sql, params } = groupedStatement(scope, pieces, groupBy);
    const runner = this.db.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      // Without the JIT compiler: on a national year by space it spent 50 ms compiling for a 570 ms
      // statement, every time (its cost passes `jit_above_cost`; plans are not kept).
      await runner.query(`SET LOCAL jit = off`);
      await runner.query(`DECLARE grouped_rows NO SCROLL CURSOR FOR ${sql}`, params);
      for (;;) {
        const rows: GroupRow[] = await runner.query(`FETCH ${ROWS_PER_FETCH} FROM grouped_rows`);
        if (rows.length === 0) break;
        yield rows;
      }
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  /**
   * A scope wider than a site from the area rollups (per département, kind and day, week or month): sums
   * and distinct organisations (the union of their bitmaps) per group and in total, from a few thousand
   * rows whatever the period.
   */
  async areas(
    scope: Exclude<Scope, { kind: 'site' }>,
    split: AreaSplit,
    groupBy: keyof typeof AREA_KEY | null,
  ): Promise<(SumsRow & OrgRow)[]> {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const periods = [
      ...(split.whole
        ? [
            `(a.grain = '${split.grain}' AND a.starts_on BETWEEN ${p(split.whole.from)}::date AND ${p(split.whole.to)}::date)`,
          ]
        : []),
      ...split.days.map(
        (d) => `(a.grain = 'day' AND a.starts_on BETWEEN ${p(d.from)}::date AND ${p(d.to)}::date)`,
      ),
    ];
    const key = groupBy ? AREA_KEY[groupBy] : null;
    return this.db.query(
      `SELECT ${key ?? `''`} AS key, ${key ? `GROUPING(${key}) = 1` : 'true'} AS total,
              coalesce(sum(a.offered_minutes), 0)::bigint AS offered, coalesce(sum(a.booked_minutes), 0)::bigint AS booked,
              coalesce(sum(a.offered_sqm_minutes), 0) AS offered_sqm, coalesce(sum(a.used_sqm_minutes), 0) AS used_sqm,
              coalesce(sum(a.bookings), 0)::bigint AS bookings, coalesce(sum(a.no_shows), 0)::bigint AS no_shows,
              coalesce(sum(a.late_cancellations), 0)::bigint AS late_cancellations,
              coalesce(bit_count(bit_or(occupancy_pad(a.organisations, ${ORG_BITS}))), 0)::int AS organisations
         FROM occupancy_areas a
        WHERE (${periods.join(' OR ')}) AND ${scopeFilter(scope, 'a', params)}
        ${key ? `GROUP BY GROUPING SETS ((${key}), ())` : ''} ORDER BY 1`,
      params,
    );
  }

  /**
   * Occupancy by theme: the per-project rollup rows of the scope and period (linked bookings' booked minutes
   * clipped to the offered windows, as every other figure), grouped by their project's theme and in total.
   * Reads the projects' theme and organisation in the same statement: the rollup is this module's, the
   * theme is what it is grouped by.
   */
  async themes(scope: Scope, from: string, to: string): Promise<ThemeRow[]> {
    const params: unknown[] = [from, to];
    return this.db.query(
      `SELECT coalesce(p.theme, '') AS key, GROUPING(p.theme) = 1 AS total,
              sum(d.booked_minutes)::bigint AS booked, sum(s.area_sqm * d.booked_minutes) AS used_sqm,
              sum(d.bookings)::bigint AS bookings, count(DISTINCT p.organisation_id)::int AS organisations,
              count(DISTINCT p.id)::int AS projects
         FROM occupancy_project_days d JOIN spaces s ON s.id = d.space_id JOIN projects p ON p.id = d.project_id
        WHERE d.day BETWEEN $1::date AND $2::date AND ${scopeFilter(scope, 's', params)}
        GROUP BY GROUPING SETS ((p.theme), ()) ORDER BY 1`,
      params,
    );
  }

  /**
   * People reached by theme: the light reports that follow a booking of the scope started in the period
   * (its local date), and the general ones written in the period by projects acting in the scope's
   * territory (none for a site: a general report is about no site).
   */
  async themePeople(scope: Scope, from: string, to: string): Promise<{ key: string; people: string }[]> {
    const params: unknown[] = [from, to];
    const bookingScope = scopeFilter(scope, 's', params);
    const projectScope =
      scope.kind === 'site' ? 'false' : scope.kind === 'national' ? 'true' : scopeFilter(scope, 'p', params);
    return this.db.query(
      `SELECT x.theme AS key, sum(x.people)::bigint AS people FROM (
         SELECT p.theme, r.people_reached AS people
           FROM project_reports r JOIN projects p ON p.id = r.project_id JOIN bookings b ON b.id = r.booking_id
           JOIN spaces s ON s.id = b.space_id JOIN sites t ON t.id = s.site_id
          WHERE (lower(b.period) AT TIME ZONE t.time_zone)::date BETWEEN $1::date AND $2::date AND ${bookingScope}
         UNION ALL
         SELECT p.theme, r.people_reached
           FROM project_reports r JOIN projects p ON p.id = r.project_id
          WHERE r.booking_id IS NULL AND (r.created_at AT TIME ZONE 'Europe/Paris')::date BETWEEN $1::date AND $2::date
            AND ${projectScope}) x
        WHERE x.people IS NOT NULL GROUP BY x.theme`,
      params,
    );
  }

  /** What the linked bookings of each project hosted, from the same rollup. */
  async projectOccupancy(
    ids: string[],
  ): Promise<{ project_id: string; booked: string; used_sqm: string; bookings: string }[]> {
    if (ids.length === 0) return [];
    return this.db.query(
      `SELECT d.project_id, sum(d.booked_minutes)::bigint AS booked, sum(s.area_sqm * d.booked_minutes) AS used_sqm,
              sum(d.bookings)::bigint AS bookings
         FROM occupancy_project_days d JOIN spaces s ON s.id = d.space_id
        WHERE d.project_id = ANY($1::uuid[]) GROUP BY d.project_id`,
      [ids],
    );
  }

  /** The labels of these sites, in French order. */
  siteLabels(ids: string[]): Promise<Label[]> {
    return this.db.query(
      `SELECT s.id, ${SITE_LABEL} AS label, s.latitude, s.longitude FROM sites s
        WHERE s.id = ANY($1::uuid[]) ORDER BY (${SITE_LABEL}) COLLATE ${FRENCH}, s.id`,
      [ids],
    );
  }

  /** The labels of these spaces, in French order. */
  spaceLabels(ids: string[]): Promise<Label[]> {
    return this.db.query(
      `SELECT sp.id, ${SPACE_LABEL} AS label FROM spaces sp JOIN sites s ON s.id = sp.site_id
        WHERE sp.id = ANY($1::uuid[]) ORDER BY (${SPACE_LABEL}) COLLATE ${FRENCH}, sp.id`,
      [ids],
    );
  }

  async siteRegion(id: string): Promise<string | null> {
    const rows = await this.db.query(`SELECT region_code FROM sites WHERE id = $1`, [id]);
    return rows[0]?.region_code ?? null;
  }
}

/** The scope as a condition on a rollup row that carries the space's place. */
function scopeFilter(scope: Scope, alias: string, params: unknown[]): string {
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  switch (scope.kind) {
    case 'national':
      return 'true';
    case 'region':
      return `${alias}.region_code = ${p(scope.code)}`;
    case 'departement':
      return `${alias}.departement_code = ${p(scope.code)}`;
    case 'site':
      return `${alias}.site_id = ${p(scope.id)}::uuid`;
  }
}

/** The rows of the rollups that a scope and a period select, months and edge days together. */
function facts(
  scope: Scope,
  split: Split,
  monthTable: string,
  dayTable: string,
  columns: string[],
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = (alias: string) => scopeFilter(scope, alias, params);
  const parts: string[] = [];
  const cols = (alias: string) => columns.map((c) => `${alias}.${c}`).join(', ');
  if (split.months) {
    parts.push(`SELECT m.space_id, m.site_id, m.kind, m.area_sqm, m.month AS day, ${cols('m')}
                  FROM ${monthTable} m
                 WHERE m.month BETWEEN ${p(split.months.from)}::date AND ${p(split.months.to)}::date AND ${where('m')}`);
  }
  if (split.days.length > 0) {
    const ranges = split.days
      .map((r) => `d.day BETWEEN ${p(r.from)}::date AND ${p(r.to)}::date`)
      .join(' OR ');
    parts.push(`SELECT d.space_id, s.site_id, s.kind, s.area_sqm, d.day, ${cols('d')}
                  FROM ${dayTable} d JOIN spaces s ON s.id = d.space_id
                 WHERE (${ranges}) AND ${where('s')}`);
  }
  return { sql: parts.join(' UNION ALL '), params };
}

/** The statement of `ReportsRepository.grouped`. */
function groupedStatement(
  scope: Scope,
  pieces: MonthPieces,
  groupBy: 'site' | 'space',
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const [table, key, offeredSqm, usedSqm] =
    groupBy === 'site'
      ? ['occupancy_site_months', 'm.site_id', 'm.offered_sqm_minutes', 'm.used_sqm_minutes']
      : ['occupancy_months', 'm.space_id', 'm.area_sqm * m.offered_minutes', 'm.area_sqm * m.booked_minutes'];
  const rows: string[] = [];
  if (pieces.whole) {
    rows.push(`SELECT ${key} AS id, m.offered_minutes AS offered, m.booked_minutes AS booked,
                      ${offeredSqm} AS offered_sqm, ${usedSqm} AS used_sqm, m.bookings, m.no_shows,
                      m.late_cancellations AS late, m.organisations
                 FROM ${table} m
                WHERE m.month BETWEEN ${p(pieces.whole.from)}::date AND ${p(pieces.whole.to)}::date
                  AND ${scopeFilter(scope, 'm', params)}`);
  }
  // One branch per cut month, its month as an equality: with the months as a list (`= ANY`, or a join)
  // the planner read the whole table (87,000 pages) instead of the index (7,000 for a month).
  const cut = () =>
    `cut AS (${pieces.cut
      .map(({ month, first, last }) => {
        const [a, b] = [p(first), p(last)];
        const days = (column: string) => `p.${column}[${b}::int + 1] - p.${column}[${a}::int]`;
        return `SELECT p.${groupBy}_id AS id, ${a}::int AS first, ${b}::int AS last, p.org_bits, p.org_first_days,
                       p.org_last_days, p.area_sqm, ${days('offered_minutes')} AS offered,
                       ${days('booked_minutes')} AS booked, ${days('bookings')} AS bookings,
                       ${days('no_shows')} AS no_shows, ${days('late_cancellations')} AS late
                  FROM occupancy_month_prefixes p
                 WHERE p.month = ${p(month)}::date AND ${scopeFilter(scope, 'p', params)} AND ${days('day_rows')} > 0`;
      })
      .join(' UNION ALL ')}),`;
  const cuts = pieces.cut;
  // A cut month's organisations count where the whole months' bitmap of their group lacks them.
  const added = `,
    added AS (
      SELECT b.id, count(*)::int AS n
        FROM (SELECT DISTINCT cut.id, u.bit
                FROM cut CROSS JOIN LATERAL unnest(cut.org_bits, cut.org_first_days, cut.org_last_days)
                     AS u(bit, first_day, last_day)
               WHERE cardinality(cut.org_bits) > 0 AND u.last_day >= cut.first AND u.first_day <= cut.last) b
        JOIN g ON g.id = b.id
       WHERE g.bits IS NULL OR b.bit >= length(g.bits) OR get_bit(g.bits, b.bit) = 0
       GROUP BY b.id)`;
  if (cuts.length > 0) {
    rows.push(`SELECT id, offered, booked, area_sqm * offered, area_sqm * booked, bookings, no_shows, late,
                      NULL::varbit FROM cut`);
  }
  const labels =
    groupBy === 'site'
      ? {
          label: SITE_LABEL,
          columns: 's.latitude, s.longitude',
          join: 'JOIN sites s ON s.id = g.id',
        }
      : {
          label: SPACE_LABEL,
          columns: '',
          join: 'JOIN spaces sp ON sp.id = g.id JOIN sites s ON s.id = sp.site_id',
        };
  return {
    sql: `WITH ${cuts.length > 0 ? cut() : ''}
     g AS (
       SELECT x.id, sum(x.offered)::bigint AS offered, sum(x.booked)::bigint AS booked,
              sum(x.offered_sqm) AS offered_sqm, sum(x.used_sqm) AS used_sqm, sum(x.bookings)::bigint AS bookings,
              sum(x.no_shows)::bigint AS no_shows, sum(x.late)::bigint AS late_cancellations,
              bit_or(x.organisations) AS bits
         FROM (${rows.join(' UNION ALL ')}) x(id, offered, booked, offered_sqm, used_sqm, bookings, no_shows, late, organisations)
        GROUP BY x.id)${cuts.length > 0 ? added : ''}
     SELECT g.id::text AS key, false AS total, g.offered, g.booked, g.offered_sqm, g.used_sqm, g.bookings, g.no_shows,
            g.late_cancellations, (coalesce(bit_count(g.bits), 0) + ${cuts.length > 0 ? 'coalesce(a.n, 0)' : '0'})::int AS organisations,
            ${labels.label} AS label${labels.columns ? `, ${labels.columns}` : ''}
       FROM g ${cuts.length > 0 ? 'LEFT JOIN added a ON a.id = g.id' : ''} ${labels.join}
      ORDER BY (${labels.label}) COLLATE ${FRENCH}, g.id`,
    params,
  };
}
