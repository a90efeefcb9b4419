import { RRuleTemporal } from 'rrule-temporal';
import { inZone, startOfDate, Temporal } from './local-time';
import type { Period } from './periods';

/**
 * Recurring bookings: an RFC 5545 RRULE expanded in the site's local time, so that 09:00–11:00 every
 * Tuesday stays 09:00–11:00 on the wall clock across daylight-saving changes. Expansion is done by
 * rrule-temporal (Temporal's zoned arithmetic); this module only bounds it and shapes the answer.
 */

/** Most occurrences one series may hold: a weekly permanence for about four years. */
export const MAX_SERIES_OCCURRENCES = 200;
/** Longest single occurrence: a series repeats a slot, not a stay. */
export const MAX_OCCURRENCE_HOURS = 24;

export type SeriesProblem =
  | 'INVALID_RULE'
  | 'UNSUPPORTED_RULE'
  | 'NOT_FIRST_OCCURRENCE'
  | 'TOO_MANY_OCCURRENCES'
  | 'NO_OCCURRENCE'
  | 'INVALID_PERIOD';

const PROBLEM_TEXT: Record<SeriesProblem, string> = {
  INVALID_RULE: 'La règle de répétition n’est pas une règle RFC 5545 valide.',
  UNSUPPORTED_RULE:
    'Cette règle de répétition n’est pas prise en charge : répétez chaque jour, semaine, mois ou année, sans changer l’heure.',
  NOT_FIRST_OCCURRENCE: 'La première date doit elle-même suivre la règle de répétition.',
  TOO_MANY_OCCURRENCES: `Une série compte au plus ${MAX_SERIES_OCCURRENCES} occurrences : raccourcissez-la.`,
  NO_OCCURRENCE: 'Cette règle ne donne aucune occurrence.',
  INVALID_PERIOD: `Chaque occurrence doit finir après son début et durer au plus ${MAX_OCCURRENCE_HOURS} heures.`,
};

export class SeriesRuleError extends Error {
  constructor(
    readonly problem: SeriesProblem,
    detail?: string,
  ) {
    super(detail ?? PROBLEM_TEXT[problem]);
  }
}

export interface SeriesSpec {
  /** First occurrence, epoch ms; its wall-clock time in `timeZone` is the series' time. */
  firstStart: number;
  firstEnd: number;
  /** RRULE value (`FREQ=WEEKLY;BYDAY=TU;UNTIL=…`), with or without the `RRULE:` prefix; no DTSTART. */
  rrule: string;
  timeZone: string;
}

export interface SeriesLimits {
  /** Last instant an occurrence may start at when the rule has no end of its own (the space's horizon). */
  horizonEnd: number;
  max?: number;
}

export interface SeriesExpansion {
  /** In order, each the same local wall-clock times as the first. */
  occurrences: Period[];
  /** Why an endless rule was cut: at the horizon, or at the maximum count. */
  clippedAt: 'horizon' | 'count' | null;
}

const FREQUENCIES = new Set(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);
// BYHOUR/BYMINUTE/BYSECOND would move occurrences off the first one's time; RSCALE/SKIP are out of scope.
const PARTS = new Set([
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'BYDAY',
  'BYMONTHDAY',
  'BYMONTH',
  'BYSETPOS',
  'WKST',
]);
const MAX_ITERATIONS = 5_000;

const DAY = '(MO|TU|WE|TH|FR|SA|SU)';
/** A comma list of whole numbers within ±[1, max] (RFC 5545 §3.3.10 ranges; zero is never a position). */
const signedList = (max: number, signed: boolean) => (v: string) =>
  v.split(',').every((item) => {
    const m = (signed ? /^([+-]?)(\d{1,3})$/ : /^()(\d{1,2})$/).exec(item);
    return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= max;
  });
// rrule-temporal skips values out of range instead of refusing them (BYMONTHDAY=99 then yields only
// the first date), so a rule a person mistyped would silently book something else: refuse it here.
const VALID_VALUE: Record<string, (v: string) => boolean> = {
  FREQ: () => true,
  COUNT: (v) => /^[1-9]\d{0,3}$/.test(v),
  INTERVAL: (v) => /^[1-9]\d{0,3}$/.test(v),
  UNTIL: (v) => /^\d{8}(T\d{6}Z?)?$/.test(v),
  BYDAY: (v) =>
    v.split(',').every((item) => {
      const m = new RegExp(`^(?:[+-]?(\\d{1,2}))?${DAY}$`).exec(item);
      return m !== null && (m[1] === undefined || (Number(m[1]) >= 1 && Number(m[1]) <= 53));
    }),
  BYMONTHDAY: signedList(31, true),
  BYMONTH: signedList(12, false),
  BYSETPOS: signedList(366, true),
  WKST: (v) => new RegExp(`^${DAY}$`).test(v),
};

