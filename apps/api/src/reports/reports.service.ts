import { Injectable } from '@nestjs/common';
import { Temporal } from 'temporal-polyfill';
import type {
  OccupancyFigures,
  OccupancyGroupBy,
  OccupancyQuery,
  OccupancyReport,
  OccupancyRow,
} from '@lieux/contracts';
import { occupancyRate } from '@lieux/scheduling';
import { grantsOf, isAdmin, type Caller } from '../auth/current-user';
import { GeographyService } from '../geography/geography.service';
import { DomainException, notFound } from '../http/domain.exception';
import {
  ReportsRepository,
  type GroupRow,
  type AreaSplit,
  type MonthPieces,
  type OrgRow,
  type Scope,
  type Split,
  type SumsRow,
  type ThemeRow,
} from './reports.repository';
import { occupancyCsv } from './occupancy-csv';

export const KIND_LABELS: Record<string, string> = {
  meeting_room: 'Salle de réunion',
  office: 'Bureau',
  workshop: 'Atelier',
  event_hall: 'Salle d’événements',
  storage: 'Stockage',
  coworking: 'Coworking',
  counter_corner: 'Coin guichet',
};

const LEGAL_FORM_LABELS: Record<string, string> = {
  association: 'Association',
  scop: 'SCOP',
  scic: 'SCIC',
  cae: 'CAE',
  cooperative: 'Autre coopérative',
  mutual: 'Mutuelle',
  foundation: 'Fondation',
  esus_company: 'Entreprise agréée ESUS',
  ess_company: 'Entreprise commerciale de l’ESS',
};

/** The ESS themes in French, as the CSV and the digest write them. */
export const THEME_LABELS: Record<string, string> = {
  insertion: 'Insertion',
  alimentation: 'Alimentation',
  numerique: 'Numérique',
  culture: 'Culture',
  transition_energetique: 'Transition énergétique',
  mobilite: 'Mobilité',
  services_proximite: 'Services de proximité',
  sante: 'Santé',
  education: 'Éducation',
  acces_droits: 'Accès aux droits',
  sport: 'Sport',
  autre: 'Autre',
};

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;
const ratio = (r: number | null) => (r === null ? null : Math.round(r * 10_000) / 10_000);
/** One collator for every sort: `localeCompare(…, 'fr')` looks the locale up again at each comparison. */
const byFrench = new Intl.Collator('fr').compare;

/**
 * A report whose rows come a few hundred at a time, in order, as the database reads them: the sites or
 * spaces of a scope wider than a site (`ReportsRepository.grouped`). `rows.return()` lets the database go
 * when the rows are not all wanted.
 */
export type OccupancyPieces = Omit<OccupancyReport, 'rows'> & { rows: AsyncIterableIterator<OccupancyRow[]> };

export const inPieces = (answer: OccupancyReport | OccupancyPieces): answer is OccupancyPieces =>
  !Array.isArray(answer.rows);

/** The report with all its rows, read to the end. */
export async function wholeReport(answer: OccupancyReport | OccupancyPieces): Promise<OccupancyReport> {
  if (!inPieces(answer)) return answer;
  const rows: OccupancyRow[] = [];
  for await (const piece of answer.rows) rows.push(...piece);
  return { ...answer, rows };
}

