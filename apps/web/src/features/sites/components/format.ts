import { currentLanguage } from '../../../lib/i18n';

/** A calendar date (`YYYY-MM-DD`) in words, in the current language (no zone involved). */
export function formatCalendarDate(date: string): string {
  return new Intl.DateTimeFormat(currentLanguage(), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}