/** The rule's value in canonical form (`FREQ=…;…`), refused when it is not one we expand. */
export function normaliseRule(rrule: string): string {
  const value = rrule
    .trim()
    .replace(/^RRULE:/i, '')
    .toUpperCase();
  if (value.length === 0 || value.length > 500 || /[\r\n]/.test(value))
    throw new SeriesRuleError('INVALID_RULE');
  const seen = new Set<string>();
  for (const part of value.split(';')) {
    const m = /^([A-Z]+)=([A-Z0-9,+-]+)$/.exec(part);
    if (!m) throw new SeriesRuleError('INVALID_RULE');
    const [, key, v] = m;
    if (seen.has(key)) throw new SeriesRuleError('INVALID_RULE');
    seen.add(key);
    if (!PARTS.has(key)) throw new SeriesRuleError('UNSUPPORTED_RULE');
    if (key === 'FREQ' && !FREQUENCIES.has(v)) throw new SeriesRuleError('UNSUPPORTED_RULE');
    if (!VALID_VALUE[key]?.(v)) throw new SeriesRuleError('INVALID_RULE');
  }
  if (!seen.has('FREQ')) throw new SeriesRuleError('INVALID_RULE');
  if (seen.has('COUNT') && seen.has('UNTIL')) throw new SeriesRuleError('INVALID_RULE');
  return value;
}

function isBounded(rule: string): boolean {
  return /(^|;)(COUNT|UNTIL)=/.test(rule);
}

function ruleOf(spec: SeriesSpec): {
  rule: RRuleTemporal;
  canonical: string;
  first: Temporal.ZonedDateTime;
  last: Temporal.ZonedDateTime;
} {
  const canonical = normaliseRule(spec.rrule);
  let first: Temporal.ZonedDateTime;
  let last: Temporal.ZonedDateTime;
  try {
    first = inZone(spec.firstStart, spec.timeZone);
    last = inZone(spec.firstEnd, spec.timeZone);
  } catch {
    throw new SeriesRuleError('INVALID_PERIOD');
  }
  const length = spec.firstEnd - spec.firstStart;
  if (!(length > 0) || length > MAX_OCCURRENCE_HOURS * 3_600_000) throw new SeriesRuleError('INVALID_PERIOD');
  try {
    const rule = new RRuleTemporal({
      rruleString: `DTSTART;TZID=${spec.timeZone}:${basicDateTime(first)}\nRRULE:${canonical}`,
      maxIterations: MAX_ITERATIONS,
    });
    return { rule, canonical, first, last };
  } catch (err) {
    throw new SeriesRuleError('INVALID_RULE', `${PROBLEM_TEXT.INVALID_RULE} (${(err as Error).message})`);
  }
}

/**
 * Every occurrence of a series, at most `max` (200). A rule with COUNT or UNTIL is expanded whole (its
 * occurrences past the horizon are then refused one by one, so the person sees them); a rule without an
 * end is cut at the horizon. A bounded rule with more than `max` occurrences is refused.
 */
export function expandSeries(spec: SeriesSpec, limits: SeriesLimits): SeriesExpansion {
  const max = limits.max ?? MAX_SERIES_OCCURRENCES;
  const { rule, canonical, first, last } = ruleOf(spec);
  const bounded = isBounded(canonical);
  // The end keeps its wall-clock time too, on the same day offset from the start as the first one's.
  const dayOffset = first.toPlainDate().until(last.toPlainDate()).days;
  const endTime = {
    hour: last.hour,
    minute: last.minute,
    second: last.second,
    millisecond: last.millisecond,
  };

  let clippedAt: SeriesExpansion['clippedAt'] = null;
  let tooMany = false;
  let tooFar = false;
  let starts: number[];
  try {
    starts = rule
      .all((dt, i) => {
        // Calendars, holidays and four-digit years stop at 9999.
        if (dt.year > 9999) {
          tooFar = true;
          return false;
        }
        if (!bounded && dt.epochMilliseconds > limits.horizonEnd) {
          clippedAt = 'horizon';
          return false;
        }
        if (i >= max) {
          if (bounded) tooMany = true;
          else clippedAt = 'count';
          return false;
        }
        return true;
      })
      .map((dt) => dt.epochMilliseconds);
  } catch (err) {
    throw new SeriesRuleError('INVALID_RULE', `${PROBLEM_TEXT.INVALID_RULE} (${(err as Error).message})`);
  }
  if (tooMany) throw new SeriesRuleError('TOO_MANY_OCCURRENCES');
  if (tooFar) throw new SeriesRuleError('INVALID_RULE', 'Cette règle donne des dates au-delà de l’an 9999.');
  if (starts.length === 0) {
    // An endless rule whose first occurrence is already past the horizon: nothing to book, said plainly.
    if (clippedAt === 'horizon') return { occurrences: [], clippedAt };
    throw new SeriesRuleError('NO_OCCURRENCE');
  }
  if (starts[0] !== spec.firstStart) throw new SeriesRuleError('NOT_FIRST_OCCURRENCE');

  const occurrences = starts.map((start) => {
    const day = inZone(start, spec.timeZone).toPlainDate().add({ days: dayOffset });
    // From the day's first instant, as opening hours are laid: an end in the fall-back overlap is the
    // earlier instant, one in the spring-forward gap moves forward by the gap.
    const end = startOfDate(day, spec.timeZone).with(endTime).epochMilliseconds;
    return { start, end };
  });
  return { occurrences, clippedAt };
}