/** Occupancy reports from the rollups: scope and period checked against the caller, figures summed, then divided. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly geography: GeographyService,
  ) {}

  /** `system`: a job reporting on behalf of the platform (the digest), not a caller. */
  async occupancy(caller: Caller | null, q: OccupancyQuery, system = false): Promise<OccupancyReport> {
    return wholeReport(await this.occupancyPieces(caller, q, system));
  }

  /** The report, its rows in pieces where there can be tens of thousands (see `OccupancyPieces`). */
  async occupancyPieces(
    caller: Caller | null,
    q: OccupancyQuery,
    system = false,
  ): Promise<OccupancyReport | OccupancyPieces> {
    const scope = await this.authorise(caller, q.scope, system);
    if (q.groupBy === 'theme') return this.byTheme(q, scope);
    if (scope.kind !== 'site') {
      const report = await this.fromAreas(q, scope);
      if (report) return report;
    }
    // A site's own rows, or sites and spaces over a period that cuts a month: two scans of the space
    // rollups, run side by side, the additive sums and the distinct organisations; each gives its groups
    // and its total at once (GROUPING SETS).
    const split = splitPeriod(q.from, q.to, q.groupBy === 'week');
    const [sums, orgs] = await Promise.all([
      this.repo.sums(scope, split, q.groupBy === 'legalForm' ? null : q.groupBy),
      this.repo.organisations(scope, split, q.groupBy),
    ]);
    const totals = sums.find((s) => s.total);
    const groups = orgs.filter((o) => !o.total);
    const rows =
      q.groupBy === 'legalForm'
        ? legalFormRows(groups, totals)
        : await this.grouped(
            sums.filter((s) => !s.total),
            groups,
            q.groupBy,
          );
    return {
      ...header(q),
      rows,
      totals: figures(
        totals,
        orgs.find((o) => o.total),
      ),
    };
  }

  /**
   * A scope wider than a site: the totals, and the groupings by kind, month and week, from the area
   * rollups; sites and spaces from their month rows and running totals. Undefined for what only the space
   * rollups answer (sites or spaces over part of one month, cut at both ends).
   */
  private async fromAreas(
    q: OccupancyQuery,
    scope: Exclude<Scope, { kind: 'site' }>,
  ): Promise<OccupancyReport | OccupancyPieces | undefined> {
    const split = splitPeriod(q.from, q.to, false);
    const months = wholeMonths(q.from, q.to);
    const total = async () => (await this.repo.areas(scope, months, null))[0];
    switch (q.groupBy) {
      case 'kind':
      case 'month':
      case 'week': {
        const rows = await this.repo.areas(
          scope,
          q.groupBy === 'week' ? splitWeeks(q.from, q.to) : months,
          q.groupBy,
        );
        const groups = rows.filter((r) => !r.total);
        const totals = rows.find((r) => r.total);
        return {
          ...header(q),
          rows: await this.grouped(groups, groups, q.groupBy),
          totals: figures(totals, totals),
        };
      }
      case 'legalForm': {
        const [forms, totals] = await Promise.all([this.repo.legalForms(scope, split), total()]);
        return {
          ...header(q),
          rows: legalFormRows(forms, totals),
          totals: figures(totals, totals),
        };
      }
      case 'site':
      case 'space': {
        const pieces = monthPieces(q.from, q.to);
        if (!pieces) return undefined;
        // The totals first: the rows hold their connection until the last is read, and the embedded
        // mode has only one.
        const sums = await total();
        const totals = figures(sums, sums);
        const shape =
          q.groupBy === 'site'
            ? (g: GroupRow): OccupancyRow => ({
                key: g.key,
                label: g.label,
                ...figures(g, g),
                latitude: g.latitude,
                longitude: g.longitude,
              })
            : (g: GroupRow): OccupancyRow => ({ key: g.key, label: g.label, ...figures(g, g) });
        const groups = this.repo.grouped(scope, pieces, q.groupBy);
        const rows = await started(
          (async function* () {
            for await (const piece of groups) yield piece.map(shape);
          })(),
        );
        return { ...header(q), rows, totals };
      }
      default:
        return undefined;
    }
  }

  /**
   * By theme: the bookings linked to a project, from the per-project rollup, grouped by the project's
   * theme. Like legal forms, a theme offers nothing: its rate is over the scope's offered hours, and the
   * totals are those of the linked bookings (the sum of the rows), beside the scope's offered figures.
   */
  private async byTheme(q: OccupancyQuery, scope: Scope): Promise<OccupancyReport> {
    const [themes, people, sums] = await Promise.all([
      this.repo.themes(scope, q.from, q.to),
      this.repo.themePeople(scope, q.from, q.to),
      scope.kind === 'site'
        ? this.repo.sums(scope, splitPeriod(q.from, q.to, false), null)
        : this.repo.areas(scope, wholeMonths(q.from, q.to), null),
    ]);
    const offered = Number(sums.find((s) => s.total)?.offered ?? 0);
    const peopleOf = new Map(people.map((p) => [p.key, Number(p.people)]));
    const row = (t: ThemeRow | undefined, key: string, label: string): OccupancyRow => {
      const booked = Number(t?.booked ?? 0);
      return {
        key,
        label,
        offeredHours: null,
        bookedHours: hours(booked),
        offeredSqmHours: null,
        usedSqmHours: hours(Number(t?.used_sqm ?? 0)),
        rate: ratio(occupancyRate({ offeredMinutes: offered, bookedMinutes: booked })),
        bookings: Number(t?.bookings ?? 0),
        organisations: t?.organisations ?? 0,
        noShows: 0,
        noShowRate: null,
        lateCancellations: 0,
        cancellationRate: null,
        peopleReached: key ? (peopleOf.get(key) ?? 0) : [...peopleOf.values()].reduce((a, b) => a + b, 0),
      };
    };
    const keys = new Set([...themes.filter((t) => !t.total).map((t) => t.key), ...peopleOf.keys()]);
    const rows = [...keys]
      .map((key) =>
        row(
          themes.find((t) => !t.total && t.key === key),
          key,
          THEME_LABELS[key] ?? key,
        ),
      )
      .sort((a, b) => b.bookedHours - a.bookedHours || byFrench(a.label, b.label));
    const {
      key: _key,
      label: _label,
      ...totals
    } = row(
      themes.find((t) => t.total),
      '',
      'Total',
    );
    return {
      scope: q.scope,
      from: q.from,
      to: q.to,
      groupBy: q.groupBy,
      rows,
      totals: { ...totals, offeredHours: hours(offered), offeredSqmHours: null },
    };
  }

  /** Hours and m²·h the linked bookings of each project hosted, from the occupancy rollups. */
  async projectOccupancy(
    ids: string[],
  ): Promise<Map<string, { bookings: number; bookedHours: number; usedSqmHours: number }>> {
    const rows = await this.repo.projectOccupancy(ids);
    return new Map(
      rows.map((r) => [
        r.project_id,
        {
          bookings: Number(r.bookings),
          bookedHours: hours(Number(r.booked)),
          usedSqmHours: hours(Number(r.used_sqm)),
        },
      ]),
    );
  }

  private async grouped(
    sums: SumsRow[],
    orgs: OrgRow[],
    groupBy: Exclude<OccupancyGroupBy, 'legalForm' | 'theme'>,
  ) {
    const orgByKey = new Map(orgs.map((o) => [o.key, o]));
    const rows: OccupancyRow[] = sums.map((s) => ({
      key: s.key,
      label: s.key,
      ...figures(s, orgByKey.get(s.key)),
    }));
    if (groupBy === 'site' || groupBy === 'space') {
      // Labelled and ordered by the database, as a wider scope's rows are (`ReportsRepository.grouped`).
      const keys = rows.map((r) => r.key);
      const labels = await (groupBy === 'site' ? this.repo.siteLabels(keys) : this.repo.spaceLabels(keys));
      const byKey = new Map(rows.map((r) => [r.key, r]));
      const labelled = labels.flatMap(({ id, ...label }) => {
        const r = byKey.get(id);
        byKey.delete(id);
        return r ? [Object.assign(r, label)] : [];
      });
      // A row whose site or space has no label still counts (the totals are its sum): kept, last.
      return [...labelled, ...byKey.values()];
    } else if (groupBy === 'kind') {
      for (const r of rows) r.label = KIND_LABELS[r.key] ?? r.key;
    } else if (groupBy === 'month') {
      for (const r of rows) r.label = monthLabel(Temporal.PlainYearMonth.from(r.key));
    } else {
      for (const r of rows) {
        const d = Temporal.PlainDate.from(r.key);
        r.label = `semaine du ${d.day} ${monthName(d)} ${d.year}`;
      }
    }
    return rows;
  }

  /** The scope as a filter, if the caller may see it: delegates their region only, admins everything. */
  private async authorise(caller: Caller | null, raw: string, system: boolean): Promise<Scope> {
    const [kind, value] = raw.split(':') as [Scope['kind'], string | undefined];
    const regions = grantsOf(caller ?? undefined, 'delegate').map((g) => g.regionCode!);
    const admin = system || isAdmin(caller ?? undefined);
    const allowed = (region: string) => admin || regions.includes(region);
    const forbidden = () => new DomainException('FORBIDDEN', 403, 'FORBIDDEN.outsideRegion');
    switch (kind) {
      case 'national':
        if (!admin) throw forbidden();
        return { kind };
      case 'region': {
        if (!this.geography.departements(value!)) throw notFound('NOT_FOUND.scopeRegion');
        if (!allowed(value!)) throw forbidden();
        return { kind, code: value! };
      }
      case 'departement': {
        const code = value!.toUpperCase();
        const region = this.geography
          .regions()
          .find((r) => this.geography.departements(r.code)?.some((d) => d.code === code));
        if (!region) throw notFound('NOT_FOUND.scopeDepartement');
        if (!allowed(region.code)) throw forbidden();
        return { kind, code };
      }
      case 'site': {
        const id = value!.toLowerCase();
        const region = await this.repo.siteRegion(id);
        // A site outside the caller's region is not even known to exist.
        if (!region || !allowed(region)) throw notFound('NOT_FOUND.scopeSite');
        return { kind, id };
      }
      default:
        // The contract lets only the four kinds through; anything else is refused, never let through.
        throw forbidden();
    }
  }

  /** The report as a CSV for a French spreadsheet (see occupancy-csv.ts). */
  csv(report: OccupancyReport): string {
    return occupancyCsv(report);
  }
}

