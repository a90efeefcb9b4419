import { listJoiner, monthNames, weekdayNames } from './calendar-words';
import type { Language } from './format';
import { inZone, type Temporal } from './local-time';
import { MAX_OCCURRENCE_HOURS, normaliseRule, SeriesRuleError, type SeriesSpec } from './series';

/**
 * A series' rule in words, the way a person says it: "tous les jeudis de 9 h à 10 h 30, 10 fois",
 * "un jeudi sur deux de 14 h à 16 h, jusqu’au 18 juin", "every other Thursday from 14:00 to 16:00".
 *
 * Pure: the rule is read from its canonical text (the parts `normaliseRule` accepts), the hours are the
 * first occurrence's wall-clock hours in the site's zone, which every occurrence keeps (so a series that
 * crosses a daylight-saving change is still "de 9 h à 11 h"). Every rule the API accepts gets a phrase;
 * the shapes the booking form builds get the natural ones.
 */

const CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

interface Rule {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
  interval: number;
  count?: number;
  until?: string;
  /** [ordinal or 0, weekday index 0 = Monday]. */
  byDay: [number, number][];
  byMonthDay: number[];
  byMonth: number[];
  bySetPos: number[];
}

function parse(canonical: string): Rule {
  const parts = new Map(canonical.split(';').map((p) => p.split('=') as [string, string]));
  const numbers = (key: string) => (parts.get(key)?.split(',') ?? []).map(Number);
  return {
    freq: parts.get('FREQ') as Rule['freq'],
    interval: Number(parts.get('INTERVAL') ?? 1),
    count: parts.has('COUNT') ? Number(parts.get('COUNT')) : undefined,
    until: parts.get('UNTIL'),
    byDay: (parts.get('BYDAY')?.split(',') ?? []).map((d) => [
      Number(d.slice(0, -2) || 0),
      CODES.indexOf(d.slice(-2) as (typeof CODES)[number]),
    ]),
    byMonthDay: numbers('BYMONTHDAY'),
    byMonth: numbers('BYMONTH'),
    bySetPos: numbers('BYSETPOS'),
  };
}

interface Words {
  days: readonly string[];
  months: readonly string[];
  /** "mardi, jeudi et vendredi" */
  list: (xs: string[]) => string;
  either: (xs: string[]) => string;
  /** 1 → "premier", -1 → "dernier". */
  ordinal: (n: number) => string;
  monthDay: (n: number) => string;
  date: (day: number, month: number, year?: number) => string;
  time: (hour: number, minute: number) => string;
  daily: (n: number) => string;
  weekly: (n: number, days: number[]) => string;
  everyMonths: (n: number) => string;
  /** "le 2" → "le 2 de chaque mois", "le 2, un mois sur trois". */
  monthly: (n: number, what: string) => string;
  yearly: (n: number, date: string | null) => string;
  onDays: (days: number[]) => string;
  onMonthDays: (days: number[]) => string;
  inMonths: (months: number[]) => string;
  setPos: (positions: number[]) => string;
  hours: (from: string, to: string) => string;
  until: (date: string) => string;
  count: (n: number) => string;
}

