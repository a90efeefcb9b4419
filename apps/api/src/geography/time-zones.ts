/** IANA zones of the overseas départements; every metropolitan one is Europe/Paris. */
const OVERSEAS_ZONES: Record<string, string> = {
  '971': 'America/Guadeloupe',
  '972': 'America/Martinique',
  '973': 'America/Cayenne',
  '974': 'Indian/Reunion',
  '976': 'Indian/Mayotte',
};

export const timeZoneOf = (departementCode: string): string =>
  OVERSEAS_ZONES[departementCode] ?? 'Europe/Paris';

/**
 * SQL for today's date where the département in `column` lies: a date a person gave (a need's last day)
 * ends at their midnight, not at UTC's, an hour or two earlier in metropolitan France.
 */
export const localTodaySql = (column: string, at = 'now()'): string =>
  `(${at} AT TIME ZONE CASE ${column} ${Object.entries(OVERSEAS_ZONES)
    .map(([code, zone]) => `WHEN '${code}' THEN '${zone}'`)
    .join(' ')} ELSE 'Europe/Paris' END)::date`;
