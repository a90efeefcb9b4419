import ical, { ICalCalendarMethod, ICalAttendeeRole, ICalAttendeeStatus } from 'ical-generator';
import type Mail from 'nodemailer/lib/mailer';
import { formatDate, formatMoney, formatTime } from '@lieux/scheduling';

export interface BookingMailFacts {
  bookingId: string;
  status: 'confirmed' | 'pending';
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
}

export const ICAL_DOMAIN = 'lieux-partages.fr';

/** The iCalendar invite: the booking's id is its UID, so later updates and cancellations replace it. */
export function bookingInvite(f: BookingMailFacts, organizer: { name: string; email: string }): string {
  const cal = ical({
    prodId: { company: 'La Poste', product: 'Lieux Partagés', language: 'FR' },
    method: ICalCalendarMethod.REQUEST,
  });
  cal.createEvent({
    id: `${f.bookingId}@${ICAL_DOMAIN}`,
    sequence: 0,
    start: f.start,
    end: f.end,
    stamp: new Date(),
    summary: `${f.title} — ${f.spaceName}`,
    location: `${f.siteName}, ${f.address}, ${f.postcode} ${f.commune}`,
    description: `Réservation Lieux Partagés : ${f.spaceName} (${f.siteName}), ${f.attendees} participant(s).`,
    organizer,
    attendees: [
      {
        email: f.recipientEmail,
        name: f.recipientName,
        role: ICalAttendeeRole.REQ,
        status: f.status === 'confirmed' ? ICalAttendeeStatus.ACCEPTED : ICalAttendeeStatus.TENTATIVE,
      },
    ],
  });
  return cal.toString();
}

export function bookingEmail(
  f: BookingMailFacts,
  from: string,
  publicUrl: string,
  messageId: string,
): Mail.Options {
  const when = `${formatDate(f.start, f.timeZone)}, de ${formatTime(f.start, f.timeZone)} à ${formatTime(f.end, f.timeZone)}`;
  const confirmed = f.status === 'confirmed';
  const subject = confirmed
    ? `Réservation confirmée : ${f.spaceName}, ${formatDate(f.start, f.timeZone)}`
    : `Demande de réservation reçue : ${f.spaceName}, ${formatDate(f.start, f.timeZone)}`;
  const text = [
    `Bonjour ${f.recipientName},`,
    '',
    confirmed
      ? 'Votre réservation est confirmée.'
      : 'Votre demande de réservation a bien été reçue. Le gestionnaire du site vous répondra rapidement ; le créneau vous est réservé en attendant.',
    '',
    `« ${f.title} »`,
    `Espace : ${f.spaceName}`,
    `Lieu : ${f.siteName}, ${f.address}, ${f.postcode} ${f.commune}`,
    `Quand : ${when} (heure locale du site)`,
    `Participants : ${f.attendees}`,
    `Prix : ${f.priceCents === 0 ? 'gratuit (mécénat)' : formatMoney(f.priceCents)}`,
    '',
    `Voir ou annuler la réservation : ${publicUrl}/reservations`,
    '',
    'L’équipe Lieux Partagés — La Poste et l’économie sociale et solidaire',
  ].join('\n');
  const invite = bookingInvite(f, { name: 'Lieux Partagés', email: addressOf(from) });
  return {
    from,
    to: { name: f.recipientName, address: f.recipientEmail },
    subject,
    text,
    messageId,
    icalEvent: { method: 'REQUEST', filename: 'invitation.ics', content: invite },
  };
}

function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from;
}
