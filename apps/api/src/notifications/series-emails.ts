import ical, { ICalCalendarMethod } from 'ical-generator';
import type { DataSource } from 'typeorm';
import type Mail from 'nodemailer/lib/mailer';
import { describeSeries, formatDate, formatTime } from '@lieux/scheduling';
import { ICAL_DOMAIN } from './booking-email';

/** French e-mails for recurring bookings and waiting-list offers, written from the database at delivery. */

const SIGNATURE = 'L’équipe Lieux Partagés — La Poste et l’économie sociale et solidaire';

export interface OutgoingMail {
  recipient: string;
  build(messageId: string): Omit<Mail.Options, 'from' | 'messageId'>;
}

const when = (start: Date, end: Date, tz: string) =>
  `${formatDate(start, tz)}, de ${formatTime(start, tz)} à ${formatTime(end, tz)}`;

export async function seriesCreatedMails(
  db: DataSource,
  seriesId: string,
  url: string,
): Promise<OutgoingMail[]> {
  const [s] = await db.query(
    `SELECT se.rrule, se.time_zone, se.title, lower(se.first_period) AS first_start, upper(se.first_period) AS first_end,
            sp.name AS space_name, si.name AS site_name, si.address, si.postcode, si.commune, u.email, u.display_name
       FROM booking_series se JOIN spaces sp ON sp.id = se.space_id JOIN sites si ON si.id = sp.site_id
       JOIN users u ON u.id = se.created_by WHERE se.id = $1`,
    [seriesId],
  );
  if (!s) return [];
  const bookings: { id: string; start_at: Date; end_at: Date; status: string }[] = await db.query(
    `SELECT id, lower(period) AS start_at, upper(period) AS end_at, status FROM bookings
      WHERE series_id = $1 AND status IN ('pending', 'confirmed') ORDER BY lower(period)`,
    [seriesId],
  );
  const tz = s.time_zone;
  const summary = describeSeries({
    firstStart: new Date(s.first_start).getTime(),
    firstEnd: new Date(s.first_end).getTime(),
    rrule: s.rrule,
    timeZone: tz,
  });
  const pending = bookings.some((b) => b.status === 'pending');
  const lines = [
    `Bonjour ${s.display_name},`,
    '',
    pending
      ? `Votre demande de réservation récurrente a bien été reçue : ${bookings.length} créneau(x) vous sont réservés en attendant la réponse du gestionnaire.`
      : `Votre réservation récurrente est confirmée : ${bookings.length} créneau(x) réservé(s).`,
    '',
    `« ${s.title} »`,
    `Espace : ${s.space_name}`,
    `Lieu : ${s.site_name}, ${s.address}, ${s.postcode} ${s.commune}`,
    `Répétition : ${summary} (heure locale du site)`,
    '',
    'Créneaux réservés :',
    ...bookings.map((b) => `- ${when(new Date(b.start_at), new Date(b.end_at), tz)}`),
    '',
    `Voir ou annuler la série : ${url}/series/${seriesId}`,
    '',
    SIGNATURE,
  ];
  // One event per booked date, each with its booking's id as UID: cancelling one date later (METHOD:CANCEL
  // with that UID) removes just that one from the calendar.
  const cal = ical({
    prodId: { company: 'La Poste', product: 'Lieux Partagés', language: 'FR' },
    method: ICalCalendarMethod.REQUEST,
  });
  for (const b of bookings) {
    cal.createEvent({
      id: `${b.id}@${ICAL_DOMAIN}`,
      sequence: 0,
      start: new Date(b.start_at),
      end: new Date(b.end_at),
      stamp: new Date(),
      summary: `${s.title} — ${s.space_name}`,
      location: `${s.site_name}, ${s.address}, ${s.postcode} ${s.commune}`,
    });
  }
  return [
    {
      recipient: s.email,
      build: () => ({
        to: { name: s.display_name, address: s.email },
        subject: `Série de réservations : ${s.space_name}, ${summary}`,
        text: lines.join('\n'),
        icalEvent: { method: 'REQUEST', filename: 'invitation.ics', content: cal.toString() },
      }),
    },
  ];
}

export async function waitlistOfferMails(
  db: DataSource,
  entryId: string,
  url: string,
): Promise<OutgoingMail[]> {
  const [e] = await db.query(
    `SELECT w.status, w.title, lower(w.period) AS start_at, upper(w.period) AS end_at, w.offer_expires_at,
            sp.name AS space_name, si.name AS site_name, si.address, si.postcode, si.commune, si.time_zone,
            u.email, u.display_name
       FROM waitlist_entries w JOIN spaces sp ON sp.id = w.space_id JOIN sites si ON si.id = sp.site_id
       JOIN users u ON u.id = w.user_id WHERE w.id = $1`,
    [entryId],
  );
  // Declined or withdrawn before the e-mail left: nothing to offer any more.
  if (!e || e.status !== 'offered') return [];
  const tz = e.time_zone;
  const deadline = new Date(e.offer_expires_at);
  return [
    {
      recipient: e.email,
      build: () => ({
        to: { name: e.display_name, address: e.email },
        subject: `Un créneau s’est libéré : ${e.space_name}, ${formatDate(new Date(e.start_at), tz)}`,
        text: [
          `Bonjour ${e.display_name},`,
          '',
          'Le créneau que vous attendiez vient de se libérer, et vous êtes le premier sur la liste d’attente.',
          '',
          `« ${e.title} »`,
          `Espace : ${e.space_name}`,
          `Lieu : ${e.site_name}, ${e.address}, ${e.postcode} ${e.commune}`,
          `Quand : ${when(new Date(e.start_at), new Date(e.end_at), tz)} (heure locale du site)`,
          '',
          `Pour le réserver, acceptez l’offre avant le ${formatDate(deadline, tz)} à ${formatTime(deadline, tz)} :`,
          `${url}/liste-attente/${entryId}`,
          '',
          'Passé ce délai, le créneau sera proposé à la personne suivante.',
          '',
          SIGNATURE,
        ].join('\n'),
      }),
    },
  ];
}
