/** The overseas départements' IANA zones; every metropolitan one is Europe/Paris. */
const OVERSEAS = [
  { departement: '971', zone: 'America/Guadeloupe' },
  { departement: '972', zone: 'America/Martinique' },
  { departement: '973', zone: 'America/Cayenne' },
  { departement: '974', zone: 'Indian/Reunion' },
  { departement: '976', zone: 'Indian/Mayotte' },
] as const;

export const timeZoneOf = (departementCode: string): string =>
  OVERSEAS.find((o) => o.departement === departementCode)?.zone ?? 'Europe/Paris';

/**
 * SQL for today's date where the département in `column` lies: a date a person gave (a need's last day,
 * an approval's) ends at their midnight, not at UTC's, an hour or two later in metropolitan France.
 */
export const localTodaySql = (column: string, at = 'now()'): string =>
  `(${at} AT TIME ZONE CASE ${column} ${OVERSEAS.map((o) => `WHEN '${o.departement}' THEN '${o.zone}'`).join(' ')} ELSE 'Europe/Paris' END)::date`;
