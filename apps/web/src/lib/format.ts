/**
 * French-first display of instants and money, always in the site's IANA zone, never the browser's:
 * `mardi 3 mars 2026`, `14 h 30`, `12,50 €`. Intl only, so the first page stays light; conversions between
 * wall-clock time and instants (Temporal) live in wall-clock.ts.
 */
export type Language = 'fr' | 'en';

const TAG: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

type InstantInput = string | number | Date;
const toDate = (i: InstantInput) => (i instanceof Date ? i : new Date(i));

export function formatDate(instant: InstantInput, timeZone: string, lang: Language = 'fr'): string {
  return new Intl.DateTimeFormat(TAG[lang], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(toDate(instant));
}

export function formatTime(instant: InstantInput, timeZone: string, lang: Language = 'fr'): string {
  const parts = new Intl.DateTimeFormat(TAG[lang], {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(toDate(instant));
  const hour = parts.find((p) => p.type === 'hour')?.value ?? '00';
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return lang === 'fr' ? `${Number(hour)} h ${minute}` : `${hour}:${minute}`;
}

/** `14 h 30 – 16 h 00` */
export function formatTimeRange(
  start: InstantInput,
  end: InstantInput,
  timeZone: string,
  lang: Language = 'fr',
) {
  return `${formatTime(start, timeZone, lang)} – ${formatTime(end, timeZone, lang)}`;
}

export function formatMoney(cents: number, lang: Language = 'fr'): string {
  return new Intl.NumberFormat(TAG[lang], { style: 'currency', currency: 'EUR' }).format(cents / 100);
}
