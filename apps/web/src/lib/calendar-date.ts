import { formatDate, type Language } from '@lieux/scheduling';

/** A calendar date (`YYYY-MM-DD`, no time zone) as `mardi 3 mars 2026`. */
export function formatCalendarDate(date: string, lang: Language = 'fr'): string {
  return formatDate(`${date}T12:00:00Z`, 'UTC', lang);
}
