import type { NeedSchedule, SpaceKind } from '@lieux/contracts';
import { listJoiner, monthNames, weekdayNames, type Language } from '@lieux/scheduling';

/**
 * A need said the way a person says it: "un atelier d’au moins 30 m² pour 12 personnes, tous les mardis
 * de 14 h à 17 h, du 5 janvier au 30 mars 2027, à Nîmes ou à 20 km autour". Pure (no i18n instance), so
 * that the list, the need's page and the manager's "demand near a site" all word it alike, and tested.
 */

/** The schedule as the API answers it (defaults applied). */
export type Schedule = Pick<NeedSchedule, 'from' | 'until' | 'startTime' | 'endTime'> & {
  weekdays: number[];
  perWeek: number | null;
};

interface Words {
  days: readonly string[];
  months: readonly string[];
  list: (xs: string[]) => string;
  either: (xs: string[]) => string;
  number: (n: number) => string;
  time: (hhmm: string) => string;
  date: (iso: string, withYear: boolean) => string;
  hours: (from: string, to: string) => string;
  range: (from: string, to: string) => string;
  oneDay: (day: string, hours: string) => string;
  everyDay: (range: string, hours: string) => string;
  weekly: (days: number[]) => string;
  perWeek: (n: number, among: number[] | null) => string;
  kind: Record<SpaceKind | 'any', string>;
  area: (m2: number) => string;
  people: (n: number) => string;
  around: (commune: string, km: number) => string;
  inDepartement: (name: string, code: string) => string;
  free: string;
  upTo: (price: string) => string;
}

const FR_NUMBERS = ['zéro', 'une', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept'];
const EN_NUMBERS = [
  'no',
  'once',
  'twice',
  'three times',
  'four times',
  'five times',
  'six times',
  'seven times',
];

const parseDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return { y, m, d };
};

const fr: Words = {
  days: weekdayNames('fr'),
  months: monthNames('fr'),
  list: listJoiner('fr', 'conjunction'),
  either: listJoiner('fr', 'disjunction'),
  number: (n) => FR_NUMBERS[n] ?? String(n),
  time: (hhmm) => {
    const [h, m] = hhmm.split(':').map(Number);
    return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
  },
  date: (iso, withYear) => {
    const { y, m, d } = parseDate(iso);
    return `${d === 1 ? '1er' : d} ${fr.months[m - 1]}${withYear ? ` ${y}` : ''}`;
  },
  hours: (from, to) => `de ${from} à ${to}`,
  range: (from, to) => `du ${from} au ${to}`,
  oneDay: (day, hours) => `le ${day} ${hours}`,
  everyDay: (range, hours) => `tous les jours ${range}, ${hours}`,
  weekly: (days) => {
    if (days.length === 7) return 'tous les jours';
    if (days.join(',') === '1,2,3,4,5') return 'du lundi au vendredi';
    return `tous les ${fr.list(days.map((d) => `${fr.days[d - 1]}s`))}`;
  },
  perWeek: (n, among) => {
    const times = n === 1 ? 'une fois par semaine' : `${fr.number(n)} fois par semaine`;
    return among ? `${times} (le ${fr.either(among.map((d) => fr.days[d - 1]))})` : times;
  },
  kind: {
    any: 'un espace',
    meeting_room: 'une salle de réunion',
    office: 'un bureau',
    workshop: 'un atelier',
    event_hall: 'une salle d’événements',
    storage: 'un local de stockage',
    coworking: 'un espace de coworking',
    counter_corner: 'un coin guichet',
  },
  area: (m2) => `d’au moins ${formatNumber(m2, 'fr')} m²`,
  people: (n) => (n === 1 ? 'pour une personne' : `pour ${n} personnes`),
  around: (commune, km) => `à ${commune} ou à ${formatNumber(km, 'fr')} km autour`,
  inDepartement: (name, code) => `dans le département ${name} (${code})`,
  free: 'gratuit uniquement',
  upTo: (price) => `${price} de l’heure au plus`,
};

