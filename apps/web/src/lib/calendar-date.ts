import { formatDate, type Language } from '@lieux/scheduling';

/** A calendar date (`YYYY-MM-DD`, no time zone) as `mardi 3 mars 2026`. */
export function formatCalendarDate(date: string, lang: Language = 'fr'): string {
  return formatDate(`${date}T12:00:00Z`, 'UTC', lang);
}

/** Today's calendar date in the browser's zone, `YYYY-MM-DD`. */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
