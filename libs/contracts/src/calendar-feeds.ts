import { z, Uuid } from './common';

/**
 * Calendar subscriptions (iCalendar feeds a calendar app reads by itself): a member's organisation's
 * bookings, a site manager's sites' bookings, each behind its own secret link; a space's busy blocks for
 * anyone (no names, no organisation).
 */
export const CALENDAR_FEED_KINDS = ['organisation', 'sites'] as const;
export const CalendarFeedKind = z.enum(CALENDAR_FEED_KINDS);
export type CalendarFeedKind = z.infer<typeof CalendarFeedKind>;

export const CalendarFeed = z
  .object({
    kind: CalendarFeedKind,
    /** The secret link over HTTPS (or HTTP on a local installation): whoever holds it reads the feed. */
    url: z.url(),
    /** The same link as `webcal://`, which calendar apps open as a subscription. */
    webcalUrl: z.string(),
    /** When the link was made (or last replaced by a new one). */
    issuedAt: z.iso.datetime({ offset: true }),
  })
  .openapi('CalendarFeed');
export type CalendarFeed = z.infer<typeof CalendarFeed>;

export const CalendarFeedList = z.object({ feeds: z.array(CalendarFeed) }).openapi('CalendarFeedList');
export type CalendarFeedList = z.infer<typeof CalendarFeedList>;

export const CalendarFeedParams = z.object({ kind: CalendarFeedKind });
/** A feed’s secret (43 base64url characters); anything else is simply not found. */
export const CalendarTokenParams = z.object({ token: z.string().max(200) });
export const SpaceCalendarParams = z.object({ id: Uuid });