const ONE_DAY = 86_400_000;

/**
 * The window whose site calendar checking a series' dates needs: a day either side of them (local days
 * against UTC instants), cut two days past the horizon. Dates beyond it are refused without their
 * calendar: a yearly rule must not make us expand centuries of opening hours.
 */
export function seriesCalendarWindow(occurrences: readonly Period[], horizonEnd: number): Period {
  return {
    start: occurrences[0].start - ONE_DAY,
    end: Math.min(occurrences[occurrences.length - 1].end, horizonEnd + 2 * ONE_DAY) + ONE_DAY,
  };
}

const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** RFC 5545's basic form of a date-time's fields, `20260303T143000` (UTC when given a UTC date-time). */
function basicDateTime(t: Temporal.ZonedDateTime): string {
  return `${pad(t.year, 4)}${pad(t.month)}${pad(t.day)}T${pad(t.hour)}${pad(t.minute)}${pad(t.second)}`;
}

// ---------------------------------------------------------------------------------------------------
// What the booking form's recurrence editor builds
// ---------------------------------------------------------------------------------------------------

export type RepeatChoice =
  | { kind: 'weekly'; weekdays: number[]; interval?: number }
  | { kind: 'monthlyByDate'; interval?: number }
  | { kind: 'monthlyByWeekday'; interval?: number };

export type RepeatEnd = { until: string } | { count: number };

/**
 * The RRULE value for the editor's choice. `weekdays` are ISO (1 = Monday); the first occurrence's own
 * weekday is always included so that it follows its rule. `until` is a local date, included.
 */
export function buildRule(
  choice: RepeatChoice,
  end: RepeatEnd,
  firstStart: number,
  timeZone: string,
): string {
  const first = inZone(firstStart, timeZone);
  const parts: string[] = [];
  const interval = choice.interval ?? 1;
  if (choice.kind === 'weekly') {
    const days = [...new Set([first.dayOfWeek, ...choice.weekdays])].filter((d) => d >= 1 && d <= 7).sort();
    parts.push('FREQ=WEEKLY', `BYDAY=${days.map((d) => WEEKDAY_CODES[d - 1]).join(',')}`);
  } else if (choice.kind === 'monthlyByDate') {
    parts.push('FREQ=MONTHLY', `BYMONTHDAY=${first.day}`);
  } else {
    const nth = Math.ceil(first.day / 7);
    // A fifth weekday does not exist every month: "the last" is what people mean.
    const n = nth === 5 ? -1 : nth;
    parts.push('FREQ=MONTHLY', `BYDAY=${n}${WEEKDAY_CODES[first.dayOfWeek - 1]}`);
  }
  if (interval > 1) parts.push(`INTERVAL=${interval}`);
  if ('count' in end) parts.push(`COUNT=${end.count}`);
  else {
    // The last instant of the local day, as UTC (the form RFC 5545 requires of UNTIL with a TZID start).
    let nextDay: Temporal.PlainDate;
    try {
      nextDay = Temporal.PlainDate.from(end.until).add({ days: 1 });
    } catch {
      throw new SeriesRuleError('INVALID_RULE');
    }
    const last = inZone(startOfDate(nextDay, timeZone).epochMilliseconds - 1, 'UTC');
    parts.push(`UNTIL=${basicDateTime(last)}Z`);
  }
  return parts.join(';');
}
