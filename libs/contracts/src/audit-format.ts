import type { AuditSubject } from './admin';
import type { MessageLanguage } from './messages';

/**
 * The audit log in words, French and English: what each action is called, what each object is, and a
 * change (`{ policy: [before, after] }`) as lines a person reads (`Délai de prévenance : 24 h → 48 h`).
 * Shared by the console and the API's CSV export, so both say the same. Pure: no clock, no zone but the
 * one given.
 */
type Words = Record<MessageLanguage, string>;

export const AUDIT_ENTITIES: Record<string, Words> = {
  user: { fr: 'Compte', en: 'Account' },
  organisation: { fr: 'Organisation', en: 'Organisation' },
  site: { fr: 'Site', en: 'Site' },
  space: { fr: 'Espace', en: 'Space' },
  booking: { fr: 'Réservation', en: 'Booking' },
  booking_series: { fr: 'Série de réservations', en: 'Booking series' },
  waitlist_entry: { fr: 'Liste d’attente', en: 'Waiting list' },
  project: { fr: 'Projet', en: 'Project' },
  quota_rule: { fr: 'Quota d’usage', en: 'Fair-use quota' },
};

/** Every action the API records, by object: `entity.action`. */
export const AUDIT_ACTIONS: Record<string, Words> = {
  'user.role_granted': { fr: 'Compte créé', en: 'Account created' },
  'user.roles_changed': { fr: 'Rôles modifiés', en: 'Roles changed' },
  'user.deactivated': { fr: 'Compte désactivé', en: 'Account deactivated' },
  'user.reactivated': { fr: 'Compte réactivé', en: 'Account reactivated' },
  'user.invitation_resent': { fr: 'Invitation renvoyée', en: 'Invitation sent again' },
  'user.signed_in': { fr: 'Connexion', en: 'Signed in' },
  'user.sign_in_failed': { fr: 'Connexion refusée', en: 'Sign-in refused' },
  'user.created_by_oidc': {
    fr: 'Compte créé à la connexion La Poste',
    en: 'Account created at La Poste sign-in',
  },
  'user.session_reuse_detected': {
    fr: 'Session fermée (jeton réutilisé)',
    en: 'Session closed (token reused)',
  },
  'user.password_reset': { fr: 'Mot de passe réinitialisé', en: 'Password reset' },
  'user.deleted': { fr: 'Compte supprimé', en: 'Account deleted' },
  'organisation.registered': { fr: 'Organisation inscrite', en: 'Organisation registered' },
  'organisation.verified': { fr: 'Organisation vérifiée', en: 'Organisation verified' },
  'organisation.rejected': { fr: 'Inscription refusée', en: 'Registration refused' },
  'organisation.verification_withdrawn': { fr: 'Vérification retirée', en: 'Verification withdrawn' },
  'need.contact': { fr: 'Message d’un site à l’organisation', en: 'Message from a site to the organisation' },
  'organisation.member_invited': { fr: 'Membre invité', en: 'Member invited' },
  'organisation.member_joined': { fr: 'Membre arrivé', en: 'Member joined' },
  'site.created': { fr: 'Site créé', en: 'Site created' },
  'site.updated': { fr: 'Site modifié', en: 'Site changed' },
  'site.opening_hours_set': { fr: 'Horaires du site modifiés', en: 'Site opening hours changed' },
  'site.closure_added': { fr: 'Fermeture ajoutée', en: 'Closure added' },
  'site.closure_removed': { fr: 'Fermeture supprimée', en: 'Closure removed' },
  'site.holiday_openings_set': {
    fr: 'Ouvertures des jours fériés modifiées',
    en: 'Public holiday openings changed',
  },
  'quota_rule.created': { fr: 'Quota fixé', en: 'Quota set' },
  'quota_rule.updated': { fr: 'Quota modifié', en: 'Quota changed' },
  'quota_rule.deleted': { fr: 'Quota supprimé', en: 'Quota removed' },
  'site.discounts_changed': { fr: 'Remises solidaires modifiées', en: 'Solidarity discounts changed' },
  'space.created': { fr: 'Espace créé', en: 'Space created' },
  'space.updated': { fr: 'Espace modifié', en: 'Space changed' },
  'space.opening_hours_set': { fr: 'Horaires de l’espace modifiés', en: 'Space opening hours changed' },
  'space.opening_hours_cleared': {
    fr: 'Horaires de l’espace alignés sur le site',
    en: 'Space opening hours back to the site’s',
  },
  'space.published': { fr: 'Espace publié', en: 'Space published' },
  'space.archived': { fr: 'Espace archivé', en: 'Space archived' },
  'space.photo_added': { fr: 'Photo ajoutée', en: 'Photo added' },
  'space.photo_removed': { fr: 'Photo supprimée', en: 'Photo removed' },
  'booking.created': { fr: 'Réservation créée', en: 'Booking created' },
  'booking.approve': { fr: 'Réservation acceptée', en: 'Booking approved' },
  'booking.reject': { fr: 'Réservation refusée', en: 'Booking refused' },
  'booking.cancel': { fr: 'Réservation annulée', en: 'Booking cancelled' },
  'booking.no_show': { fr: 'Absence constatée', en: 'No-show recorded' },
  'booking.complete': { fr: 'Réservation terminée', en: 'Booking completed' },
  'booking.expire': { fr: 'Demande expirée', en: 'Request expired' },
  'booking.check_in': { fr: 'Arrivée signalée', en: 'Checked in' },
  'booking.release': { fr: 'Réservation libérée (sans arrivée)', en: 'Booking released (no check-in)' },
  'booking.changed': { fr: 'Réservation modifiée', en: 'Booking changed' },
  'booking_series.created': { fr: 'Série créée', en: 'Series created' },
  'booking_series.cancelled': { fr: 'Série annulée', en: 'Series cancelled' },
  'waitlist_entry.joined': { fr: 'Inscription en liste d’attente', en: 'Joined the waiting list' },
  'waitlist_entry.accepted': { fr: 'Proposition acceptée', en: 'Offer accepted' },
  'waitlist_entry.offer_expired': { fr: 'Proposition expirée', en: 'Offer expired' },
  'project.created': { fr: 'Projet décrit', en: 'Project described' },
  'project.updated': { fr: 'Projet modifié', en: 'Project changed' },
  'project.linked': { fr: 'Lien au projet ajouté', en: 'Linked to the project' },
  'project.reported': { fr: 'Bilan donné', en: 'Report given' },
  'project.replication_proposed': { fr: 'Proposé « à essaimer »', en: 'Proposed for replication' },
  'project.replication_accepted': { fr: 'Fiche « à essaimer » acceptée', en: 'Case sheet accepted' },
  'project.replication_declined': { fr: 'Fiche « à essaimer » déclinée', en: 'Case sheet declined' },
};

