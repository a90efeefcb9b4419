/**
 * French-first display of instants and money, always in the site's zone (never the reader's machine's).
 * `mardi 3 mars 2026`, `14 h 30`, `12,50 €`.
 */
export type Language = 'fr' | 'en';

const TAG: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

/**
 * Building an `Intl` formatter costs tens of times what formatting one value does (it resolves the locale
 * and the zone's rules): one per kind, language and zone, kept. Bounded by the zones in use.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function formatter<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

export function formatDate(instant: number | string | Date, timeZone: string, lang: Language = 'fr'): string {
  return formatter(
    `date|${lang}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(TAG[lang], {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone,
      }),
  ).format(new Date(instant));
}

export function formatTime(instant: number | string | Date, timeZone: string, lang: Language = 'fr'): string {
  const parts = formatter(
    `time|${lang}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(TAG[lang], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }),
  ).formatToParts(new Date(instant));
  const hour = parts.find((p) => p.type === 'hour')!.value;
  const minute = parts.find((p) => p.type === 'minute')!.value;
  return lang === 'fr' ? `${Number(hour)} h ${minute}` : `${hour}:${minute}`;
}

export function formatMoney(cents: number, lang: Language = 'fr'): string {
  return formatter(
    `money|${lang}`,
    () => new Intl.NumberFormat(TAG[lang], { style: 'currency', currency: 'EUR' }),
  ).format(cents / 100);
}

/** `14 h 30 – 16 h 00` */
export function formatTimeRange(
  start: number | string | Date,
  end: number | string | Date,
  timeZone: string,
  lang: Language = 'fr',
): string {
  return `${formatTime(start, timeZone, lang)} – ${formatTime(end, timeZone, lang)}`;
}
