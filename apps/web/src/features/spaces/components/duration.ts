import type { TFunction } from 'i18next';

/** `30 min`, `1 heure`, `8 heures`, `1 h 30` — durations of the booking rules. */
export function formatDuration(minutes: number, t: TFunction): string {
  if (minutes < 60) return t('spaces.duration.minutes', { count: minutes });
  if (minutes % 60 === 0) return t('spaces.duration.hours', { count: minutes / 60 });
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;
}