const FIELDS: Record<string, Words> = {
  status: { fr: 'État', en: 'Status' },
  verification: { fr: 'Vérification', en: 'Verification' },
  reason: { fr: 'Motif', en: 'Reason' },
  role: { fr: 'Rôle', en: 'Role' },
  roles: { fr: 'Rôles', en: 'Roles' },
  admin: { fr: 'Administration', en: 'Admin' },
  siteIds: { fr: 'Sites gérés', en: 'Sites managed' },
  regionCode: { fr: 'Région', en: 'Région' },
  name: { fr: 'Nom', en: 'Name' },
  address: { fr: 'Adresse', en: 'Address' },
  postcode: { fr: 'Code postal', en: 'Postcode' },
  commune: { fr: 'Commune', en: 'Commune' },
  communeCode: { fr: 'Commune (code INSEE)', en: 'Commune (INSEE code)' },
  accessNotes: { fr: 'Accès', en: 'Access' },
  access: { fr: 'Accès à l’espace', en: 'Access to the space' },
  contact: { fr: 'Contact pour les réservations', en: 'Contact for bookings' },
  latitude: { fr: 'Latitude', en: 'Latitude' },
  longitude: { fr: 'Longitude', en: 'Longitude' },
  openingHours: { fr: 'Horaires', en: 'Opening hours' },
  kind: { fr: 'Type', en: 'Kind' },
  areaSqm: { fr: 'Surface', en: 'Area' },
  capacity: { fr: 'Capacité', en: 'Capacity' },
  equipment: { fr: 'Équipements', en: 'Equipment' },
  stepFree: { fr: 'Accès de plain-pied', en: 'Step-free access' },
  description: { fr: 'Description', en: 'Description' },
  approvalRequired: { fr: 'Validation par le gestionnaire', en: 'Manager’s approval' },
  slotStepMinutes: { fr: 'Pas des créneaux', en: 'Slot step' },
  minDurationMinutes: { fr: 'Durée minimale', en: 'Shortest booking' },
  maxDurationMinutes: { fr: 'Durée maximale', en: 'Longest booking' },
  minNoticeMinutes: { fr: 'Délai de prévenance', en: 'Notice' },
  horizonDays: { fr: 'Réservable jusqu’à', en: 'Bookable up to' },
  bufferBeforeMinutes: { fr: 'Battement avant', en: 'Buffer before' },
  bufferAfterMinutes: { fr: 'Battement après', en: 'Buffer after' },
  audience: { fr: 'Public', en: 'Audience' },
  hourlyRateCents: { fr: 'Tarif horaire', en: 'Hourly rate' },
  discounts: { fr: 'Remises', en: 'Discounts' },
  startsOn: { fr: 'Du', en: 'From' },
  endsOn: { fr: 'Au', en: 'To' },
  year: { fr: 'Année', en: 'Year' },
  dates: { fr: 'Jours', en: 'Days' },
  rrule: { fr: 'Répétition', en: 'Repeat' },
  booked: { fr: 'Réservées', en: 'Booked' },
  refused: { fr: 'Refusées', en: 'Refused' },
  bookings: { fr: 'Réservations', en: 'Bookings' },
  title: { fr: 'Intitulé', en: 'Title' },
  attendees: { fr: 'Participants', en: 'Attendees' },
  start: { fr: 'Début', en: 'Start' },
  end: { fr: 'Fin', en: 'End' },
  spaceId: { fr: 'Espace', en: 'Space' },
  bookingId: { fr: 'Réservation', en: 'Booking' },
  userId: { fr: 'Personne', en: 'Person' },
  siret: { fr: 'SIRET', en: 'SIRET' },
  priceCents: { fr: 'Prix', en: 'Price' },
  email: { fr: 'Adresse e-mail', en: 'E-mail address' },
  siteId: { fr: 'Site', en: 'Site' },
  organisationId: { fr: 'Organisation', en: 'Organisation' },
  spaceKind: { fr: 'Type d’espace', en: 'Kind of space' },
  hoursPerWeek: { fr: 'Heures par semaine', en: 'Hours a week' },
  hoursPerMonth: { fr: 'Heures par mois', en: 'Hours a month' },
  maxActiveBookings: { fr: 'Réservations à la fois', en: 'Bookings at once' },
};

