import type Mail from 'nodemailer/lib/mailer';

const SIGNATURE = 'L’équipe Lieux Partagés — La Poste et l’économie sociale et solidaire';

/** What the quarterly invitation's outbox event carries: the organisation and its active projects then. */
export interface QuarterlyPayload {
  organisationId: string;
  /** First day of the quarter, YYYY-MM-DD. */
  quarter: string;
  quarterLabel: string;
  projects: { id: string; title: string }[];
}

/**
 * Once a quarter, one e-mail to an organisation: update each active project with an outcome sentence and
 * its figures, if it wishes (nothing is required, nothing is blocked without it).
 */
export function quarterlyInvitationEmail(
  to: { email: string; name: string | null },
  organisationName: string,
  p: QuarterlyPayload,
  url: string,
): Omit<Mail.Options, 'from' | 'messageId'> {
  const lines = [
    `Où en sont les projets de ${organisationName} ? Pour ce ${p.quarterLabel}, vous pouvez donner en une minute`,
    'une phrase sur ce qu’ils ont permis et quelques chiffres (personnes touchées, bénévoles, actions menées).',
    'C’est facultatif, et cela aide La Poste et ses partenaires à voir ce que les lieux rendent possible.',
    '',
    ...p.projects.map((x) => `- ${x.title} : ${url}/projets/${x.id}`),
    '',
    `Tous vos projets : ${url}/projets`,
  ];
  return {
    to: to.name ? { name: to.name, address: to.email } : to.email,
    subject: `Vos projets — point du ${p.quarterLabel}`,
    text: [to.name ? `Bonjour ${to.name},` : 'Bonjour,', '', ...lines, '', SIGNATURE].join('\n'),
  };
}
