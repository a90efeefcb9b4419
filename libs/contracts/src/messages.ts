/**
 * Every sentence the contracts say to a person (field messages of the schemas, the identifier checks),
 * in French and English. `{name}` is replaced by a parameter; numbers are written the way the language
 * writes them (`10 000` in French, `10,000` in English).
 */
export const MESSAGES = {
  'request.bodyRequired': { fr: 'Un corps JSON est attendu.', en: 'A JSON body is expected.' },
  'text.invalidCharacter': {
    fr: 'Caractère invalide : caractère nul ou caractère Unicode incomplet',
    en: 'Invalid character: a null character or an incomplete Unicode character',
  },
  'update.nothing': { fr: 'Rien à modifier', en: 'Nothing to change' },
  'instant.format': {
    fr: 'Date et heure attendues avec leur décalage, par exemple 2026-03-03T14:30:00+01:00',
    en: 'A date and time with their offset expected, for example 2026-03-03T14:30:00+01:00',
  },
  'instant.range': {
    fr: 'Une date à partir de l’an {min} est attendue',
    en: 'A date from the year {min} on is expected',
  },
  'uuid.format': { fr: 'Identifiant attendu (UUID)', en: 'An identifier (UUID) expected' },
  'email.format': { fr: 'Adresse e-mail attendue', en: 'An e-mail address expected' },
  'date.format': { fr: 'Date attendue au format AAAA-MM-JJ', en: 'A date expected as YYYY-MM-DD' },
  'time.format': { fr: 'Heure attendue au format HH:mm', en: 'A time expected as HH:mm' },
  'text.atLeastTwo': { fr: 'Au moins deux caractères', en: 'At least two characters' },
  'text.atMost': { fr: 'Au plus {max} caractères', en: 'At most {max} characters' },
  'period.endAfterStart': { fr: 'La fin doit suivre le début', en: 'The end must come after the start' },
  'period.startAndEnd': {
    fr: 'Donnez le début et la fin ensemble',
    en: 'Give the start and the end together',
  },
  'bookingChange.nothing': {
    fr: 'Choisissez un autre horaire ou un autre nombre de personnes',
    en: 'Choose another time or another number of people',
  },
  'period.endNotBeforeStart': {
    fr: 'La fin ne peut pas précéder le début',
    en: 'The end cannot come before the start',
  },
  'region.code': { fr: 'Code de région INSEE à deux chiffres', en: 'A two-digit INSEE region code' },
  'departement.code': { fr: 'Code de département INSEE', en: 'An INSEE département code' },
  'postcode.format': { fr: 'Code postal à cinq chiffres', en: 'A five-digit postcode' },
  'commune.code': { fr: 'Code INSEE de commune attendu', en: 'An INSEE commune code expected' },
  'commune.codeLength': {
    fr: 'Code INSEE de commune attendu (cinq caractères)',
    en: 'An INSEE commune code expected (five characters)',
  },

  'password.required': { fr: 'Le mot de passe est obligatoire', en: 'The password is required' },
  'password.tooShort': {
    fr: 'Le mot de passe doit compter au moins {min} caractères',
    en: 'The password must have at least {min} characters',
  },
  'password.tooLong': {
    fr: 'Le mot de passe ne peut pas dépasser {max} caractères',
    en: 'The password cannot exceed {max} characters',
  },
  'password.weak': {
    fr: 'Mot de passe trop facile à deviner : {reason} Choisissez-en un plus long et moins prévisible, par exemple trois ou quatre mots sans lien entre eux.',
    en: 'This password is too easy to guess: {reason} Choose a longer, less predictable one, for example three or four unrelated words.',
  },
  'password.weakReason': {
    fr: 'il ressemble à des mots ou à des suites de caractères courants.',
    en: 'it looks like common words or sequences of characters.',
  },
  'link.invalid': { fr: 'Lien invalide', en: 'Invalid link' },
  'user.managerNeedsSite': {
    fr: 'Un gestionnaire gère au moins un site',
    en: 'A site manager manages at least one site',
  },
  'user.delegateNeedsRegion': { fr: 'Un délégué a une région', en: 'A delegate has a region' },

  'title.required': { fr: 'Le titre est obligatoire', en: 'The title is required' },
  'title.tooLong': {
    fr: 'Le titre ne peut pas dépasser {max} caractères',
    en: 'The title cannot exceed {max} characters',
  },
  'attendees.integer': { fr: 'Nombre entier de personnes attendu', en: 'A whole number of people expected' },
  'attendees.min': { fr: 'Au moins une personne', en: 'At least one person' },
  'attendees.max': { fr: 'Au plus {max} personnes', en: 'At most {max} people' },
  'bookingList.toAfterFrom': { fr: '`to` doit suivre `from`', en: '`to` must come after `from`' },
  'refusal.reasonRequired': {
    fr: 'Expliquez le refus en quelques mots',
    en: 'Explain the refusal in a few words',
  },
  'discount.percentInteger': { fr: 'Pourcentage entier attendu', en: 'A whole percentage expected' },
  'discount.percentMin': { fr: 'Au moins {min} %', en: 'At least {min}%' },
  'discount.percentMax': { fr: 'Au plus {max} %', en: 'At most {max}%' },
  'discount.onePerBasis': {
    fr: 'Une seule remise par forme juridique',
    en: 'One discount per legal form only',
  },
  'rrule.required': { fr: 'La règle de répétition est obligatoire', en: 'The repeat rule is required' },
  'rrule.tooLong': {
    fr: 'La règle de répétition ne peut pas dépasser {max} caractères',
    en: 'The repeat rule cannot exceed {max} characters',
  },

  'organisation.nameRequired': { fr: 'Le nom est obligatoire', en: 'The name is required' },
  'organisation.addressRequired': { fr: 'L’adresse est obligatoire', en: 'The address is required' },
  'organisation.rnaRequired': {
    fr: 'Une association indique son numéro RNA (W suivi de 9 chiffres)',
    en: 'An association gives its RNA number (W followed by 9 digits)',
  },
  'organisation.esusDateRequired': {
    fr: 'Une entreprise ESUS indique la date de son agrément',
    en: 'An ESUS company gives the date of its approval',
  },
  'identifier.empty': { fr: 'Le {label} est obligatoire.', en: 'The {label} is required.' },
  'identifier.notDigits': {
    fr: 'Le {label} ne doit contenir que des chiffres (les espaces sont acceptés).',
    en: 'A {label} contains digits only (spaces are fine).',
  },
  'identifier.wrongLength': {
    fr: 'Le {label} compte {length} chiffres ; vous en avez saisi {count}.',
    en: 'A {label} has {length} digits; you typed {count}.',
  },
  'identifier.badChecksum': {
    fr: 'Ce {label} n’existe pas : sa clé de contrôle est fausse. Vérifiez chaque chiffre.',
    en: 'This {label} does not exist: its check digit is wrong. Check each digit.',
  },
  'rna.empty': { fr: 'Le numéro RNA est obligatoire.', en: 'The RNA number is required.' },
  'rna.format': {
    fr: 'Le numéro RNA commence par W suivi de 9 chiffres, par exemple W751234567.',
    en: 'An RNA number is W followed by 9 digits, for example W751234567.',
  },

  'weekday.min': { fr: '1 = lundi', en: '1 = Monday' },
  'weekday.max': { fr: '7 = dimanche', en: '7 = Sunday' },
  'openingHours.closesAfterOpens': {
    fr: 'La fermeture doit suivre l’ouverture',
    en: 'Closing must come after opening',
  },
  'openingHours.overlap': {
    fr: 'Ce créneau chevauche un autre créneau du même jour',
    en: 'This slot overlaps another slot on the same day',
  },
  'access.method': {
    fr: 'Choisissez comment on entre : clés, badge, code, accueil ou accès libre',
    en: 'Choose how one gets in: keys, badge, code, reception or open access',
  },
  'phone.format': {
    fr: 'Numéro de téléphone attendu, par exemple 01 23 45 67 89',
    en: 'A phone number expected, for example 01 23 45 67 89',
  },
  'closure.reasonRequired': {
    fr: 'Indiquez la raison (travaux, congés…)',
    en: 'Give the reason (works, holidays…)',
  },
  'holiday.duplicateDate': { fr: 'Date en double', en: 'Date given twice' },

  'search.near': {
    fr: 'Point attendu sous la forme latitude,longitude',
    en: 'A point expected as latitude,longitude',
  },
  'search.fromWithTo': { fr: '« from » et « to » vont ensemble', en: '“from” and “to” go together' },
  'search.toAfterFrom': { fr: '« to » doit suivre « from »', en: '“to” must come after “from”' },
  'search.bbox': {
    fr: 'Zone attendue sous la forme ouest,sud,est,nord',
    en: 'An area expected as west,south,east,north',
  },
  'search.bboxOrder': {
    fr: 'Zone inversée : l’ouest doit précéder l’est et le sud le nord (ouest,sud,est,nord)',
    en: 'Area upside down: west must come before east and south before north (west,south,east,north)',
  },
  'availability.tooManySpaces': {
    fr: '{max} espaces au plus par demande',
    en: 'At most {max} spaces per request',
  },
  'availability.spacesOrSite': {
    fr: 'Indiquez soit des espaces (spaceIds), soit un site (siteId)',
    en: 'Give either spaces (spaceIds) or a site (siteId)',
  },
  'availability.windowTooLong': {
    fr: 'La fenêtre ne peut pas dépasser {days} jours',
    en: 'The window cannot exceed {days} days',
  },
  'policy.slotStep': {
    fr: 'Pas de 5, 10, 15, 20, 30 ou 60 minutes',
    en: 'Steps of 5, 10, 15, 20, 30 or 60 minutes',
  },
  'policy.minAboveMax': {
    fr: 'La durée minimale dépasse la durée maximale',
    en: 'The minimum duration exceeds the maximum duration',
  },
  'space.areaPositive': { fr: 'La surface doit être positive', en: 'The area must be positive' },
  'space.duplicateEquipment': { fr: 'Équipement en double', en: 'Equipment listed twice' },

  'occupancy.scope': {
    fr: 'Périmètre attendu : national, region:76, departement:34 ou site:<identifiant>',
    en: 'Scope expected: national, region:76, departement:34 or site:<identifier>',
  },
  'occupancy.tooLong': { fr: 'Une période de trois ans au plus', en: 'A period of three years at most' },
  'projectReport.empty': {
    fr: 'Donnez au moins un chiffre ou une phrase',
    en: 'Give at least one figure or one sentence',
  },
  'need.tooLong': {
    fr: 'Un besoin couvre au plus {days} jours ; déclarez-en un autre pour la suite',
    en: 'A need covers {days} days at most; declare another one for what follows',
  },
  'unmetDemand.scope': {
    fr: 'Périmètre attendu : national, region:76 ou departement:34',
    en: 'Scope expected: national, region:76 or departement:34',
  },
} as const satisfies Record<string, Record<MessageLanguage, string>>;