/** Fields of some objects that mean something else elsewhere. */
const ENTITY_FIELDS: Record<string, Words> = {
  'user.address': { fr: 'Adresse IP (pseudonyme)', en: 'IP address (pseudonym)' },
};

/** Keys nobody reads in the console (technical ids, sizes). */
const HIDDEN = new Set(['sessionId', 'photoId', 'bytes', 'mail']);

const VALUES: Record<string, Record<string, Words>> = {
  status: {
    pending: { fr: 'en attente', en: 'pending' },
    confirmed: { fr: 'confirmée', en: 'confirmed' },
    rejected: { fr: 'refusée', en: 'refused' },
    cancelled: { fr: 'annulée', en: 'cancelled' },
    completed: { fr: 'terminée', en: 'completed' },
    no_show: { fr: 'absence', en: 'no-show' },
    expired: { fr: 'expirée', en: 'expired' },
    released: { fr: 'libérée', en: 'released' },
    active: { fr: 'active', en: 'active' },
    draft: { fr: 'brouillon', en: 'draft' },
    published: { fr: 'publié', en: 'published' },
    archived: { fr: 'archivé', en: 'archived' },
    offered: { fr: 'proposée', en: 'offered' },
    booked: { fr: 'réservée', en: 'booked' },
    waiting: { fr: 'en attente', en: 'waiting' },
  },
  verification: {
    pending: { fr: 'en attente', en: 'pending' },
    verified: { fr: 'vérifiée', en: 'verified' },
    rejected: { fr: 'refusée', en: 'refused' },
  },
  role: {
    member: { fr: 'membre', en: 'member' },
    org_admin: { fr: 'responsable d’organisation', en: 'organisation admin' },
    site_manager: { fr: 'gestionnaire de site', en: 'site manager' },
    delegate: { fr: 'délégué régional', en: 'regional delegate' },
    admin: { fr: 'administrateur', en: 'admin' },
  },
  audience: {
    all: { fr: 'toutes les organisations', en: 'every organisation' },
    region: { fr: 'organisations de la région', en: 'organisations of the région' },
  },
  kind: {
    meeting_room: { fr: 'salle de réunion', en: 'meeting room' },
    office: { fr: 'bureau', en: 'office' },
    workshop: { fr: 'atelier', en: 'workshop' },
    event_hall: { fr: 'salle d’événements', en: 'event hall' },
    storage: { fr: 'stockage', en: 'storage' },
    coworking: { fr: 'coworking', en: 'coworking' },
    counter_corner: { fr: 'coin de guichet', en: 'counter corner' },
  },
};

