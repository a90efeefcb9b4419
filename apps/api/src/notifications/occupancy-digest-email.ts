import type Mail from 'nodemailer/lib/mailer';

const SIGNATURE = 'L’équipe Lieux Partagés — La Poste et l’économie sociale et solidaire';

/** What the digest job writes into its outbox event: the figures and the CSV of the month. */
export interface DigestPayload {
  userId: string;
  regionCode: string;
  regionName: string;
  /** YYYY-MM */
  month: string;
  monthLabel: string;
  offeredSqmHours: number;
  usedSqmHours: number;
  rate: number | null;
  bookings: number;
  organisations: number;
  csv: string;
  csvName: string;
}

const fr = (v: number, digits = 0) =>
  new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v);

/** The monthly occupancy digest of a delegate's region, with the report by site attached as CSV. */
export function occupancyDigestEmail(
  to: { email: string; name: string | null },
  p: DigestPayload,
  url: string,
): Omit<Mail.Options, 'from' | 'messageId'> {
  const lines = [
    `Voici l’occupation des espaces de la région ${p.regionName} en ${p.monthLabel} :`,
    '',
    `- m²·heures offerts : ${fr(p.offeredSqmHours)}`,
    `- m²·heures utilisés : ${fr(p.usedSqmHours)}`,
    `- taux d’occupation : ${p.rate === null ? '—' : `${fr(p.rate * 100, 1)} %`}`,
    `- réservations : ${fr(p.bookings)}`,
    `- organisations accueillies : ${fr(p.organisations)}`,
    '',
    'Le détail par site est joint au format CSV (il s’ouvre dans un tableur).',
    `Le tableau de bord : ${url}/rapports`,
  ];
  return {
    to: to.name ? { name: to.name, address: to.email } : to.email,
    subject: `Occupation ${p.regionName} — ${p.monthLabel}`,
    text: [to.name ? `Bonjour ${to.name},` : 'Bonjour,', '', ...lines, '', SIGNATURE].join('\n'),
    attachments: [{ filename: p.csvName, content: p.csv, contentType: 'text/csv; charset=utf-8' }],
  };
}