const FR_NUMBERS = ['', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix'];
const frCount = (n: number) => FR_NUMBERS[n] ?? String(n);
const pad = (n: number) => String(n).padStart(2, '0');

const fr: Words = {
  days: weekdayNames('fr'),
  months: monthNames('fr'),
  list: listJoiner('fr', 'conjunction'),
  either: listJoiner('fr', 'disjunction'),
  ordinal: (n) =>
    n === -1
      ? 'dernier'
      : n === -2
        ? 'avant-dernier'
        : n < 0
          ? `${-n}e en partant de la fin`
          : n === 1
            ? 'premier'
            : (['deuxième', 'troisième', 'quatrième', 'cinquième'][n - 2] ?? `${n}e`),
  monthDay: (n) => (n === 1 ? '1er' : n > 0 ? String(n) : `${fr.ordinal(n)} jour`),
  date: (day, month, year) =>
    `${day === 1 ? '1er' : day} ${fr.months[month - 1]}${year === undefined ? '' : ` ${year}`}`,
  time: (h, m) => (h === 0 && m === 0 ? 'minuit' : m === 0 ? `${h} h` : `${h} h ${pad(m)}`),
  daily: (n) => (n === 1 ? 'tous les jours' : n === 2 ? 'un jour sur deux' : `tous les ${n} jours`),
  weekly: (n, days) => {
    const names = days.map((d) => fr.days[d]);
    if (n === 1) {
      return days.join(',') === '0,1,2,3,4'
        ? 'du lundi au vendredi'
        : `tous les ${fr.list(names.map((d) => `${d}s`))}`;
    }
    if (days.length === 1 && n <= 10) return `un ${names[0]} sur ${frCount(n)}`;
    const every = n === 2 ? 'une semaine sur deux' : `toutes les ${n} semaines`;
    return `${every}, le ${fr.list(names)}`;
  },
  everyMonths: (n) =>
    n === 1 ? 'chaque mois' : n <= 10 ? `un mois sur ${frCount(n)}` : `tous les ${n} mois`,
  monthly: (n, what) => (n === 1 ? `${what} de chaque mois` : `${what}, ${fr.everyMonths(n)}`),
  yearly: (n, date) => {
    const every = n === 1 ? 'chaque année' : n === 2 ? 'tous les deux ans' : `tous les ${n} ans`;
    return date === null ? every : `${every}, le ${date}`;
  },
  onDays: (days) => `le ${fr.either(days.map((d) => fr.days[d]))}`,
  onMonthDays: (days) => `le ${fr.either(days.map(fr.monthDay))} du mois`,
  inMonths: (months) => `en ${fr.list(months.map((m) => fr.months[m - 1]))}`,
  setPos: (positions) => `(le ${fr.list(positions.map(fr.ordinal))} de ces jours dans la période)`,
  hours: (from, to) => `de ${from} à ${to}`,
  until: (date) => `jusqu’au ${date}`,
  count: (n) => (n === 1 ? 'une seule fois' : `${n} fois`),
};

const enOrdinalSuffix = (n: number) =>
  n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
const EN_NTH = ['first', 'second', 'third', 'fourth', 'fifth'];

const en: Words = {
  days: weekdayNames('en'),
  months: monthNames('en'),
  list: listJoiner('en', 'conjunction'),
  either: listJoiner('en', 'disjunction'),
  ordinal: (n) =>
    n === -1
      ? 'last'
      : n === -2
        ? 'second to last'
        : n < 0
          ? `${-n}${enOrdinalSuffix(-n)} from last`
          : (EN_NTH[n - 1] ?? `${n}${enOrdinalSuffix(n)}`),
  monthDay: (n) => (n > 0 ? `${n}${enOrdinalSuffix(n)}` : `${en.ordinal(n)} day`),
  date: (day, month, year) => `${day} ${en.months[month - 1]}${year === undefined ? '' : ` ${year}`}`,
  time: (h, m) => (h === 0 && m === 0 ? 'midnight' : `${h}:${pad(m)}`),
  daily: (n) => (n === 1 ? 'every day' : n === 2 ? 'every other day' : `every ${n} days`),
  weekly: (n, days) => {
    const names = days.map((d) => en.days[d]);
    if (n === 1) return days.join(',') === '0,1,2,3,4' ? 'Monday to Friday' : `every ${en.list(names)}`;
    if (days.length === 1 && n === 2) return `every other ${names[0]}`;
    return `${n === 2 ? 'every other week' : `every ${n} weeks`} on ${en.list(names)}`;
  },
  everyMonths: (n) => (n === 1 ? 'every month' : n === 2 ? 'every other month' : `every ${n} months`),
  monthly: (n, what) => `${what} of ${en.everyMonths(n)}`,
  yearly: (n, date) => {
    const every = n === 1 ? 'every year' : n === 2 ? 'every other year' : `every ${n} years`;
    return date === null ? every : `${every} on ${date}`;
  },
  onDays: (days) => `on ${en.either(days.map((d) => en.days[d]))}`,
  onMonthDays: (days) => `on the ${en.either(days.map(en.monthDay))} of the month`,
  inMonths: (months) => `in ${en.list(months.map((m) => en.months[m - 1]))}`,
  setPos: (positions) => `(the ${en.list(positions.map(en.ordinal))} of those days in each period)`,
  hours: (from, to) => `from ${from} to ${to}`,
  until: (date) => `until ${date}`,
  count: (n) => (n === 1 ? 'once' : `${n} times`),
};

const WORDS: Record<Language, Words> = { fr, en };

const sorted = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);

/** "le premier mardi et le troisième jeudi" / "the first Tuesday and the third Thursday". */
function nthDays(w: Words, lang: Language, items: [number, number][]): string {
  const article = lang === 'fr' ? 'le' : 'the';
  // The same weekday at several positions reads "le premier et le troisième mardi".
  const day = items[0][1];
  if (items.every(([, d]) => d === day)) {
    return `${w.list(sorted(items.map(([n]) => n)).map((n) => `${article} ${w.ordinal(n)}`))} ${w.days[day]}`;
  }
  return w.list(items.map(([n, d]) => `${article} ${w.ordinal(n)} ${w.days[d]}`));
}