export const MESSAGE_LANGUAGES = ['fr', 'en'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];
export type MessageKey = keyof typeof MESSAGES;

type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;
/** The parameters a message takes: none, or one per `{name}` of its French text. */
export type MessageParams<K extends MessageKey> = [Placeholders<(typeof MESSAGES)[K]['fr']>] extends [never]
  ? []
  : [Record<Placeholders<(typeof MESSAGES)[K]['fr']>, string | number>];

const NUMBER_FORMAT: Record<MessageLanguage, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat('fr-FR'),
  en: new Intl.NumberFormat('en-GB'),
};

let current: MessageLanguage = 'fr';

/** The language messages are raised in: French until someone picks English (the web, from its UI). */
export function messageLanguage(): MessageLanguage {
  return current;
}

export function setMessageLanguage(lang: MessageLanguage): void {
  current = lang;
}

/**
 * Runs `parse` with messages in `lang`, then puts the language back. Why a setting and not a per-parse
 * option: zod 4 calls a schema's own error function with the issue alone (no parse context), and a
 * per-parse error map (`safeParse(x, { error })`) ranks below it, so no option of the parse reaches the
 * schemas' messages. `parse` must be synchronous (`safeParse`, never `safeParseAsync`): nothing else runs
 * between setting the language and restoring it, so concurrent requests cannot see each other's language.
 */
export function inMessageLanguage<T>(lang: MessageLanguage, parse: () => T): T {
  const previous = current;
  current = lang;
  try {
    return parse();
  } finally {
    current = previous;
  }
}

/** The message in the current language, now: for issues added by hand (`ctx.addIssue`) and checks. */
export function text<K extends MessageKey>(key: K, ...[params]: MessageParams<K>): string {
  return fillIn(MESSAGES[key][current], current, params as Record<string, string | number> | undefined);
}

/** `template` with each `{name}` replaced by its parameter, numbers written the way `lang` writes them. */
export function fillIn(
  template: string,
  lang: MessageLanguage,
  params?: Readonly<Record<string, string | number>>,
): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    return typeof v === 'number' ? NUMBER_FORMAT[lang].format(v) : String(v ?? '');
  });
}

/**
 * A zod error function (`{ error: msg('title.required') }`): the message is chosen when the issue is
 * raised, in the language current then, not when the schema is built. A plain string would win over any
 * language setting, since zod ranks a schema's own message above its error maps and locales.
 */
export function msg<K extends MessageKey>(key: K, ...params: MessageParams<K>): () => string {
  return () => text(key, ...params);
}
