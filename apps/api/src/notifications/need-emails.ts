import type Mail from 'nodemailer/lib/mailer';
import type { Recipient } from './account-emails';

const SIGNATURE = 'L’équipe Lieux Partagés — La Poste et l’économie sociale et solidaire';

const KINDS: Record<string, string> = {
  meeting_room: 'salle de réunion',
  office: 'bureau',
  workshop: 'atelier',
  event_hall: 'salle d’événements',
  storage: 'stockage',
  coworking: 'coworking',
  counter_corner: 'coin guichet',
};

const m2 = (v: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(v);

/** A space newly meeting a need, as the e-mail names it. */
export interface MatchedSpaceFacts {
  space_name: string;
  kind: string;
  area_sqm: string;
  site_name: string;
  commune: string;
  occurrences_free: number;
  distance_km: number | null;
}

export interface NeedMailFacts {
  id: string;
  purpose: string;
  occurrences_wanted: number;
}

function mail(to: Recipient, subject: string, lines: string[]): Omit<Mail.Options, 'from' | 'messageId'> {
  return {
    to: to.name ? { name: to.name, address: to.email } : to.email,
    subject,
    text: [to.name ? `Bonjour ${to.name},` : 'Bonjour,', '', ...lines, '', SIGNATURE].join('\n'),
  };
}

/** "De nouveaux espaces répondent à votre besoin": the spaces not announced yet, and the need's page. */
export function needMatchesEmail(
  to: Recipient,
  need: NeedMailFacts,
  spaces: MatchedSpaceFacts[],
  url: string,
) {
  const page = `${url}/besoins/${need.id}`;
  const one = spaces.length === 1;
  return mail(to, 'De nouveaux espaces répondent à votre besoin', [
    `${one ? 'Un nouvel espace répond' : `${spaces.length} nouveaux espaces répondent`} à votre besoin « ${need.purpose} » :`,
    '',
    ...spaces.map((s) => {
      const where = s.distance_km === null ? s.commune : `${s.commune}, à ${m2(s.distance_km)} km`;
      const free = `${s.occurrences_free} créneau${s.occurrences_free > 1 ? 'x' : ''} libre${s.occurrences_free > 1 ? 's' : ''} sur ${need.occurrences_wanted}`;
      return `- ${s.space_name} (${KINDS[s.kind] ?? s.kind}, ${m2(Number(s.area_sqm))} m²) — ${s.site_name}, ${where} : ${free}`;
    }),
    '',
    `Comparez-les et réservez en une fois depuis la page de votre besoin : ${page}`,
    '',
    'Vous recevez au plus un message par jour pour ce besoin.',
    `Ne plus recevoir ces messages : ${page}?courriels=non (ou décochez « Être prévenu par e-mail » sur la page du besoin).`,
  ]);
}

/** A site manager's answer to a need, passed on without either side's address. */
export function needContactEmail(
  to: Recipient,
  need: NeedMailFacts,
  site: { name: string; address: string; postcode: string; commune: string },
  message: string,
  url: string,
) {
  return mail(to, `${site.name} répond à votre besoin`, [
    `Le gestionnaire du site ${site.name} (${site.address}, ${site.postcode} ${site.commune}) a vu votre besoin « ${need.purpose} » et vous écrit :`,
    '',
    ...message.split(/\r?\n/).map((line) => `> ${line}`),
    '',
    'Votre adresse ne lui a pas été communiquée. Pour donner suite, réservez un espace de ce site ou retrouvez votre besoin ici :',
    `${url}/besoins/${need.id}`,
  ]);
}
