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
 * an approval's) ends at their midnight, not at the database session's (UTC's: an hour or two after
 * Paris's, three or four before the Antilles'). `column` and `at` are SQL, never a person's input.
 */
export const localTodaySql = (column: string, at = 'now()'): string =>
  `(${at} AT TIME ZONE CASE ${column} ${OVERSEAS.map((o) => `WHEN '${o.departement}' THEN '${o.zone}'`).join(' ')} ELSE 'Europe/Paris' END)::date`;

/**
 * Today in the French zones furthest behind and ahead of UTC: every département's date lies between the
 * two, bounds an index on a date column can use where `localTodaySql` (one zone per row) cannot.
 */
export const TODAY_IN_ANTILLES = `(now() AT TIME ZONE 'America/Martinique')::date`;
export const TODAY_IN_REUNION = `(now() AT TIME ZONE 'Indian/Reunion')::date`;