/** What repeats, without the hours or the end: "tous les jeudis", "le premier mardi de chaque mois". */
function cadence(r: Rule, first: Temporal.ZonedDateTime, lang: Language): string {
  const w = WORDS[lang];
  const plainDays = r.byDay.filter(([n]) => n === 0).map(([, d]) => d);
  const nth = r.byDay.filter(([n]) => n !== 0);
  const extra: string[] = [];
  let what: string;

  if (
    r.freq === 'WEEKLY' ||
    (r.freq === 'DAILY' && r.interval === 1 && plainDays.length > 0 && !nth.length)
  ) {
    // A weekly rule without days repeats the first one's weekday.
    const days = sorted(plainDays.length ? plainDays : [first.dayOfWeek - 1]);
    what = w.weekly(r.freq === 'WEEKLY' ? r.interval : 1, days);
    if (r.byMonthDay.length) extra.push(w.onMonthDays(r.byMonthDay));
  } else if (r.freq === 'DAILY') {
    what = w.daily(r.interval);
    if (plainDays.length) extra.push(w.onDays(sorted(plainDays)));
    if (r.byMonthDay.length) extra.push(w.onMonthDays(r.byMonthDay));
  } else if (r.freq === 'MONTHLY') {
    const article = lang === 'fr' ? 'le' : 'the';
    if (r.byDay.length === 0) {
      const days = r.byMonthDay.length ? r.byMonthDay : [first.day];
      const named = w.list(days.map((d) => `${article} ${w.monthDay(d)}`));
      what = w.monthly(r.interval, lang === 'fr' ? named : `on ${named}`);
    } else if (nth.length === r.byDay.length) {
      what = w.monthly(r.interval, `${lang === 'fr' ? '' : 'on '}${nthDays(w, lang, nth)}`);
      if (r.byMonthDay.length) extra.push(w.onMonthDays(r.byMonthDay));
    } else if (r.bySetPos.length && nth.length === 0 && r.byMonthDay.length === 0) {
      // BYDAY=MO,TU;BYSETPOS=-1: "le dernier lundi ou mardi de chaque mois".
      const positions = sorted(r.bySetPos).map((n) => `${article} ${w.ordinal(n)}`);
      const days = w.either(sorted(plainDays).map((d) => w.days[d]));
      what = w.monthly(r.interval, `${lang === 'fr' ? '' : 'on '}${w.list(positions)} ${days}`);
      r = { ...r, bySetPos: [] };
    } else {
      // Every such weekday of the month ("tous les mardis"), at the month's interval.
      what = w.weekly(1, sorted(plainDays));
      if (r.interval > 1) what = `${what}, ${w.everyMonths(r.interval)}`;
      if (nth.length) extra.push(nthDays(w, lang, nth));
      if (r.byMonthDay.length) extra.push(w.onMonthDays(r.byMonthDay));
    }
  } else {
    const simple = !r.byMonth.length && !r.byDay.length && !r.byMonthDay.length;
    what = w.yearly(r.interval, simple ? w.date(first.day, first.month) : null);
    if (!simple) {
      if (r.byMonthDay.length) extra.push(w.onMonthDays(r.byMonthDay));
      if (nth.length) extra.push(nthDays(w, lang, nth));
      if (plainDays.length) extra.push(w.onDays(sorted(plainDays)));
      // Months alone keep the first date's day: "chaque année, le 2, en mars ou juin".
      if (!r.byMonthDay.length && !r.byDay.length) extra.push(w.onMonthDays([first.day]));
    }
  }
  if (r.byMonth.length) extra.push(w.inMonths(sorted(r.byMonth)));
  if (r.bySetPos.length) extra.push(w.setPos(sorted(r.bySetPos)));
  return [what, ...extra].join(', ');
}

/** UNTIL's date in the site's zone: a UTC instant, a floating local date-time, or a date. */
function untilDate(until: string, timeZone: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(until)!;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!m[7]) return { year, month, day };
  const at = Date.UTC(year, month - 1, day, Number(m[4]), Number(m[5]), Number(m[6]));
  const local = inZone(at, timeZone);
  return { year: local.year, month: local.month, day: local.day };
}

export function describeSeries(spec: SeriesSpec, lang: Language = 'fr'): string {
  const rule = parse(normaliseRule(spec.rrule));
  const length = spec.firstEnd - spec.firstStart;
  if (!(length > 0) || length > MAX_OCCURRENCE_HOURS * 3_600_000) throw new SeriesRuleError('INVALID_PERIOD');
  let first: Temporal.ZonedDateTime;
  let last: Temporal.ZonedDateTime;
  try {
    first = inZone(spec.firstStart, spec.timeZone);
    last = inZone(spec.firstEnd, spec.timeZone);
  } catch {
    throw new SeriesRuleError('INVALID_PERIOD');
  }
  const w = WORDS[lang];
  const phrase = `${cadence(rule, first, lang)} ${w.hours(w.time(first.hour, first.minute), w.time(last.hour, last.minute))}`;
  if (rule.until) {
    const u = untilDate(rule.until, spec.timeZone);
    return `${phrase}, ${w.until(w.date(u.day, u.month, u.year === first.year ? undefined : u.year))}`;
  }
  if (rule.count !== undefined) return `${phrase}, ${w.count(rule.count)}`;
  return phrase;
}
