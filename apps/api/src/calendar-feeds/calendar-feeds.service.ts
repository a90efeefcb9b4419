import { Inject, Injectable } from '@nestjs/common';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { CalendarFeed, CalendarFeedKind, CalendarFeedList } from '@lieux/contracts';
import type { Caller } from '../auth/current-user';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DomainException } from '../http/domain.exception';
import { busyFeed, privateFeed } from './calendar-feed-ics';
import { CalendarFeedsRepository, type FeedWindow, type StoredFeed } from './calendar-feeds.repository';

const DAY = 86_400_000;
/** What a feed shows: the past 30 days (what just happened) and the year ahead. */
export const FEED_PAST_DAYS = 30;
export const FEED_FUTURE_DAYS = 365;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Calendar subscriptions. A link's token is an HMAC of the person, the kind of feed and a random nonce under
 * the server's secret: only its hash is stored (the lookup), the person sees their link again by deriving
 * it, and a new nonce (rotation) makes the old link unknown. A feed reads the person's rights when it is
 * fetched: somebody who left the organisation or no longer manages a site sees nothing through an old link.
 */
@Injectable()
export class CalendarFeedsService {
  constructor(
    private readonly feeds: CalendarFeedsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(caller: Caller): Promise<CalendarFeedList> {
    const kinds = await this.kindsOf(caller.userId);
    const stored = new Map((await this.feeds.feedsOf(caller.userId)).map((f) => [f.kind, f]));
    const out: CalendarFeed[] = [];
    for (const kind of kinds) {
      let feed = stored.get(kind);
      if (!feed) {
        const nonce = randomBytes(16).toString('base64url');
        await this.feeds.ensure(caller.userId, kind, nonce, sha256(this.token(caller.userId, kind, nonce)));
        feed = (await this.feeds.feedsOf(caller.userId)).find((f) => f.kind === kind);
      } else if (sha256(this.token(caller.userId, kind, feed.nonce)) !== feed.tokenHash) {
        // The server's secret changed: the link shown could not be derived again, a new one replaces it.
        feed = await this.issue(caller.userId, kind);
      }
      if (feed) out.push(this.describe(feed));
    }
    return { feeds: out };
  }

  async rotate(caller: Caller, kind: CalendarFeedKind): Promise<CalendarFeed> {
    if (!(await this.kindsOf(caller.userId)).includes(kind)) {
      throw new DomainException('NOT_FOUND', 404, 'NOT_FOUND.calendarFeed');
    }
    return this.describe(await this.issue(caller.userId, kind));
  }

  /** The feed a secret link opens, as iCalendar text; 404 for an unknown or replaced link. */
  async feed(token: string): Promise<string> {
    const notFound = () => new DomainException('NOT_FOUND', 404, 'NOT_FOUND.calendarFeed');
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw notFound();
    const feed = await this.feeds.byTokenHash(sha256(token));
    if (!feed) throw notFound();
    const window = feedWindow(Date.now());
    if (feed.kind === 'organisation') {
      const organisations = await this.feeds.organisationsOf(feed.userId);
      if (organisations.length === 0) throw notFound();
      const bookings = await this.feeds.organisationBookings(
        organisations.map((o) => o.id),
        window,
      );
      return privateFeed(
        `Réservations — ${organisations.map((o) => o.name).join(', ')}`,
        bookings,
        organisations.length > 1,
      );
    }
    const sites = await this.feeds.sitesOf(feed.userId);
    if (sites.length === 0) throw notFound();
    const bookings = await this.feeds.siteBookings(
      sites.map((s) => s.id),
      window,
    );
    return privateFeed(`Réservations — ${sites.map((s) => s.name).join(', ')}`, bookings, true);
  }

  /** A published space's busy blocks. */
  async busy(spaceId: string): Promise<string> {
    const space = await this.feeds.publishedSpace(spaceId);
    if (!space) throw new DomainException('NOT_FOUND', 404, 'NOT_FOUND.space');
    return busyFeed(space, await this.feeds.busyBlocks(spaceId, feedWindow(Date.now())));
  }

  private async kindsOf(userId: string): Promise<CalendarFeedKind[]> {
    const [organisations, sites] = await Promise.all([
      this.feeds.organisationsOf(userId),
      this.feeds.sitesOf(userId),
    ]);
    return [
      ...(organisations.length > 0 ? (['organisation'] as const) : []),
      ...(sites.length > 0 ? (['sites'] as const) : []),
    ];
  }

  private issue(userId: string, kind: CalendarFeedKind): Promise<StoredFeed> {
    const nonce = randomBytes(16).toString('base64url');
    return this.feeds.replace(userId, kind, nonce, sha256(this.token(userId, kind, nonce)));
  }

  private token(userId: string, kind: CalendarFeedKind, nonce: string): string {
    return createHmac('sha256', this.config.jwtSecret)
      .update(`calendar-feed:${userId}:${kind}:${nonce}`)
      .digest('base64url');
  }

  private describe(feed: StoredFeed): CalendarFeed {
    const url = `${this.config.publicUrl}/api/v1/calendars/${this.token(feed.userId, feed.kind, feed.nonce)}.ics`;
    return {
      kind: feed.kind,
      url,
      webcalUrl: url.replace(/^https?:\/\//, 'webcal://'),
      issuedAt: feed.issuedAt.toISOString(),
    };
  }
}

export function feedWindow(now: number): FeedWindow {
  return { from: new Date(now - FEED_PAST_DAYS * DAY), to: new Date(now + FEED_FUTURE_DAYS * DAY) };
}
