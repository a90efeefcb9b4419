import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import type Mail from 'nodemailer/lib/mailer';
import { describeSeries, formatDate, formatTime } from '@lieux/scheduling';
import { seriesUid, zoned } from './booking-email';
import { calendarName } from './calendar-name';
import type { MailFactsRepository, SeriesFacts } from './mail-facts.repository';
import { icsLocal } from './vtimezone';

/**
 * French e-mails for recurring bookings and waiting-list offers. A series' dates come from its event (what
 * was booked, refused or cancelled then); names and addresses are read at delivery.
 */

const SIGNATURE = 'L’équipe Lieux Partagés — La Poste et l’économie sociale et solidaire';

export interface OutgoingMail {
  recipient: string;
  build(messageId: string): Omit<Mail.Options, 'from' | 'messageId'>;
}

const when = (start: Date, end: Date, tz: string) =>
  `${formatDate(start, tz)}, de ${formatTime(start, tz)} à ${formatTime(end, tz)}`;

/** A date of a series as the event that changed it saw it. */
export interface SeriesDate {
  start: string;
  end: string;
  /** A cancelled date that had been moved: where the series first put it, its RECURRENCE-ID. */
  invitedAt?: string;
}

/**
 * What a series' outbox events carry: the dates as they were when the series was booked or cancelled, so
 * that the e-mail describes that change, not what the series has become by the time the job runs.
 */
export interface SeriesEventPayload {
  seriesId: string;
  /** series.created: what its bookings were made as, `pending` (awaiting approval) or `confirmed`. */
  status?: string;
  /** series.created: the booked dates, and the refused ones (left out of the calendar). */
  booked?: SeriesDate[];
  refused?: SeriesDate[];
  /** series.cancelled: the dates cancelled, and whether nothing of the series is left. */
  cancelled?: SeriesDate[];
  whole?: boolean;
  sequence?: number;
  reason?: string | null;
}

/** iCalendar's UTC DATE-TIME, as UNTIL takes it when DTSTART has a time zone. */
const utc = (iso: string) =>
  new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

const calendarOf = (method: ICalCalendarMethod) =>
  ical({ prodId: { company: 'La Poste', product: 'Lieux Partagés', language: 'FR' }, method });

export async function seriesCreatedMails(
  facts: MailFactsRepository,
  event: SeriesEventPayload,
  url: string,
  organizer: { name: string; email: string },
): Promise<OutgoingMail[]> {
  const seriesId = event.seriesId;
  const s = await facts.series(seriesId);
  if (!s) return [];
  // Events written before the dates travelled with them read the bookings as they are now.
  const booked: (SeriesDate & { status?: string })[] =
    event.booked ??
    (await facts.seriesBookings(seriesId)).map((b) => ({
      start: new Date(b.start_at).toISOString(),
      end: new Date(b.end_at).toISOString(),
      status: b.status,
    }));
  if (booked.length === 0) return [];
  const refused = event.refused ?? [];
  const tz = s.time_zone;
  const summary = describeSeries({
    firstStart: new Date(s.first_start).getTime(),
    firstEnd: new Date(s.first_end).getTime(),
    rrule: s.rrule,
    timeZone: tz,
  });
  const pending = event.status === 'pending';
  const lines = [
    `Bonjour ${s.display_name},`,
    '',
    pending
      ? `Votre demande de réservation récurrente a bien été reçue : ${booked.length} créneau(x) vous sont réservés en attendant la réponse du gestionnaire.`
      : `Votre réservation récurrente est confirmée : ${booked.length} créneau(x) réservé(s).`,
    '',
    `« ${s.title} »`,
    `Espace : ${s.space_name}`,
    `Lieu : ${s.site_name}, ${s.address}, ${s.postcode} ${s.commune}`,
    `Répétition : ${summary} (heure locale du site)`,
    '',
    'Créneaux réservés :',
    ...booked.map((b) => `- ${when(new Date(b.start), new Date(b.end), tz)}`),
    ...(refused.length > 0
      ? ['', 'Non réservés :', ...refused.map((r) => `- ${when(new Date(r.start), new Date(r.end), tz)}`)]
      : []),
    '',
    `Voir ou annuler la série : ${url}/series/${seriesId}`,
    '',
    SIGNATURE,
  ];
  // One event for the whole series, as calendars import it: the rule up to the last booked date, in the
  // site's zone, with the dates not booked excluded. Each date can later be updated or cancelled on its own
  // (RECURRENCE-ID), and the series as a whole (METHOD:CANCEL with this UID).
  const first = new Date(s.first_start);
  const last = booked[booked.length - 1].start;
  const cal = calendarOf(ICalCalendarMethod.REQUEST);
  const local = zoned(cal, tz, first, new Date(last));
  const rule = s.rrule
    .split(';')
    .filter((part) => !/^(COUNT|UNTIL)=/.test(part))
    .concat(`UNTIL=${utc(last)}`)
    .join(';');
  const excluded = refused.filter((r) => r.start <= last);
  cal.createEvent({
    id: seriesUid(seriesId),
    sequence: 0,
    timezone: tz,
    start: local(first),
    end: local(new Date(s.first_end)),
    stamp: new Date(),
    // Given as text, the series' own rule passes as it is; its excluded dates follow it, in the site's zone.
    repeating: [
      `RRULE:${rule}`,
      ...(excluded.length > 0
        ? [`EXDATE;TZID=${tz}:${excluded.map((r) => icsLocal(local(new Date(r.start)))).join(',')}`]
        : []),
    ].join('\r\n'),
    status: pending ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    ...seriesEventParties(s, organizer, pending ? ICalAttendeeStatus.TENTATIVE : ICalAttendeeStatus.ACCEPTED),
  });
  const ics = cal.toString();
  return [
    {
      recipient: s.email,
      build: () => ({
        to: { name: s.display_name, address: s.email },
        subject: `Série de réservations : ${s.space_name}, ${summary}`,
        text: lines.join('\n'),
        icalEvent: { method: 'REQUEST', filename: 'invitation.ics', content: ics },
      }),
    },
  ];
}

