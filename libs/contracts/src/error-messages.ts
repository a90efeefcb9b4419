import type { ErrorCode } from './errors';
import { fillIn, type MessageLanguage } from './messages';

type ErrorMessageKeyShape = ErrorCode | `${ErrorCode}.${string}`;

/**
 * What the API says with each refusal, in French and English, keyed by its error code (`CODE`, or
 * `CODE.case` where one code has several wordings). `{name}` is a parameter. The French texts are the
 * ones the API always answered: clients and checks read them, so a change here is a visible change.
 */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: {
    fr: 'La requête contient des données invalides.',
    en: 'The request contains invalid data.',
  },
  'VALIDATION_FAILED.unknownRegion': { fr: 'Cette région est inconnue.', en: 'This region is unknown.' },
  'VALIDATION_FAILED.unknownSite': { fr: 'Un des sites est inconnu.', en: 'One of the sites is unknown.' },
  'VALIDATION_FAILED.unknownRegion.field': {
    fr: 'Code de région INSEE inconnu',
    en: 'Unknown INSEE region code',
  },
  'VALIDATION_FAILED.unknownSite.field': { fr: 'Site inconnu', en: 'Unknown site' },
  'VALIDATION_FAILED.unknownManager.field': { fr: 'Compte inconnu', en: 'Unknown account' },
  'VALIDATION_FAILED.cursor.field': {
    fr: 'Curseur inconnu : reprenez depuis la première page.',
    en: 'Unknown cursor: start again from the first page.',
  },
  'VALIDATION_FAILED.idempotencyKey.field': {
    fr: 'Entre 1 et 200 caractères.',
    en: 'Between 1 and 200 characters.',
  },
  'VALIDATION_FAILED.notAHoliday.field': {
    fr: 'Ce n’est pas un jour férié de {year} pour ce site',
    en: 'This is not a public holiday of {year} for this site',
  },
  'VALIDATION_FAILED.minAboveMax.field': {
    fr: 'La durée minimale dépasse la durée maximale',
    en: 'The minimum duration exceeds the maximum duration',
  },
  'VALIDATION_FAILED.photoMissing.field': {
    fr: 'Joignez une photo dans le champ « file ».',
    en: 'Attach a photo in the “file” field.',
  },
  'UNSUPPORTED_MEDIA_TYPE.field': {
    fr: 'Choisissez une image JPEG, PNG ou WebP.',
    en: 'Choose a JPEG, PNG or WebP image.',
  },
  'PAYLOAD_TOO_LARGE.field': { fr: '{megabytes} Mo au plus.', en: '{megabytes} MB at most.' },
  'VALIDATION_FAILED.unknownManager': {
    fr: 'Un des gestionnaires est inconnu.',
    en: 'One of the site managers is unknown.',
  },
  'VALIDATION_FAILED.cursor': { fr: 'Curseur de pagination invalide.', en: 'Invalid pagination cursor.' },
  'VALIDATION_FAILED.idempotencyKey': {
    fr: 'En-tête Idempotency-Key invalide.',
    en: 'Invalid Idempotency-Key header.',
  },
  'VALIDATION_FAILED.onlyHolidaysOpen': {
    fr: 'Seuls les jours fériés du site peuvent être ouverts.',
    en: 'Only the site’s public holidays can be opened.',
  },
  'VALIDATION_FAILED.minAboveMax': {
    fr: 'La durée minimale dépasse la durée maximale.',
    en: 'The minimum duration exceeds the maximum duration.',
  },
  UNAUTHENTICATED: { fr: 'Connectez-vous pour continuer.', en: 'Sign in to continue.' },
  'UNAUTHENTICATED.sessionExpired': {
    fr: 'Votre session a expiré. Reconnectez-vous.',
    en: 'Your session has expired. Sign in again.',
  },
  'UNAUTHENTICATED.accountGone': { fr: 'Ce compte n’existe plus.', en: 'This account no longer exists.' },
  INVALID_CREDENTIALS: {
    fr: 'Adresse e-mail ou mot de passe incorrect.',
    en: 'Wrong e-mail address or password.',
  },
  FORBIDDEN: { fr: 'Votre rôle ne permet pas cette action.', en: 'Your role does not allow this action.' },
  'FORBIDDEN.undeclaredRoute': {
    fr: 'Cette route ne déclare pas qui peut l’appeler.',
    en: 'This route does not declare who may call it.',
  },
  'FORBIDDEN.outsideRegion': {
    fr: 'Ce périmètre ne fait pas partie de votre région.',
    en: 'This scope is not part of your region.',
  },
  'FORBIDDEN.booking': {
    fr: 'Vous ne pouvez pas faire cela sur cette réservation.',
    en: 'You cannot do this on this booking.',
  },
  'NOT_FOUND.oidc': {
    fr: 'La connexion par le fournisseur d’identité n’est pas configurée ici.',
    en: 'Sign-in through the identity provider is not configured here.',
  },
  'NOT_FOUND.session': { fr: 'Session introuvable.', en: 'Session not found.' },
  'NOT_FOUND.user': { fr: 'Ce compte introuvable.', en: 'This account was not found.' },
  'NOT_FOUND.site': { fr: 'Ce site introuvable.', en: 'This site was not found.' },
  'NOT_FOUND.closure': { fr: 'Cette fermeture introuvable.', en: 'This closure was not found.' },
  'NOT_FOUND.space': { fr: 'Cet espace introuvable.', en: 'This space was not found.' },
  'NOT_FOUND.quota': { fr: 'Quota introuvable.', en: 'Quota not found.' },
  'NOT_FOUND.webhook': { fr: 'Ce webhook introuvable.', en: 'This webhook was not found.' },
  'VALIDATION_FAILED.webhookUrl': {
    fr: 'L’adresse du webhook doit être une adresse https:// publique (ni localhost ni adresse privée).',
    en: 'The webhook address must be a public https:// address (neither localhost nor a private address).',
  },
  'VALIDATION_FAILED.webhookUrl.field': {
    fr: 'Adresse https:// publique attendue',
    en: 'A public https:// address is expected',
  },
  'NOT_FOUND.calendarFeed': {
    fr: 'Ce lien de calendrier est inconnu ou a été remplacé par un nouveau lien.',
    en: 'This calendar link is unknown or was replaced by a new one.',
  },
  'NOT_FOUND.photo': { fr: 'Cette photo introuvable.', en: 'This photo was not found.' },
  'NOT_FOUND.region': { fr: 'Cette région introuvable.', en: 'This region was not found.' },
  'NOT_FOUND.scopeRegion': { fr: 'Région introuvable.', en: 'Region not found.' },
  'NOT_FOUND.scopeDepartement': { fr: 'Département introuvable.', en: 'Département not found.' },
  'NOT_FOUND.scopeSite': { fr: 'Site introuvable.', en: 'Site not found.' },
  'NOT_FOUND.series': { fr: 'Cette série introuvable.', en: 'This series was not found.' },
  'NOT_FOUND.booking': { fr: 'Cette réservation introuvable.', en: 'This booking was not found.' },
  'NOT_FOUND.receipt': {
    fr: 'Cette réservation n’a pas de reçu : elle est gratuite, ou pas encore confirmée.',
    en: 'This booking has no receipt: it is free, or not confirmed yet.',
  },
  'NOT_FOUND.waitlistEntry': {
    fr: 'Cette demande de liste d’attente introuvable.',
    en: 'This waiting-list request was not found.',
  },
  'NOT_FOUND.organisation': { fr: 'Cette organisation introuvable.', en: 'This organisation was not found.' },
  'NOT_FOUND.project': { fr: 'Ce projet introuvable.', en: 'This project was not found.' },
  'NOT_FOUND.projectLink': {
    fr: 'Cette réservation, série ou besoin de votre organisation introuvable.',
    en: 'This booking, series or need of your organisation was not found.',
  },
  'NOT_FOUND.reportBooking': {
    fr: 'Cette réservation n’est pas liée à ce projet.',
    en: 'This booking is not linked to this project.',
  },
  SLOT_TAKEN: {
    fr: 'Ce créneau vient d’être réservé par quelqu’un d’autre. Choisissez-en un autre.',
    en: 'Someone else has just booked this slot. Choose another one.',
  },
  'SLOT_TAKEN.change': {
    fr: 'Ce créneau est déjà occupé : la réservation n’a pas été déplacée. Choisissez un autre horaire.',
    en: 'This slot is already taken: the booking was not moved. Choose another time.',
  },
  'SLOT_TAKEN.wholeSeries': {
    fr: 'Tous les créneaux de cette série sont déjà réservés.',
    en: 'Every slot of this series is already booked.',
  },
  ORGANISATION_NOT_VERIFIED: {
    fr: 'Votre organisation doit être vérifiée par sa délégation régionale avant de pouvoir réserver.',
    en: 'Your organisation must be verified by its regional delegation before it can book.',
  },
  NOT_AN_ORGANISATION_MEMBER: {
    fr: 'Seul le membre d’une organisation peut réserver.',
    en: 'Only a member of an organisation can book.',
  },
  SPACE_NOT_BOOKABLE: {
    fr: 'Cet espace n’est plus proposé à la réservation.',
    en: 'This space is no longer offered for booking.',
  },
  'SPACE_NOT_BOOKABLE.noOpeningHours': {
    fr: 'Le site n’a pas encore d’horaires d’ouverture : renseignez-les avant de publier.',
    en: 'The site has no opening hours yet: fill them in before publishing.',
  },
  OUTSIDE_OPENING_HOURS: {
    fr: 'Ce créneau sort des heures d’ouverture du site.',
    en: 'This slot is outside the site’s opening hours.',
  },
  IN_THE_PAST: { fr: 'Ce créneau est déjà passé.', en: 'This slot is in the past.' },
  TOO_SHORT: {
    fr: 'La réservation est plus courte que la durée minimale de cet espace.',
    en: 'The booking is shorter than this space’s minimum duration.',
  },
  TOO_LONG: {
    fr: 'La réservation dépasse la durée maximale de cet espace.',
    en: 'The booking is longer than this space’s maximum duration.',
  },
  OFF_STEP: {
    fr: 'Le début et la fin doivent tomber sur le pas des créneaux de cet espace.',
    en: 'Start and end must fall on this space’s slot step.',
  },
  TOO_MANY_ATTENDEES: {
    fr: 'Le nombre de participants dépasse la capacité de cet espace.',
    en: 'The number of attendees exceeds this space’s capacity.',
  },
  BEYOND_HORIZON: {
    fr: 'Ce créneau est trop loin dans le temps pour cet espace.',
    en: 'This slot is too far ahead for this space.',
  },
  TOO_LATE: {
    fr: 'Ce créneau commence trop tôt : le délai de prévenance de cet espace n’est pas respecté.',
    en: 'This slot starts too soon: this space’s minimum notice is not met.',
  },
  PAYLOAD_TOO_LARGE: {
    fr: 'Une photo pèse au plus {megabytes} Mo.',
    en: 'A photo weighs at most {megabytes} MB.',
  },
  'TOO_MANY_REQUESTS.seconds': {
    fr: 'Trop de demandes en peu de temps. Réessayez dans {seconds} seconde{s}.',
    en: 'Too many requests in a short time. Try again in {seconds} second{s}.',
  },
  'TOO_MANY_REQUESTS.minutes': {
    fr: 'Trop de demandes en peu de temps. Réessayez dans {minutes} minutes.',
    en: 'Too many requests in a short time. Try again in {minutes} minutes.',
  },
  'TOO_MANY_REQUESTS.login': {
    fr: 'Trop de tentatives de connexion. Réessayez dans {minutes} minute{s}, ou choisissez un nouveau mot de passe.',
    en: 'Too many sign-in attempts. Try again in {minutes} minute{s}, or choose a new password.',
  },
  'TOO_MANY_REQUESTS.needContact': {
    fr: 'Vous avez déjà écrit à cette organisation aujourd’hui. Attendez sa réponse avant de lui écrire de nouveau.',
    en: 'You have already written to this organisation today. Wait for its answer before writing again.',
  },
  'TOO_MANY_REQUESTS.needContacts': {
    fr: 'Vous avez écrit à beaucoup d’organisations aujourd’hui. Réessayez demain.',
    en: 'You have written to many organisations today. Try again tomorrow.',
  },
  'NOT_FOUND.nearbyNeed': {
    fr: 'Ce besoin est introuvable près de ce site : il a peut-être été fermé ou satisfait.',
    en: 'This need was not found near this site: it may have been closed or met.',
  },
  'FORBIDDEN.needNotContactable': {
    fr: 'Cette organisation n’a pas souhaité être contactée pour ce besoin.',
    en: 'This organisation chose not to be contacted about this need.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    fr: 'Cette clé d’idempotence a déjà servi pour une autre demande.',
    en: 'This idempotency key has already been used for another request.',
  },
  EMAIL_TAKEN: {
    fr: 'Un compte existe déjà avec cette adresse e-mail.',
    en: 'An account already exists with this e-mail address.',
  },
  'EMAIL_TAKEN.signIn': {
    fr: 'Un compte existe déjà avec cette adresse e-mail. Connectez-vous avec lui.',
    en: 'An account already exists with this e-mail address. Sign in with it.',
  },
  'EMAIL_TAKEN.invitation': {
    fr: 'Un compte existe déjà avec cette adresse. Connectez-vous avec lui.',
    en: 'An account already exists with this address. Sign in with it.',
  },
  SIRET_TAKEN: {
    fr: 'Une organisation est déjà inscrite avec ce SIRET. Demandez à ses responsables de vous inviter.',
    en: 'An organisation is already registered with this SIRET. Ask its administrators to invite you.',
  },
  UNKNOWN_COMMUNE: {
    fr: 'Cette commune est inconnue : choisissez-la dans la liste.',
    en: 'Unknown commune: pick it from the list.',
  },
  POSTCODE_MISMATCH: {
    fr: 'Le code postal {postcode} n’est pas celui de {commune}.',
    en: 'The postcode {postcode} is not the one of {commune}.',
  },
  'POSTCODE_MISMATCH.withPostcodes': {
    fr: 'Le code postal {postcode} n’est pas celui de {commune} ({postcodes}).',
    en: 'The postcode {postcode} is not the one of {commune} ({postcodes}).',
  },
  INVALID_LINK: {
    fr: 'Ce lien n’est pas valable ou a déjà servi. Demandez-en un nouveau.',
    en: 'This link is not valid or has already been used. Ask for a new one.',
  },
  LINK_EXPIRED: {
    fr: 'Ce lien a expiré. Demandez-en un nouveau.',
    en: 'This link has expired. Ask for a new one.',
  },
  NO_SESSION: {
    fr: 'Votre session a pris fin. Reconnectez-vous.',
    en: 'Your session has ended. Sign in again.',
  },
  'NO_SESSION.accountGone': { fr: 'Ce compte n’existe plus.', en: 'This account no longer exists.' },
  ALREADY_DECIDED: { fr: 'Cette demande n’est plus en attente.', en: 'This request is no longer pending.' },
  'ALREADY_DECIDED.verified': {
    fr: 'Cette organisation est déjà vérifiée.',
    en: 'This organisation is already verified.',
  },
  'ALREADY_DECIDED.notPending': {
    fr: 'Seule une organisation en attente peut être refusée.',
    en: 'Only a pending organisation can be refused.',
  },
  'ALREADY_DECIDED.notVerified': {
    fr: 'Seule une organisation vérifiée peut perdre sa vérification.',
    en: 'Only a verified organisation can lose its verification.',
  },
  'ALREADY_DECIDED.published': { fr: 'Cet espace est déjà publié.', en: 'This space is already published.' },
  'ALREADY_DECIDED.archived': { fr: 'Cet espace est déjà archivé.', en: 'This space is already archived.' },
  'ALREADY_DECIDED.deactivated': {
    fr: 'Ce compte est déjà désactivé.',
    en: 'This account is already deactivated.',
  },
  'ALREADY_DECIDED.active': { fr: 'Ce compte est déjà actif.', en: 'This account is already active.' },
  'ALREADY_DECIDED.replicationShared': {
    fr: 'Ce projet est déjà partagé dans le catalogue « à essaimer ».',
    en: 'This project is already shared in the replication catalogue.',
  },
  'ALREADY_DECIDED.replicationNotProposed': {
    fr: 'Aucune fiche « à essaimer » n’attend la réponse de l’organisation pour ce projet.',
    en: 'No replication case sheet is waiting for the organisation’s answer on this project.',
  },
  'ALREADY_DECIDED.replicationNotShared': {
    fr: 'Ce projet n’est pas partagé dans le catalogue « à essaimer ».',
    en: 'This project is not shared in the replication catalogue.',
  },
  BOOKING_NOT_OVER: {
    fr: 'Le bilan se donne après la fin de la réservation.',
    en: 'A report is given once the booking has ended.',
  },
  QUOTA_EXCEEDED: {
    fr: 'Limite atteinte : votre organisation a atteint un quota d’usage de ce site.',
    en: 'Limit reached: your organisation has reached a fair-use quota of this site.',
  },
  QUOTA_EXISTS: {
    fr: 'Un quota existe déjà pour cette organisation et ce type d’espace : modifiez-le.',
    en: 'A quota already exists for this organisation and kind of space: change it.',
  },
  'QUOTA_EXISTS.field': {
    fr: 'Déjà un quota pour ce choix',
    en: 'Already a quota for this choice',
  },
  'VALIDATION_FAILED.quotaOrganisation.field': { fr: 'Organisation inconnue', en: 'Unknown organisation' },
  ALREADY_REPORTED: {
    fr: 'Cette réservation a déjà son bilan.',
    en: 'This booking already has its report.',
  },
  ACCOUNT_DEACTIVATED: {
    fr: 'Ce compte a été désactivé. Adressez-vous à l’administration de Lieux Partagés.',
    en: 'This account has been deactivated. Contact the Lieux Partagés administrators.',
  },
  LAST_ADMIN: {
    fr: 'C’est le dernier compte administrateur actif : nommez d’abord un autre administrateur.',
    en: 'This is the last active admin account: make someone else an admin first.',
  },
  NOT_YOURSELF: {
    fr: 'Vous ne pouvez pas désactiver votre propre compte.',
    en: 'You cannot deactivate your own account.',
  },
  'NOT_YOURSELF.admin': {
    fr: 'Vous ne pouvez pas retirer votre propre rôle d’administrateur : demandez-le à un autre administrateur.',
    en: 'You cannot remove your own admin role: ask another admin.',
  },
  NO_PENDING_INVITATION: {
    fr: 'Cette personne a déjà choisi son mot de passe : elle peut le réinitialiser elle-même si elle l’a oublié.',
    en: 'This person has already chosen a password: they can reset it themselves if they forgot it.',
  },
  BOOKING_STATE_CHANGED: {
    fr: 'Cette réservation a changé d’état entre-temps : rechargez-la.',
    en: 'This booking has changed state in the meantime: reload it.',
  },
  REASON_REQUIRED: {
    fr: 'Indiquez le motif : l’organisation le recevra.',
    en: 'Give the reason: the organisation will receive it.',
  },
  'BOOKING_STATE_CHANGED.change': {
    fr: 'Seule une réservation à venir, en attente ou confirmée, peut être modifiée.',
    en: 'Only an upcoming booking, pending or confirmed, can be changed.',
  },
  'ALREADY_STARTED.change': {
    fr: 'Cette réservation a déjà commencé : elle ne peut plus être modifiée.',
    en: 'This booking has already started: it can no longer be changed.',
  },
  'VALIDATION_FAILED.changeReason': {
    fr: 'Indiquez le motif du déplacement : l’organisation le recevra.',
    en: 'Give the reason for the move: the organisation will receive it.',
  },
  'VALIDATION_FAILED.changeReason.field': {
    fr: 'Motif obligatoire : l’organisation le recevra',
    en: 'Reason required: the organisation will receive it',
  },
  // The window (from 15 minutes before the start) is shown where the button is: short words here.
  CHECK_IN_NOT_OPEN: { fr: 'Trop tôt pour signaler votre arrivée.', en: 'Too early to check in.' },
  CHECK_IN_CLOSED: { fr: 'Trop tard pour signaler votre arrivée.', en: 'Too late to check in.' },
  ALREADY_STARTED: { fr: 'Cette réservation a déjà commencé.', en: 'This booking has already started.' },
  NOT_STARTED: { fr: 'Cette réservation n’a pas encore commencé.', en: 'This booking has not started yet.' },
  'INVALID_RECURRENCE.nothingBookable': {
    fr: 'Aucune occurrence de cette série ne peut être réservée.',
    en: 'No occurrence of this series can be booked.',
  },
  INVALID_RECURRENCE: {
    fr: 'La règle de répétition n’est pas une règle RFC 5545 valide.',
    en: 'The repeat rule is not a valid RFC 5545 rule.',
  },
  'INVALID_RECURRENCE.unsupported': {
    fr: 'Cette règle de répétition n’est pas prise en charge : répétez chaque jour, semaine, mois ou année, sans changer l’heure.',
    en: 'This repeat rule is not supported: repeat every day, week, month or year, without changing the time.',
  },
  'INVALID_RECURRENCE.notFirstOccurrence': {
    fr: 'La première date doit elle-même suivre la règle de répétition.',
    en: 'The first date must itself follow the repeat rule.',
  },
  'INVALID_RECURRENCE.noOccurrence': {
    fr: 'Cette règle ne donne aucune occurrence.',
    en: 'This rule gives no occurrence.',
  },
  'INVALID_RECURRENCE.invalidPeriod': {
    fr: 'Chaque occurrence doit finir après son début et durer au plus {hours} heures.',
    en: 'Each occurrence must end after its start and last at most {hours} hours.',
  },
  TOO_MANY_OCCURRENCES: {
    fr: 'Une série compte au plus {max} occurrences : raccourcissez-la.',
    en: 'A series has at most {max} occurrences: shorten it.',
  },
  CLOSED: { fr: 'Le site est fermé ce jour-là.', en: 'The site is closed that day.' },
  'CLOSED.named': {
    fr: 'Le site est fermé ce jour-là ({name}).',
    en: 'The site is closed that day ({name}).',
  },
  HOLIDAY: { fr: 'Ce jour est férié au site.', en: 'This day is a public holiday at the site.' },
  'HOLIDAY.named': { fr: 'Jour férié au site : {name}.', en: 'Public holiday at the site: {name}.' },
  SLOT_FREE: {
    fr: 'Ce créneau est libre : réservez-le directement, sans passer par la liste d’attente.',
    en: 'This slot is free: book it directly, without the waiting list.',
  },
  ALREADY_WAITING: {
    fr: 'Votre organisation attend déjà ce créneau.',
    en: 'Your organisation is already waiting for this slot.',
  },
  NO_OFFER: { fr: 'Aucune offre en cours pour cette demande.', en: 'There is no offer for this request.' },
  OFFER_EXPIRED: {
    fr: 'Le délai pour accepter cette offre est passé.',
    en: 'The time to accept this offer has passed.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    fr: 'Seules les photos JPEG, PNG ou WebP sont acceptées.',
    en: 'Only JPEG, PNG or WebP photos are accepted.',
  },
  TOO_MANY_PHOTOS: {
    fr: 'Un espace montre au plus {max} photos : retirez-en une d’abord.',
    en: 'A space shows at most {max} photos: remove one first.',
  },
  OUTSIDE_AUDIENCE: {
    fr: 'Cet espace est réservé aux organisations de la région du site.',
    en: 'This space is reserved for organisations of the site’s region.',
  },
  'OUTSIDE_AUDIENCE.departement': {
    fr: 'Cet espace est réservé aux organisations du département du site.',
    en: 'This space is reserved for organisations of the site’s département.',
  },
  'VALIDATION_FAILED.invalidJson': {
    fr: 'Le corps de la requête n’est pas un JSON valide.',
    en: 'The request body is not valid JSON.',
  },
  'VALIDATION_FAILED.emptyJson': { fr: 'Le corps JSON est vide.', en: 'The JSON body is empty.' },
  'VALIDATION_FAILED.contentType': {
    fr: 'Envoyez du JSON (Content-Type: application/json).',
    en: 'Send JSON (Content-Type: application/json).',
  },
  'NOT_FOUND.route': {
    fr: 'Cette adresse ne correspond à aucune ressource.',
    en: 'This address matches no resource.',
  },
  'PAYLOAD_TOO_LARGE.request': {
    fr: 'La requête dépasse la taille autorisée.',
    en: 'The request exceeds the allowed size.',
  },
  'SERVICE_UNAVAILABLE.oidc': {
    fr: 'Le fournisseur d’identité La Poste ne répond pas. Réessayez dans quelques minutes.',
    en: 'La Poste’s identity provider does not answer. Try again in a few minutes.',
  },
  SERVICE_UNAVAILABLE: {
    fr: 'Le service est momentanément indisponible. Réessayez dans quelques secondes.',
    en: 'The service is briefly unavailable. Try again in a few seconds.',
  },
} as const satisfies Partial<Record<ErrorMessageKeyShape, Record<MessageLanguage, string>>>;

