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
  /** The région's projects described in the month, and the light reports given on its projects. */
  newProjects?: { id: string; title: string; theme: string; organisationName: string }[];
  newReports?: { projectTitle: string; peopleReached: number | null; sentence: string }[];
}

const fr = (v: number, digits = 0) =>
  new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v);

/** What the projects of the région brought in the month: new projects and the reports given. */
function projectLines(p: DigestPayload, url: string): string[] {
  const projects = p.newProjects ?? [];
  const reports = p.newReports ?? [];
  if (projects.length === 0 && reports.length === 0) return [];
  const lines: string[] = [];
  if (projects.length > 0) {
    lines.push(`Nouveaux projets (${fr(projects.length)}) :`);
    for (const x of projects)
      lines.push(`- ${x.title} (${x.theme}) — ${x.organisationName} : ${url}/projets/${x.id}`);
    lines.push('');
  }
  if (reports.length > 0) {
    lines.push(`Bilans reçus (${fr(reports.length)}) :`);
    for (const r of reports) {
      const people = r.peopleReached === null ? '' : ` — ${fr(r.peopleReached)} personnes touchées`;
      lines.push(`- ${r.projectTitle}${people}${r.sentence ? ` — « ${r.sentence} »` : ''}`);
    }
    lines.push('');
  }
  return lines;
}

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
    ...projectLines(p, url),
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