function figures(s: SumsRow | undefined, o: OrgRow | undefined): OccupancyFigures {
  const offered = Number(s?.offered ?? 0);
  const booked = Number(s?.booked ?? 0);
  const bookings = Number(s?.bookings ?? 0);
  const noShows = Number(s?.no_shows ?? 0);
  const late = Number(s?.late_cancellations ?? 0);
  return {
    offeredHours: hours(offered),
    bookedHours: hours(booked),
    offeredSqmHours: hours(Number(s?.offered_sqm ?? 0)),
    usedSqmHours: hours(Number(s?.used_sqm ?? 0)),
    rate: ratio(occupancyRate({ offeredMinutes: offered, bookedMinutes: booked })),
    bookings,
    organisations: Number(o?.organisations ?? 0),
    noShows,
    noShowRate: ratio(bookings + noShows > 0 ? noShows / (bookings + noShows) : null),
    lateCancellations: late,
    cancellationRate: ratio(bookings + noShows + late > 0 ? late / (bookings + noShows + late) : null),
  };
}

/**
 * Runs `source` to its first piece, so that what fails at the start (the statement) fails before an
 * answer has begun; the iterator then gives that piece and the rest. Its `return()` reaches `source` even
 * if it was never read, unlike an async generator wrapped around it (one never started ignores `return`).
 */
