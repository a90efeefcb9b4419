import type Mail from 'nodemailer/lib/mailer';

/** French e-mails about accounts and organisations; each is plain text with one clear link. */

const SIGNATURE = 'L’équipe Lieux Partagés — La Poste et l’économie sociale et solidaire';

export interface Recipient {
  email: string;
  name: string | null;
}

function mail(to: Recipient, subject: string, lines: string[]): Omit<Mail.Options, 'from' | 'messageId'> {
  return {
    to: to.name ? { name: to.name, address: to.email } : to.email,
    subject,
    text: [to.name ? `Bonjour ${to.name},` : 'Bonjour,', '', ...lines, '', SIGNATURE].join('\n'),
  };
}

export function passwordResetEmail(to: Recipient, url: string) {
  return mail(to, 'Choisir un nouveau mot de passe', [
    'Vous avez demandé à changer le mot de passe de votre compte Lieux Partagés.',
    `Choisissez-en un nouveau ici (lien valable une heure, une seule fois) : ${url}`,
    '',
    'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
  ]);
}

export function invitationEmail(to: Recipient, url: string, organisation: string | null) {
  return organisation
    ? mail(to, `Invitation à rejoindre ${organisation} sur Lieux Partagés`, [
        `${organisation} vous invite à réserver avec elle les espaces que La Poste prête aux acteurs de l’économie sociale et solidaire.`,
        `Créez votre compte ici (lien valable 7 jours, une seule fois) : ${url}`,
      ])
    : mail(to, 'Votre compte Lieux Partagés', [
        'Un compte Lieux Partagés a été ouvert pour vous.',
        `Choisissez votre mot de passe ici (lien valable 7 jours, une seule fois) : ${url}`,
      ]);
}

export function verifiedEmail(to: Recipient, organisation: string, url: string) {
  return mail(to, `${organisation} est vérifiée`, [
    `Bonne nouvelle : la délégation régionale a vérifié ${organisation}.`,
    `Ses membres peuvent désormais réserver des espaces : ${url}`,
  ]);
}

export function rejectedEmail(to: Recipient, organisation: string, reason: string) {
  return mail(to, `${organisation} n’a pas pu être vérifiée`, [
    `La délégation régionale n’a pas pu vérifier ${organisation}, pour la raison suivante :`,
    '',
    `« ${reason} »`,
    '',
    'Vous pouvez répondre à ce message pour apporter les précisions demandées.',
  ]);
}
