import ical, {
  type ICalCalendar,
  ICalCalendarMethod,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalEventStatus,
} from 'ical-generator';
import type Mail from 'nodemailer/lib/mailer';
import { Temporal } from 'temporal-polyfill';
import { formatDate, formatMoney, formatTime } from '@lieux/scheduling';
import { calendarName } from './calendar-name';
import { vtimezone } from './vtimezone';

/**
 * What an e-mail says about a booking: `confirmed` and `pending` acknowledge it to the person who booked,
 * `updated` tells them it was moved or its number of people changed (an updated invitation),
 * `cancelled`, `rejected`, `expired` and `released` (nobody checked in in time) end it, `reminder` comes the day before, `request` and
 * `request_reminder` go to the site's managers about a request waiting for them.
 */
export type BookingMailKind =
  | 'confirmed'
  | 'pending'
  | 'updated'
  | 'cancelled'
  | 'rejected'
  | 'expired'
  | 'released'
  | 'reminder'
  | 'request'
  | 'request_reminder';

export interface BookingMailFacts {
  bookingId: string;
  status: BookingMailKind;
  title: string;
  attendees: number;
  start: Date;
  end: Date;
  priceCents: number;
  spaceName: string;
  siteName: string;
  address: string;
  postcode: string;
  commune: string;
  timeZone: string;
  recipientEmail: string;
  recipientName: string;
  /** Increases with every change of the booking, so calendars apply updates in order. */
  sequence?: number;
  /** Why it was cancelled or rejected. */
  reason?: string | null;
  organisationName?: string;
  lateCancellation?: boolean;
  /** The series the booking is an occurrence of: its invitation is the series' event at that date. */
  seriesId?: string | null;
  /** A moved occurrence of a series: the start it was invited at, its RECURRENCE-ID for good. */
  originalStart?: Date | null;
  /** The booking's status, when the kind of e-mail does not say it (`updated`: pending is tentative). */
  bookingStatus?: string;
  /** `updated`: what it was before, and whether a manager changed it (with `reason`). */
  previous?: { start: Date; end: Date; attendees: number };
  byManager?: boolean;
  /** `updated`: moved by its organisation on a space that needs approval, it awaits the manager again. */
  requested?: boolean;
  /** The receipt of a paid booking, attached to its confirmation. */
  receipt?: { number: string; filename: string; content: Buffer } | null;
  /** How to get in and whom to call, when the booking is confirmed. */
  access?: {
    floor: string;
    entrance: string;
    method: string | null;
    instructions: string;
    siteNotes: string;
    contact: { name: string; phone: string; email: string };
  };
}

const ACCESS_METHODS: Record<string, string> = {
  keys: 'clés à retirer',
  badge: 'badge',
  code: 'digicode',
  reception: 'se présenter à l’accueil',
  open: 'accès libre',
};

/** The "Accès" paragraph of a confirmation or a reminder; nothing when the site said nothing. */
function accessLines(f: BookingMailFacts): string[] {
  if (!f.access || (f.status !== 'confirmed' && f.status !== 'reminder')) return [];
  const a = f.access;
  const contact = [a.contact.name, a.contact.phone, a.contact.email].filter(Boolean).join(', ');
  const lines = [
    a.floor && `Étage : ${a.floor}`,
    a.entrance && `Entrée : ${a.entrance}`,
    a.method && `Pour entrer : ${ACCESS_METHODS[a.method] ?? a.method}`,
    a.instructions,
    a.siteNotes,
    contact && `Contact sur place : ${contact}`,
  ].filter((l): l is string => Boolean(l));
  return lines.length > 0 ? ['Accès', ...lines, ''] : [];
}

export const ICAL_DOMAIN = 'lieux-partages.fr';

/** The UID of a series' one recurring event (see series-emails.ts). */
export const seriesUid = (seriesId: string) => `series-${seriesId}@${ICAL_DOMAIN}`;

/**
 * Local times in the site's zone, with a VTIMEZONE for it: what recurring events and their occurrences
 * are written in, so that 09:00 stays 09:00 across daylight-saving changes in every calendar.
 */