async function started<T>(source: AsyncGenerator<T>): Promise<AsyncIterableIterator<T>> {
  let first: IteratorResult<T> | null = await source.next();
  const iterator: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => iterator,
    next() {
      const f = first;
      first = null;
      return f ? Promise.resolve(f) : source.next();
    },
    return() {
      first = null;
      return source.return(undefined);
    },
  };
  return iterator;
}

const header = (q: OccupancyQuery) => ({ scope: q.scope, from: q.from, to: q.to, groupBy: q.groupBy });

/** Legal forms by booked hours; each one's rate over the scope's offered hours. */
const legalFormRows = (groups: OrgRow[], totals: SumsRow | undefined) =>
  groups
    .map((o) => legalFormRow(o, Number(totals?.offered ?? 0)))
    .sort((a, b) => b.bookedHours - a.bookedHours || a.key.localeCompare(b.key));

function legalFormRow(o: OrgRow, scopeOfferedMinutes: number): OccupancyRow {
  const booked = Number(o.booked);
  return {
    key: o.key,
    label: LEGAL_FORM_LABELS[o.key] ?? o.key,
    offeredHours: null,
    bookedHours: hours(booked),
    offeredSqmHours: null,
    usedSqmHours: hours(Number(o.used_sqm)),
    rate: ratio(occupancyRate({ offeredMinutes: scopeOfferedMinutes, bookedMinutes: booked })),
    bookings: Number(o.bookings),
    organisations: o.organisations === undefined ? 0 : Number(o.organisations),
    // No-shows and cancellations are counted per space and day, not per organisation.
    noShows: 0,
    noShowRate: null,
    lateCancellations: 0,
    cancellationRate: null,
  };
}