export type ErrorMessageKey = keyof typeof ERROR_MESSAGES;

/** A refusal's words: a key of the catalogue and its parameters, written out in the reader's language. */
export interface ErrorMessage {
  key: ErrorMessageKey;
  params?: Record<string, string | number>;
}

/** The message in `lang`, its `{name}` parameters filled (numbers written the way the language does). */
export function errorText(message: ErrorMessageKey | ErrorMessage, lang: MessageLanguage): string {
  const { key, params } = typeof message === 'string' ? { key: message, params: undefined } : message;
  return fillIn(ERROR_MESSAGES[key][lang], lang, params);
}

/** A problem's title, by HTTP status. */
const PROBLEM_TITLES: Record<number, Record<MessageLanguage, string>> = {
  400: { fr: 'Requête invalide', en: 'Invalid request' },
  401: { fr: 'Authentification requise', en: 'Authentication required' },
  403: { fr: 'Action non autorisée', en: 'Action not allowed' },
  404: { fr: 'Introuvable', en: 'Not found' },
  405: { fr: 'Méthode non autorisée', en: 'Method not allowed' },
  409: { fr: 'Conflit', en: 'Conflict' },
  413: { fr: 'Requête trop volumineuse', en: 'Request too large' },
  415: { fr: 'Type de contenu non pris en charge', en: 'Unsupported content type' },
  422: { fr: 'Demande refusée', en: 'Request refused' },
  429: { fr: 'Trop de requêtes', en: 'Too many requests' },
  500: { fr: 'Erreur interne', en: 'Internal error' },
  503: { fr: 'Service indisponible', en: 'Service unavailable' },
};

export function problemTitle(status: number, lang: MessageLanguage): string {
  return PROBLEM_TITLES[status]?.[lang] ?? (lang === 'en' ? 'Error' : 'Erreur');
}

/** The one detail with no error code: a failure of ours, which the answer does not describe further. */
export const UNEXPECTED_ERROR: Record<MessageLanguage, string> = {
  fr: 'Une erreur inattendue est survenue. Réessayez dans un instant.',
  en: 'Something unexpected went wrong. Try again in a moment.',
};