const en: Words = {
  days: weekdayNames('en'),
  months: monthNames('en'),
  list: listJoiner('en', 'conjunction'),
  either: listJoiner('en', 'disjunction'),
  number: (n) => EN_NUMBERS[n] ?? `${n} times`,
  time: (hhmm) => hhmm,
  date: (iso, withYear) => {
    const { y, m, d } = parseDate(iso);
    return `${d} ${en.months[m - 1]}${withYear ? ` ${y}` : ''}`;
  },
  hours: (from, to) => `from ${from} to ${to}`,
  range: (from, to) => `from ${from} to ${to}`,
  oneDay: (day, hours) => `on ${day} ${hours}`,
  everyDay: (range, hours) => `every day ${range}, ${hours}`,
  weekly: (days) => {
    if (days.length === 7) return 'every day';
    if (days.join(',') === '1,2,3,4,5') return 'Monday to Friday';
    return `every ${en.list(days.map((d) => en.days[d - 1]))}`;
  },
  perWeek: (n, among) => {
    const times = `${en.number(n)} a week`;
    return among ? `${times} (on ${en.either(among.map((d) => en.days[d - 1]))})` : times;
  },
  kind: {
    any: 'a space',
    meeting_room: 'a meeting room',
    office: 'an office',
    workshop: 'a workshop',
    event_hall: 'an event hall',
    storage: 'a storage room',
    coworking: 'a coworking space',
    counter_corner: 'a counter corner',
  },
  area: (m2) => `of at least ${formatNumber(m2, 'en')} m²`,
  people: (n) => (n === 1 ? 'for one person' : `for ${n} people`),
  around: (commune, km) => `in ${commune} or within ${formatNumber(km, 'en')} km`,
  inDepartement: (name, code) => `in the ${name} département (${code})`,
  free: 'free only',
  upTo: (price) => `${price} an hour at most`,
};

const WORDS: Record<Language, Words> = { fr, en };

function formatNumber(n: number, lang: Language): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }).format(n);
}

/** ISO weekday (1 = Monday) of a calendar date. */
export function isoWeekday(iso: string): number {
  const day = new Date(`${iso}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** "du 5 janvier au 30 mars 2027": the first year said only when the two differ. */
function rangeOf(w: Words, from: string, until: string): string {
  const sameYear = from.slice(0, 4) === until.slice(0, 4);
  return w.range(w.date(from, !sameYear), w.date(until, true));
}

/**
 * When: "le mardi 5 janvier 2027 de 14 h à 17 h", "tous les mardis de 14 h à 17 h, du 5 janvier au
 * 30 mars 2027", "deux fois par semaine (le lundi, le mardi ou le jeudi) de 9 h à 12 h, du … au …".
 */
export function scheduleSummary(s: Schedule, lang: Language = 'fr'): string {
  const w = WORDS[lang];
  const hours = w.hours(w.time(s.startTime), w.time(s.endTime));
  const days = [...new Set(s.weekdays)].sort((a, b) => a - b);
  const range = rangeOf(w, s.from, s.until);
  if (s.perWeek) {
    return `${w.perWeek(s.perWeek, days.length > 0 && days.length < 7 ? days : null)} ${hours}, ${range}`;
  }
  if (days.length === 0) {
    if (s.from === s.until)
      return w.oneDay(`${w.days[isoWeekday(s.from) - 1]} ${w.date(s.from, true)}`, hours);
    return w.everyDay(range, hours);
  }
  return `${w.weekly(days)} ${hours}, ${range}`;
}

/** What is wanted: "un atelier d’au moins 30 m² pour 12 personnes". */
export function spaceWanted(
  need: { kind: SpaceKind | null; minAreaM2: number | null; attendees: number },
  lang: Language = 'fr',
): string {
  const w = WORDS[lang];
  return [
    w.kind[need.kind ?? 'any'],
    need.minAreaM2 ? w.area(need.minAreaM2) : null,
    w.people(need.attendees),
  ]
    .filter(Boolean)
    .join(' ');
}

/** Where: "à Nîmes ou à 20 km autour", "dans le département Gard (30)". */
export function placeSummary(
  place: {
    communeName: string | null;
    radiusKm: number | null;
    departementCode: string;
    departementName: string;
  },
  lang: Language = 'fr',
): string {
  const w = WORDS[lang];
  return place.communeName
    ? w.around(place.communeName, place.radiusKm ?? 0)
    : w.inDepartement(place.departementName, place.departementCode);
}

/** The price ceiling, or null when there is none: "gratuit uniquement", "5,00 € de l’heure au plus". */
export function priceSummary(maxHourlyRateCents: number | null, lang: Language = 'fr'): string | null {
  if (maxHourlyRateCents === null) return null;
  const w = WORDS[lang];
  if (maxHourlyRateCents === 0) return w.free;
  const price = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
  }).format(maxHourlyRateCents / 100);
  return w.upTo(price);
}

/** Parts said one after the other, as one sentence: capitalised, with a full stop. */
export function sentence(...parts: (string | null)[]): string {
  const text = parts.filter(Boolean).join(', ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** The whole need in one sentence, capitalised, with a full stop. */
export function needSummary(
  need: {
    kind: SpaceKind | null;
    minAreaM2: number | null;
    attendees: number;
    schedule: Schedule;
    place: Parameters<typeof placeSummary>[0];
    maxHourlyRateCents: number | null;
  },
  lang: Language = 'fr',
): string {
  return sentence(
    spaceWanted(need, lang),
    scheduleSummary(need.schedule, lang),
    placeSummary(need.place, lang),
    priceSummary(need.maxHourlyRateCents, lang),
  );
}