/** "janvier": the French name of a month, on its own. */
const monthName = (d: { year: number; month: number }) =>
  new Intl.DateTimeFormat('fr', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(d.year, d.month - 1, 1));

/** "mars 2026". */
export const monthLabel = (d: { year: number; month: number }) => `${monthName(d)} ${d.year}`;

const wholeMonths = (from: string, to: string): AreaSplit => {
  const split = splitPeriod(from, to, false);
  return { grain: 'month', whole: split.months, days: split.days };
};

/** Whole ISO weeks (Monday to Sunday) from the week rollups, the days around them from the day rollups. */
export function splitWeeks(from: string, to: string): AreaSplit {
  const start = Temporal.PlainDate.from(from);
  const end = Temporal.PlainDate.from(to);
  const firstMonday = start.add({ days: (8 - start.dayOfWeek) % 7 });
  const lastSunday = end.subtract({ days: end.dayOfWeek % 7 });
  if (Temporal.PlainDate.compare(firstMonday, lastSunday) > 0) {
    return { grain: 'week', whole: null, days: [{ from, to }] };
  }
  const days: AreaSplit['days'] = [];
  if (!firstMonday.equals(start)) days.push({ from, to: firstMonday.subtract({ days: 1 }).toString() });
  if (!lastSunday.equals(end)) days.push({ from: lastSunday.add({ days: 1 }).toString(), to });
  return {
    grain: 'week',
    whole: { from: firstMonday.toString(), to: lastSunday.subtract({ days: 6 }).toString() },
    days,
  };
}

/**
 * The whole months of a period and the months it cuts at one end (see `MonthPieces`); null when it cuts
 * one month at both ends, which the running totals cannot answer.
 */
export function monthPieces(from: string, to: string): MonthPieces | null {
  const start = Temporal.PlainDate.from(from);
  const end = Temporal.PlainDate.from(to);
  const startMonth = start.with({ day: 1 });
  const endMonth = end.with({ day: 1 });
  const fromStart = start.day === 1;
  const toEnd = end.day === end.daysInMonth;
  if (startMonth.equals(endMonth)) {
    if (fromStart && toEnd) return { whole: { from: from, to: from }, cut: [] };
    if (!fromStart && !toEnd) return null;
    return { whole: null, cut: [{ month: startMonth.toString(), first: start.day, last: end.day }] };
  }
  const cut: MonthPieces['cut'] = [];
  if (!fromStart) cut.push({ month: startMonth.toString(), first: start.day, last: start.daysInMonth });
  if (!toEnd) cut.push({ month: endMonth.toString(), first: 1, last: end.day });
  const wholeFrom = fromStart ? startMonth : startMonth.add({ months: 1 });
  const wholeTo = toEnd ? endMonth : endMonth.subtract({ months: 1 });
  const whole =
    Temporal.PlainDate.compare(wholeFrom, wholeTo) <= 0
      ? { from: wholeFrom.toString(), to: wholeTo.toString() }
      : null;
  return { whole, cut };
}

/** Whole months from the month rollups, the days around them from the day rollups. */
export function splitPeriod(from: string, to: string, daysOnly: boolean): Split {
  if (daysOnly) return { months: null, days: [{ from, to }] };
  const { compare } = Temporal.PlainDate;
  const start = Temporal.PlainDate.from(from);
  const end = Temporal.PlainDate.from(to);
  const firstMonth = start.day === 1 ? start : start.add({ months: 1 }).with({ day: 1 });
  const lastMonth =
    end.day === end.daysInMonth ? end.with({ day: 1 }) : end.with({ day: 1 }).subtract({ months: 1 });
  if (compare(firstMonth, lastMonth) > 0) return { months: null, days: [{ from, to }] };
  const days: Split['days'] = [];
  if (compare(firstMonth, start) > 0) days.push({ from, to: firstMonth.subtract({ days: 1 }).toString() });
  const afterLast = lastMonth.add({ months: 1 });
  if (compare(afterLast, end) <= 0) days.push({ from: afterLast.toString(), to });
  return { months: { from: firstMonth.toString(), to: lastMonth.toString() }, days };
}
