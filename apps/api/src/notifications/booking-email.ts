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
 * `cancelled`, `rejected` and `expired` end it, `reminder` comes the day before, `request` and
 * `request_reminder` go to the site's managers about a request waiting for them.
 */
export type BookingMailKind =
  | 'confirmed'
  | 'pending'
  | 'cancelled'
  | 'rejected'
  | 'expired'
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
  /** The receipt of a paid booking, attached to its confirmation. */
  receipt?: { number: string; filename: string; content: Buffer } | null;
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

/**
 * The iCalendar part: the booking's id is its UID, so a later update or cancellation (METHOD:CANCEL with a
 * higher SEQUENCE) replaces the event in the recipient's calendar. An occurrence of a series was invited
 * as one date of the series' event: it is updated or cancelled as that date (its RECURRENCE-ID).
 */
export function bookingInvite(f: BookingMailFacts, organizer: { name: string; email: string }): string {
  const cancel = f.status === 'cancelled' || f.status === 'rejected' || f.status === 'expired';
  const cal = ical({
    prodId: { company: 'La Poste', product: 'Lieux Partagés', language: 'FR' },
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  const local = f.seriesId ? zoned(cal, f.timeZone, f.start, f.end) : null;
  cal.createEvent({
    ...(f.seriesId && local
      ? {
          id: seriesUid(f.seriesId),
          timezone: f.timeZone,
          start: local(f.start),
          end: local(f.end),
          recurrenceId: local(f.start),
        }
      : { id: `${f.bookingId}@${ICAL_DOMAIN}`, start: f.start, end: f.end }),
    sequence: f.sequence ?? 0,
    stamp: new Date(),
    status: cancel
      ? ICalEventStatus.CANCELLED
      : f.status === 'pending'
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
          : f.status === 'pending'
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
  cancelled: 'Réservation annulée',
  rejected: 'Demande de réservation refusée',
  expired: 'Demande de réservation expirée',
  reminder: 'Rappel de votre réservation de demain',
  request: 'Nouvelle demande à traiter',
  request_reminder: 'Demande en attente de réponse',
};

function opening(f: BookingMailFacts): string[] {
  const reason = f.reason ? [`Motif : ${f.reason}`] : [];
  switch (f.status) {
    case 'confirmed':
      return ['Votre réservation est confirmée.'];
    case 'pending':
      return [
        'Votre demande de réservation a bien été reçue. Le gestionnaire du site vous répondra rapidement ; le créneau vous est réservé en attendant.',
      ];
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
  const when = `${formatDate(f.start, f.timeZone)}, de ${formatTime(f.start, f.timeZone)} à ${formatTime(f.end, f.timeZone)}`;
  const forManager = f.status === 'request' || f.status === 'request_reminder';
  const ended = f.status === 'cancelled' || f.status === 'rejected' || f.status === 'expired';
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
    `Quand : ${when} (heure locale du site)`,
    `Participants : ${f.attendees}`,
    `Prix : ${f.priceCents === 0 ? 'gratuit (mécénat)' : formatMoney(f.priceCents)}`,
    ...(f.receipt ? [`Votre reçu n° ${f.receipt.number} est joint à ce message.`] : []),
    '',
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
