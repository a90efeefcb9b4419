import type { Project } from '@lieux/contracts';

const locale = (lang: string) => (lang === 'en' ? 'en-GB' : 'fr-FR');

/** Hours and m²·h as the reports show them: whole numbers, or one decimal under ten. */
export function formatFigure(value: number, lang: string): string {
  const digits = Math.abs(value) < 10 && !Number.isInteger(value) ? 1 : 0;
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits }).format(value);
}

/** A calendar date `YYYY-MM-DD` in words (`3 mars 2026`), read as the day it names anywhere. */
export function formatDay(date: string, lang: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString(locale(lang), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** Where a project acts, in words: its commune (département), or its département. */
export function territoryOf(p: Pick<Project, 'territory'>): string {
  const t = p.territory;
  return t.communeName
    ? `${t.communeName} (${t.departementCode})`
    : `${t.departementName} (${t.departementCode})`;
}
