import { wallClock } from './local-time';
import type { Period } from './periods';
import { dayRangePeriod, localDates } from './site-calendar';

/**
 * French public holidays ("jours fériés") per site, from the site's INSEE département code.
 *
 * - Everywhere: the eleven days of Code du travail L3133-1. Easter Sunday and Pentecost Sunday are not
 *   among them and are left out on purpose: they are not legal holidays, and a site that opens on a
 *   Sunday has chosen to, so removing them from its offered hours would be wrong.
 * - Alsace-Moselle (57, 67, 68): Good Friday and 26 December (L3134-13). The statute limits Good Friday to
 *   communes with a Protestant temple or a mixed church; it is observed across the three départements in
 *   practice, and a site that does open uses `opensOn`.
 * - Overseas (L3422-2, dates from décret 83-1003 as amended): the abolition-of-slavery day.
 *
 * Current law only, projected onto every year: the product books future rooms, so past rules (Whit
 * Monday as the 2005–2007 "journée de solidarité", 8 May before 1982…) are not modelled.
 */

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface Holiday {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  /** French name, for display. */
  name: string;
  /** Stable identifier, for code and translations. */
  key: string;
}

/** Easter Sunday of a Gregorian year: the anonymous (Meeus/Jones/Butcher) algorithm, exact for every year. */
export function easterSunday(year: number): CalendarDate {
  checkYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return { year, month: Math.floor(n / 31), day: (n % 31) + 1 };
}

type Rule = { key: string; name: string; date: (year: number) => string };

const fixed = (key: string, name: string, month: number, day: number): Rule => ({
  key,
  name,
  date: (year) => isoDate(year, month, day),
});

const afterEaster = (key: string, name: string, days: number): Rule => ({
  key,
  name,
  date: (year) => {
    const e = easterSunday(year);
    return isoDate(year, e.month, e.day + days);
  },
});

/** In the order of L3133-1; when two rules fall on one date, the first listed names it. */
const NATIONAL: readonly Rule[] = [
  fixed('new_year', 'Jour de l’An', 1, 1),
  afterEaster('easter_monday', 'Lundi de Pâques', 1),
  fixed('labour_day', 'Fête du Travail', 5, 1),
  fixed('victory_1945', 'Victoire 1945', 5, 8),
  afterEaster('ascension', 'Ascension', 39),
  afterEaster('whit_monday', 'Lundi de Pentecôte', 50),
  fixed('national_day', 'Fête nationale', 7, 14),
  fixed('assumption', 'Assomption', 8, 15),
  fixed('all_saints', 'Toussaint', 11, 1),
  fixed('armistice_1918', 'Armistice 1918', 11, 11),
  fixed('christmas', 'Noël', 12, 25),
];

const ALSACE_MOSELLE: readonly Rule[] = [
  afterEaster('good_friday', 'Vendredi saint', -2),
  fixed('st_stephen', 'Saint-Étienne', 12, 26),
];

const slavery = (month: number, day: number) => [
  fixed('slavery_abolition', 'Abolition de l’esclavage', month, day),
];

/**
 * Local rules by code. 975 (Saint-Pierre-et-Miquelon) has the national list only. 977 and 978 are the
 * collectivités of Saint-Barthélemy and Saint-Martin; Saint-Martin's day moved from 27 to 28 May once
 * the historical record was corrected.
 */
const LOCAL: Readonly<Record<string, readonly Rule[]>> = {
  '57': ALSACE_MOSELLE,
  '67': ALSACE_MOSELLE,
  '68': ALSACE_MOSELLE,
  '971': slavery(5, 27),
  '972': slavery(5, 22),
  '973': slavery(6, 10),
  '974': slavery(12, 20),
  '975': [],
  '976': slavery(4, 27),
  '977': slavery(10, 9),
  '978': slavery(5, 28),
};

// Metropolitan départements: 01–19, 2A, 2B, 21–95 (there is no 20 since Corsica was split).
const METROPOLITAN = /^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5])$/;

/**
 * Codes where the Code du travail applies. Anything else (98x: New Caledonia, French Polynesia, Wallis
 * and Futuna have their own labour law) is refused rather than given a guessed calendar.
 */
function rulesFor(departementCode: string): readonly Rule[] {
  const local = LOCAL[departementCode];
  if (local) return [...NATIONAL, ...local];
  if (METROPOLITAN.test(departementCode)) return NATIONAL;
  throw new RangeError(`No holiday calendar for département code: ${departementCode}`);
}

// Pure in (year, département) and asked for on every booking: computed once each.
const byYear = new Map<string, readonly Holiday[]>();

/** The holidays of a year at a site, sorted by date, one per date. */
export function holidays(year: number, departementCode: string): Holiday[] {
  const key = `${year}|${departementCode}`;
  let known = byYear.get(key);
  if (!known) {
    known = computeHolidays(year, departementCode);
    // Bounded by the years asked for: a few per département in practice, never unbounded input.
    if (byYear.size >= 10_000) byYear.clear();
    byYear.set(key, known);
  }
  return known.map((h) => ({ ...h }));
}

function computeHolidays(year: number, departementCode: string): Holiday[] {
  checkYear(year);
  const byDate = new Map<string, Holiday>();
  for (const rule of rulesFor(departementCode)) {
    const date = rule.date(year);
    if (!byDate.has(date)) byDate.set(date, { date, name: rule.name, key: rule.key });
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** The holidays from one calendar date to another, both included, across years. */
export function holidaysBetween(from: string, to: string, departementCode: string): Holiday[] {
  const first = parseDate(from).year;
  const last = parseDate(to).year;
  const out: Holiday[] = [];
  for (let year = first; year <= last; year++) {
    out.push(...holidays(year, departementCode).filter((h) => from <= h.date && h.date <= to));
  }
  return out;
}

/**
 * The holidays that meet a window, each as its whole local day (local midnight to the next, so 23 or 25
 * hours on a daylight-saving day, exactly as closures are laid), clipped to the window. Dates in
 * `opensOn` are skipped: the site has chosen to open then.
 */
export function holidayPeriods(
  departementCode: string,
  timeZone: string,
  window: Period,
  opensOn: ReadonlySet<string> = new Set(),
): Period[] {
  wallClock(window.start, timeZone); // refuses an unknown zone even for an empty window
  if (window.end <= window.start) return [];
  const { from, to } = localDates(window, timeZone);
  const out: Period[] = [];
  for (const h of holidaysBetween(from, to, departementCode)) {
    if (opensOn.has(h.date)) continue;
    const day = dayRangePeriod({ startsOn: h.date, endsOn: h.date }, timeZone);
    const start = Math.max(day.start, window.start);
    const end = Math.min(day.end, window.end);
    if (start < end) out.push({ start, end });
  }
  return out;
}

// Before 1583 the Gregorian computus does not apply; past 9999 dates no longer have four-digit years.
function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1583 || year > 9999)
    throw new RangeError(`Unsupported year: ${year}`);
}

/** YYYY-MM-DD of a date given as year, month and day, the day allowed to run over (Easter + 50). */
function isoDate(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(date: string): CalendarDate {
  const m = ISO_DATE.exec(date);
  const parsed = m && { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  // Round-tripping refuses dates that do not exist, such as 2026-02-30.
  if (!parsed || isoDate(parsed.year, parsed.month, parsed.day) !== date) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  }
  checkYear(parsed.year);
  return parsed;
}
