import { createHash } from 'node:crypto';
import ical, { ICalEventBusyStatus, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { ICAL_DOMAIN, seriesUid } from '../notifications/booking-email';
import type { FeedBooking } from './calendar-feeds.repository';

const PROD_ID = { company: 'La Poste', product: 'Lieux Partagés', language: 'FR' };

const ENDED = new Set(['cancelled', 'rejected', 'expired', 'released']);

/** The place as the invitations write it. */
const where = (b: { siteName: string; address: string; postcode: string; commune: string }) =>
  `${b.siteName}, ${b.address}, ${b.postcode} ${b.commune}`;

const statusOf = (status: string) =>
  ENDED.has(status)
    ? ICalEventStatus.CANCELLED
    : status === 'pending'
      ? ICalEventStatus.TENTATIVE
      : ICalEventStatus.CONFIRMED;

/** iCalendar's UTC DATE-TIME: `20260303T133000Z`. */
const utc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/**
 * A private feed: each booking under the UID its e-mail invitation used (`<id>@lieux-partages.fr`), and
 * each date of a series as an instance of the series' event (`series-<id>@…`, RECURRENCE-ID the start it
 * was invited at), so that a calendar holding the invitation and the feed keeps one event. SEQUENCE is the
 * one of the last invitation or update, the summary and location are the invitation's. A series is written
 * as a main event whose dates are listed (RDATE: the feed shows a window, not the whole rule), each date
 * then given as it is. Everything is in UTC.
 */
export function privateFeed(name: string, bookings: FeedBooking[], withOrganisation: boolean): string {
  const cal = ical({ prodId: PROD_ID, name, ttl: 3600 });
  const describe = (b: FeedBooking) =>
    [
      `Réservation Lieux Partagés : ${b.spaceName} (${b.siteName}), ${b.attendees} participant(s).`,
      ...(withOrganisation ? [`Organisation : ${b.organisationName}`] : []),
    ].join('\n');
  const event = (b: FeedBooking) => ({
    sequence: b.sequence,
    stamp: b.updatedAt,
    lastModified: b.updatedAt,
    start: b.start,
    end: b.end,
    status: statusOf(b.status),
    summary: `${b.title} — ${b.spaceName}`,
    location: where(b),
    description: describe(b),
  });
  const series = new Map<string, FeedBooking[]>();
  for (const b of bookings) {
    if (!b.seriesId) {
      cal.createEvent({ ...event(b), id: `${b.id}@${ICAL_DOMAIN}` });
      continue;
    }
    series.set(b.seriesId, [...(series.get(b.seriesId) ?? []), b]);
  }
  for (const [seriesId, dates] of series) {
    const invitedAt = (b: FeedBooking) => b.originalStart ?? b.start;
    dates.sort((x, y) => invitedAt(x).getTime() - invitedAt(y).getTime());
    const first = dates[0];
    // Every date is listed, the first too: RFC 5545 counts DTSTART in anyway, and ical.js expands RDATE
    // without it otherwise.
    const all = dates.map((b) => utc(invitedAt(b)));
    const id = seriesUid(seriesId);
    cal.createEvent({
      ...event(first),
      id,
      sequence: Math.max(...dates.map((d) => d.sequence)),
      start: invitedAt(first),
      end: new Date(invitedAt(first).getTime() + first.end.getTime() - first.start.getTime()),
      // Two lines, so that the library writes them as they are (one line alone would be taken for a rule).
      ...(all.length > 1 && {
        repeating: [`RDATE:${all[0]}`, `RDATE:${all.slice(1).join(',')}`].join('\r\n'),
      }),
    });
    for (const b of dates) cal.createEvent({ ...event(b), id, recurrenceId: invitedAt(b) });
  }
  return cal.toString();
}

/**
 * A space's public busy feed: when it is held, nothing about by whom or for what. Its UIDs are not the
 * bookings' (`busy-<hash>@…`): they must not merge with anybody's own events.
 */
export function busyFeed(
  space: { name: string; siteName: string; address: string; postcode: string; commune: string },
  blocks: { id: string; start: Date; end: Date; updatedAt: Date }[],
): string {
  const cal = ical({ prodId: PROD_ID, name: `${space.name} (${space.siteName}) — occupé`, ttl: 3600 });
  for (const b of blocks) {
    cal.createEvent({
      id: `busy-${createHash('sha256').update(b.id).digest('hex').slice(0, 32)}@${ICAL_DOMAIN}`,
      stamp: b.updatedAt,
      start: b.start,
      end: b.end,
      summary: 'Occupé',
      location: where(space),
      transparency: ICalEventTransparency.OPAQUE,
      busystatus: ICalEventBusyStatus.BUSY,
    });
  }
  return cal.toString();
}

/** A strong validator of a feed's bytes. */
export const etagOf = (body: string) =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/** Whether an If-None-Match header names this ETag (or `*`), weak or strong. */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}
