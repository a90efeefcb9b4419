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

export function accountExistsEmail(
  to: Recipient,
  attempt: { kind: 'registration' | 'invitation' | 'invited'; organisation: string | null },
  urls: { signIn: string; forgotPassword: string },
) {
  const organisation = attempt.organisation ? ` ${attempt.organisation}` : ' une organisation';
  const subject =
    attempt.kind === 'invited'
      ? `Invitation à rejoindre${organisation} sur Lieux Partagés`
      : 'Quelqu’un a tenté de créer un compte avec votre adresse';
  return mail(to, subject, [
    attempt.kind === 'registration'
      ? `Quelqu’un vient d’essayer d’inscrire une organisation${attempt.organisation ? ` (« ${attempt.organisation} »)` : ''} sur Lieux Partagés avec votre adresse e-mail.`
      : attempt.kind === 'invitation'
        ? `Quelqu’un vient d’essayer de rejoindre${organisation} sur Lieux Partagés avec votre adresse e-mail.`
        : `Un responsable de${organisation} vient de vous inviter à la rejoindre sur Lieux Partagés. Un compte ne peut appartenir qu’à une organisation : si vous souhaitez la rejoindre, répondez-lui que votre adresse a déjà un compte.`,
    'Vous avez déjà un compte : rien n’a été créé ni modifié.',
    '',
    `Si c’était vous, connectez-vous avec votre compte : ${urls.signIn}`,
    `Mot de passe oublié ? Choisissez-en un nouveau : ${urls.forgotPassword}`,
    '',
    'Si ce n’était pas vous, ignorez ce message : votre compte reste tel qu’il était.',
  ]);
}

export function sessionClosedEmail(to: Recipient, urls: { signIn: string; forgotPassword: string }) {
  return mail(to, 'Nous avons fermé une de vos sessions par précaution', [
    'Une de vos sessions Lieux Partagés vient d’être utilisée depuis deux appareils à la fois, ce qui peut signifier qu’un tiers a copié votre connexion.',
    'Par précaution, nous l’avons fermée : sur cet appareil, il faudra vous reconnecter.',
    '',
    `Se reconnecter : ${urls.signIn}`,
    `Si vous ne reconnaissez pas cette activité, changez votre mot de passe : ${urls.forgotPassword}`,
  ]);
}

export function verificationWithdrawnEmail(to: Recipient, organisation: string, reason: string) {
  return mail(to, `${organisation} n’est plus vérifiée`, [
    `La délégation régionale a retiré la vérification de ${organisation}, pour la raison suivante :`,
    '',
    `« ${reason} »`,
    '',
    'Ses membres ne peuvent plus réserver d’espaces jusqu’à une nouvelle vérification.',
    'Vous pouvez répondre à ce message pour apporter les précisions demandées.',
  ]);
}