export function zoned(
  cal: ICalCalendar,
  zone: string,
  from: Date,
  to: Date,
): (d: Date) => Temporal.ZonedDateTime {
  cal.timezone({ name: null, generator: (tz) => vtimezone(tz, from.getTime(), to.getTime()) });
  return (d) => Temporal.Instant.fromEpochMilliseconds(d.getTime()).toZonedDateTimeISO(zone);
}

/** The kinds that end a booking: its invitation is withdrawn. */
const ENDINGS: ReadonlySet<BookingMailKind> = new Set(['cancelled', 'rejected', 'expired', 'released']);

/**
 * The iCalendar part: the booking's id is its UID, so a later update or cancellation (METHOD:CANCEL with a
 * higher SEQUENCE) replaces the event in the recipient's calendar. An occurrence of a series was invited
 * as one date of the series' event: it is updated or cancelled as that date (its RECURRENCE-ID), which
 * stays the date it was invited at when it is moved (RFC 5545: the RECURRENCE-ID names the instance the
 * rule generated, DTSTART says where it now is).
 */
export function bookingInvite(f: BookingMailFacts, organizer: { name: string; email: string }): string {
  const cancel = ENDINGS.has(f.status);
  const cal = ical({
    prodId: { company: 'La Poste', product: 'Lieux Partagés', language: 'FR' },
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  const tentative = f.status === 'pending' || (f.status === 'updated' && f.bookingStatus === 'pending');
  const local = f.seriesId
    ? zoned(
        cal,
        f.timeZone,
        new Date(Math.min(f.start.getTime(), f.originalStart?.getTime() ?? Infinity)),
        f.end,
      )
    : null;
  cal.createEvent({
    ...(f.seriesId && local
      ? {
          id: seriesUid(f.seriesId),
          timezone: f.timeZone,
          start: local(f.start),
          end: local(f.end),
          recurrenceId: local(f.originalStart ?? f.start),
        }
      : { id: `${f.bookingId}@${ICAL_DOMAIN}`, start: f.start, end: f.end }),
    sequence: f.sequence ?? 0,
    stamp: new Date(),
    status: cancel
      ? ICalEventStatus.CANCELLED
      : tentative
        ? ICalEventStatus.TENTATIVE
        : ICalEventStatus.CONFIRMED,
    summary: `${f.title} — ${f.spaceName}`,
    location: `${f.siteName}, ${f.address}, ${f.postcode} ${f.commune}`,
    description: `Réservation Lieux Partagés : ${f.spaceName} (${f.siteName}), ${f.attendees} participant(s).`,
    organizer: { ...organizer, name: calendarName(organizer.name) },
    attendees: [
      {
        email: f.recipientEmail,
        name: calendarName(f.recipientName),
        role: ICalAttendeeRole.REQ,
        status: cancel
          ? ICalAttendeeStatus.DECLINED
          : tentative
            ? ICalAttendeeStatus.TENTATIVE
            : ICalAttendeeStatus.ACCEPTED,
      },
    ],
  });
  return cal.toString();
}

const SUBJECTS: Record<BookingMailKind, string> = {
  confirmed: 'Réservation confirmée',
  pending: 'Demande de réservation reçue',
  updated: 'Réservation modifiée',
  cancelled: 'Réservation annulée',
  rejected: 'Demande de réservation refusée',
  expired: 'Demande de réservation expirée',
  released: 'Votre réservation a été libérée',
  reminder: 'Rappel de votre réservation de demain',
  request: 'Nouvelle demande à traiter',
  request_reminder: 'Demande en attente de réponse',
};

const when = (start: Date, end: Date, zone: string) =>
  `${formatDate(start, zone)}, de ${formatTime(start, zone)} à ${formatTime(end, zone)}`;

/** What changed, before and after, and why when the site's manager changed it. */
function updated(f: BookingMailFacts): string[] {
  const p = f.previous;
  const moved = p && (p.start.getTime() !== f.start.getTime() || p.end.getTime() !== f.end.getTime());
  return [
    f.byManager
      ? moved
        ? 'Le gestionnaire du site a déplacé votre réservation.'
        : 'Le gestionnaire du site a modifié votre réservation.'
      : moved
        ? 'Votre réservation a été déplacée.'
        : 'Votre réservation a été modifiée.',
    ...(f.byManager && f.reason ? [`Motif : ${f.reason}`] : []),
    ...(p && moved ? [`Ancien horaire : ${when(p.start, p.end, f.timeZone)}`] : []),
    ...(p && p.attendees !== f.attendees ? [`Ancien nombre de participants : ${p.attendees}`] : []),
    ...(f.requested
      ? [
          'Cet espace demande l’accord de son gestionnaire : le nouvel horaire attend sa réponse, et le créneau vous est réservé en attendant.',
        ]
      : []),
  ];
}

function opening(f: BookingMailFacts): string[] {
  const reason = f.reason ? [`Motif : ${f.reason}`] : [];
  switch (f.status) {
    case 'confirmed':
      return ['Votre réservation est confirmée.'];
    case 'pending':
      return [
        'Votre demande de réservation a bien été reçue. Le gestionnaire du site vous répondra rapidement ; le créneau vous est réservé en attendant.',
      ];
    case 'updated':
      return updated(f);
    case 'cancelled':
      return [
        f.lateCancellation
          ? 'Cette réservation est annulée, moins de 24 heures avant son début.'
          : 'Cette réservation est annulée.',
        ...reason,
      ];
    case 'rejected':
      return ['Le gestionnaire du site n’a pas pu accepter votre demande de réservation.', ...reason];
    case 'expired':
      return [
        'Votre demande de réservation n’a pas reçu de réponse à temps : elle a expiré et le créneau est libéré.',
      ];
    case 'released':
      return [
        'Votre réservation a été libérée : personne n’a signalé son arrivée dans le délai demandé par cet espace. Le reste du créneau a été proposé à d’autres organisations.',
        'Elle est comptée comme une absence. Si vous êtes bien venus, dites-le au gestionnaire du site.',
      ];
    case 'reminder':
      return ['Petit rappel : votre réservation a lieu demain.'];
    case 'request':
      return [`${f.organisationName ?? 'Une organisation'} demande à réserver un espace de votre site.`];
    case 'request_reminder':
      return [
        `La demande de ${f.organisationName ?? 'une organisation'} attend toujours votre réponse ; sans réponse, elle expirera.`,
      ];
  }
}

export function bookingEmail(
  f: BookingMailFacts,
  from: string,
  publicUrl: string,
  messageId: string,
): Mail.Options {
  const forManager = f.status === 'request' || f.status === 'request_reminder';
  const ended = ENDINGS.has(f.status);
  const link = forManager
    ? `Répondre à la demande : ${publicUrl}/demandes`
    : ended
      ? `Vos réservations : ${publicUrl}/mes-reservations`
      : `Voir ou annuler la réservation : ${publicUrl}/mes-reservations?annuler=${f.bookingId}`;
  const text = [
    `Bonjour ${f.recipientName},`,
    '',
    ...opening(f),
    '',
    `« ${f.title} »`,
    `Espace : ${f.spaceName}`,
    `Lieu : ${f.siteName}, ${f.address}, ${f.postcode} ${f.commune}`,
    `Quand : ${when(f.start, f.end, f.timeZone)} (heure locale du site)`,
    `Participants : ${f.attendees}`,
    `Prix : ${f.priceCents === 0 ? 'gratuit (mécénat)' : formatMoney(f.priceCents)}`,
    ...(f.receipt ? [`Votre reçu n° ${f.receipt.number} est joint à ce message.`] : []),
    '',
    ...accessLines(f),
    link,
    '',
    'L’équipe Lieux Partagés — La Poste et l’économie sociale et solidaire',
  ].join('\n');
  const mail: Mail.Options = {
    from,
    to: { name: f.recipientName, address: f.recipientEmail },
    subject: `${SUBJECTS[f.status]} : ${f.spaceName}, ${formatDate(f.start, f.timeZone)}`,
    text,
    messageId,
  };
  if (forManager || f.status === 'reminder') return mail;
  const invite = bookingInvite(f, { name: 'Lieux Partagés', email: addressOf(from) });
  const method = ended ? 'CANCEL' : 'REQUEST';
  return {
    ...mail,
    ...(f.receipt && {
      attachments: [
        { filename: f.receipt.filename, content: f.receipt.content, contentType: 'application/pdf' },
      ],
    }),
    icalEvent: { method, filename: ended ? 'annulation.ics' : 'invitation.ics', content: invite },
  };
}

export function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from;
}