/** What the invitation and the cancellation of one series both say: its title, its place and who. */
function seriesEventParties(
  s: SeriesFacts,
  organizer: { name: string; email: string },
  status: ICalAttendeeStatus,
) {
  return {
    summary: `${s.title} — ${s.space_name}`,
    location: `${s.site_name}, ${s.address}, ${s.postcode} ${s.commune}`,
    organizer: { ...organizer, name: calendarName(organizer.name) },
    attendees: [{ email: s.email, name: calendarName(s.display_name), role: ICalAttendeeRole.REQ, status }],
  };
}

/**
 * The cancellation of a series: METHOD:CANCEL for the series' UID, with a higher SEQUENCE; the whole event
 * when nothing of the series is left, otherwise each cancelled date by its RECURRENCE-ID (the past ones stay).
 */
export async function seriesCancelledMails(
  facts: MailFactsRepository,
  event: SeriesEventPayload,
  url: string,
  organizer: { name: string; email: string },
): Promise<OutgoingMail[]> {
  const s = await facts.series(event.seriesId);
  const cancelled = event.cancelled ?? [];
  if (!s || cancelled.length === 0) return [];
  const tz = s.time_zone;
  const first = new Date(s.first_start);
  const cal = calendarOf(ICalCalendarMethod.CANCEL);
  // A moved date may lie past the last one the series put, or its invited date past where it now is.
  const last = Math.max(...cancelled.flatMap((c) => [Date.parse(c.end), Date.parse(c.invitedAt ?? c.end)]));
  const local = zoned(cal, tz, first, new Date(last));
  const common = {
    id: seriesUid(event.seriesId),
    sequence: event.sequence ?? 1,
    timezone: tz,
    stamp: new Date(),
    status: ICalEventStatus.CANCELLED,
    ...seriesEventParties(s, organizer, ICalAttendeeStatus.DECLINED),
  };
  if (event.whole) {
    cal.createEvent({ ...common, start: local(first), end: local(new Date(s.first_end)) });
  } else {
    for (const c of cancelled) {
      const start = local(new Date(c.start));
      cal.createEvent({
        ...common,
        start,
        end: local(new Date(c.end)),
        recurrenceId: c.invitedAt ? local(new Date(c.invitedAt)) : start,
      });
    }
  }
  const text = [
    `Bonjour ${s.display_name},`,
    '',
    `Votre série de réservations est annulée : ${cancelled.length} créneau(x) à venir annulé(s).`,
    ...(event.reason ? [`Motif : ${event.reason}`] : []),
    '',
    `« ${s.title} »`,
    `Espace : ${s.space_name}`,
    `Lieu : ${s.site_name}, ${s.address}, ${s.postcode} ${s.commune}`,
    '',
    'Créneaux annulés :',
    ...cancelled.map((c) => `- ${when(new Date(c.start), new Date(c.end), tz)}`),
    '',
    `Vos réservations : ${url}/mes-reservations`,
    '',
    SIGNATURE,
  ].join('\n');
  return [
    {
      recipient: s.email,
      build: () => ({
        to: { name: s.display_name, address: s.email },
        subject: `Série de réservations annulée : ${s.space_name}`,
        text,
        icalEvent: { method: 'CANCEL', filename: 'annulation.ics', content: cal.toString() },
      }),
    },
  ];
}

export async function waitlistOfferMails(
  facts: MailFactsRepository,
  entryId: string,
  url: string,
): Promise<OutgoingMail[]> {
  const e = await facts.waitlistOffer(entryId);
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
