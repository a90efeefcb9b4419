import type { Language } from './format';

/**
 * Day and month names and "a, b et c" lists in the user's language, from the platform's Intl data rather
 * than lists of our own, so that every sentence the product builds (a series' rule, a need) names them alike.
 */

const TAG: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

const names = (lang: Language, part: 'weekday' | 'month', dates: number[]) => {
  const format = new Intl.DateTimeFormat(TAG[lang], { [part]: 'long', timeZone: 'UTC' });
  return dates.map((d) => format.format(d));
};

/** Monday first, as ISO weekdays count (index 0 = Monday). */
export const weekdayNames = (lang: Language): readonly string[] =>
  names(
    lang,
    'weekday',
    // 1 January 2024 was a Monday.
    Array.from({ length: 7 }, (_, i) => Date.UTC(2024, 0, 1 + i)),
  );

export const monthNames = (lang: Language): readonly string[] =>
  names(
    lang,
    'month',
    Array.from({ length: 12 }, (_, i) => Date.UTC(2024, i, 1)),
  );

/** "mardi, jeudi et samedi" (conjunction) or "mardi, jeudi ou samedi" (disjunction). */
export const listJoiner = (lang: Language, type: 'conjunction' | 'disjunction') => {
  const format = new Intl.ListFormat(TAG[lang], { type });
  return (xs: string[]): string => format.format(xs);
};