/** Before/after pairs are recorded for these actions, field by field. */
const PAIR_ACTIONS = new Set([
  'updated',
  'changed',
  'opening_hours_set',
  'discounts_changed',
  'roles_changed',
]);
/** Fields whose value is itself a list, never a pair. */
const LIST_FIELDS = new Set(['siteIds', 'dates', 'equipment', 'bookings', 'discounts', 'openingHours']);

const TAG: Record<MessageLanguage, string> = { fr: 'fr-FR', en: 'en-GB' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const WEEKDAYS: Record<MessageLanguage, string[]> = {
  fr: ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

export const PARIS = 'Europe/Paris';

export function auditEntityLabel(entity: string, lang: MessageLanguage): string {
  return AUDIT_ENTITIES[entity]?.[lang] ?? entity;
}

/** The action's name; an action this list does not know yet keeps its code. */
export function auditActionLabel(entity: string, action: string, lang: MessageLanguage): string {
  return AUDIT_ACTIONS[`${entity}.${action}`]?.[lang] ?? action;
}

/** `9 h`, `9 h 30` (French), `09:00` (English), in `timeZone`. */
export function clockTime(instant: string | Date, timeZone: string, lang: MessageLanguage): string {
  const parts = new Intl.DateTimeFormat(TAG[lang], {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(new Date(instant));
  const hour = parts.find((p) => p.type === 'hour')!.value;
  const minute = parts.find((p) => p.type === 'minute')!.value;
  if (lang === 'en') return `${hour}:${minute}`;
  return minute === '00' ? `${Number(hour)} h` : `${Number(hour)} h ${minute}`;
}

/** `10 déc. 2026`, in `timeZone`. */
export function shortDay(instant: string | Date, timeZone: string, lang: MessageLanguage): string {
  return new Intl.DateTimeFormat(TAG[lang], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone,
  }).format(new Date(instant));
}

/** `10 déc. 2026, 9 h–11 h`; a period over several days says both. */
export function periodLabel(start: string, end: string, timeZone: string, lang: MessageLanguage): string {
  const d1 = shortDay(start, timeZone, lang);
  const d2 = shortDay(end, timeZone, lang);
  const t1 = clockTime(start, timeZone, lang);
  const t2 = clockTime(end, timeZone, lang);
  return d1 === d2 ? `${d1}, ${t1}–${t2}` : `${d1}, ${t1} – ${d2}, ${t2}`;
}

/** What the entry is about, in words: `Salle Garonne · Poste Capitole, 10 déc. 2026, 9 h–11 h`. */
export function auditSubjectLabel(
  entity: string,
  subject: AuditSubject | null,
  lang: MessageLanguage,
): string | null {
  if (!subject) return null;
  const place = [subject.spaceName, subject.siteName].filter(Boolean).join(' · ');
  switch (entity) {
    case 'user':
      return subject.name ? `${subject.name} (${subject.email})` : null;
    case 'space':
      return place || null;
    case 'booking':
    case 'booking_series':
    case 'waitlist_entry': {
      const when =
        subject.start && subject.end
          ? periodLabel(subject.start, subject.end, subject.timeZone ?? PARIS, lang)
          : null;
      const what = [entity === 'booking_series' ? subject.name : null, place].filter(Boolean).join(' — ');
      return [what, when].filter(Boolean).join(', ') || null;
    }
    default:
      return subject.name;
  }
}

/** `24 h`, `1 h 30`, `45 min`. */
function duration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

function yesNo(v: boolean, lang: MessageLanguage): string {
  return v ? (lang === 'fr' ? 'oui' : 'yes') : lang === 'fr' ? 'non' : 'no';
}

function hoursLabel(windows: unknown[], lang: MessageLanguage): string {
  if (windows.length === 0) return lang === 'fr' ? 'fermé' : 'closed';
  return windows
    .map((w) => {
      const { weekday, opens, closes } = w as { weekday: number; opens: string; closes: string };
      return `${WEEKDAYS[lang][weekday - 1] ?? weekday} ${opens}–${closes}`;
    })
    .join(', ');
}

/** One value as a person reads it, by what its field holds. */
function valueLabel(
  key: string,
  value: unknown,
  lang: MessageLanguage,
  names: Record<string, string>,
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return yesNo(value, lang);
  if (typeof value === 'number') {
    if (key.endsWith('Minutes')) return duration(value);
    if (key.endsWith('Cents'))
      return new Intl.NumberFormat(TAG[lang], { style: 'currency', currency: 'EUR' }).format(value / 100);
    if (key === 'horizonDays') return lang === 'fr' ? `${value} jours` : `${value} days`;
    if (key === 'areaSqm') return `${new Intl.NumberFormat(TAG[lang]).format(value)} m²`;
    if (key === 'percent') return `${value} %`;
    return new Intl.NumberFormat(TAG[lang]).format(value);
  }
  if (typeof value === 'string') {
    const word = VALUES[key]?.[value];
    if (word) return word[lang];
    if (UUID.test(value)) return names[value] ?? value.slice(0, 8);
    if (key === 'regionCode') return names[`region:${value}`] ?? value;
    if (INSTANT.test(value) && !Number.isNaN(Date.parse(value)))
      return `${shortDay(value, PARIS, lang)}, ${clockTime(value, PARIS, lang)}`;
    if (DAY.test(value)) return shortDay(`${value}T12:00:00Z`, 'UTC', lang);
    return value;
  }
  if (Array.isArray(value)) {
    if (key === 'openingHours') return hoursLabel(value, lang);
    if (value.length === 0) return lang === 'fr' ? 'aucun' : 'none';
    if (key === 'discounts')
      return value
        .map((d) => {
          const { basis, percent } = d as { basis: string; percent: number };
          return `${basis} −${percent} %`;
        })
        .join(', ');
    if (key === 'roles') return value.map((g) => grantLabel(g, lang, names)).join(', ');
    return value.map((v) => valueLabel(key, v, lang, names)).join(', ');
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([k]) => !HIDDEN.has(k))
      .map(([k, v]) => `${fieldLabel('', k, lang)}${colonOf(lang)}${valueLabel(k, v, lang, names)}`)
      .join(' ; ');
  }
  return String(value);
}

/** `gestionnaire de site (Poste Capitole)`, `délégué régional (Occitanie)`. */
function grantLabel(grant: unknown, lang: MessageLanguage, names: Record<string, string>): string {
  const g = grant as { role: string; siteId?: string | null; regionCode?: string | null };
  const role = VALUES.role[g.role]?.[lang] ?? g.role;
  if (g.siteId) return `${role} (${names[g.siteId] ?? g.siteId.slice(0, 8)})`;
  if (g.regionCode) return `${role} (${names[`region:${g.regionCode}`] ?? g.regionCode})`;
  return role;
}

function fieldLabel(entity: string, key: string, lang: MessageLanguage): string {
  return ENTITY_FIELDS[`${entity}.${key}`]?.[lang] ?? FIELDS[key]?.[lang] ?? key;
}

const colonOf = (lang: MessageLanguage) => (lang === 'fr' ? ' : ' : ': ');

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function isPair(action: string, key: string, value: unknown): value is [unknown, unknown] {
  if (!Array.isArray(value) || value.length !== 2) return false;
  if (key === 'status' || key === 'verification' || PAIR_ACTIONS.has(action)) return true;
  // An action recorded later with before/after values: two values of one kind, not a list.
  return !LIST_FIELDS.has(key) && typeof value[0] === typeof value[1] && !Array.isArray(value[0]);
}

/**
 * The entry's changes, one line each: `Délai de prévenance : 24 h → 48 h` for a value that changed
 * (an object's fields that changed, one line each), `Motif : Travaux` for one that was recorded.
 * `names` gives the names of the ids and région codes (`region:76`) the changes mention.
 */
export function describeAuditChanges(
  entity: string,
  action: string,
  changes: Record<string, unknown>,
  lang: MessageLanguage,
  names: Record<string, string> = {},
): string[] {
  const colon = colonOf(lang);
  const lines: string[] = [];
  const diff = (key: string, before: unknown, after: unknown) => {
    if (same(before, after)) return;
    if (isRecord(before) && isRecord(after)) {
      for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
        if (!HIDDEN.has(k)) diff(k, before[k], after[k]);
      }
      return;
    }
    lines.push(
      `${fieldLabel(entity, key, lang)}${colon}${valueLabel(key, before, lang, names)} → ${valueLabel(key, after, lang, names)}`,
    );
  };
  for (const [key, value] of Object.entries(changes)) {
    if (HIDDEN.has(key)) continue;
    if (isPair(action, key, value)) diff(key, value[0], value[1]);
    else if (isRecord(value))
      for (const [k, v] of Object.entries(value)) {
        if (!HIDDEN.has(k))
          lines.push(`${fieldLabel(entity, k, lang)}${colon}${valueLabel(k, v, lang, names)}`);
      }
    else lines.push(`${fieldLabel(entity, key, lang)}${colon}${valueLabel(key, value, lang, names)}`);
  }
  return lines;
}

/** A kind of space in lower-case words (`salle de réunion`), as sentences use it. */
export function spaceKindWords(kind: string, lang: MessageLanguage): string {
  return VALUES.kind[kind]?.[lang] ?? kind;
}
