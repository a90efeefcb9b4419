import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CalendarFeedKind } from '@lieux/contracts';

export interface StoredFeed {
  userId: string;
  kind: CalendarFeedKind;
  nonce: string;
  tokenHash: string;
  issuedAt: Date;
}

/** A booking as a feed shows it; `sequence` is the SEQUENCE its last invitation or update carried. */
export interface FeedBooking {
  id: string;
  status: string;
  title: string;
  attendees: number;
  start: Date;
  end: Date;
  seriesId: string | null;
  originalStart: Date | null;
  sequence: number;
  spaceName: string;
  siteName: string;
  address: string;
  postcode: string;
  commune: string;
  timeZone: string;
  organisationName: string;
  updatedAt: Date;
}

export interface FeedWindow {
  from: Date;
  to: Date;
}

/** The bookings and their places, for every feed: live ones, and the ended ones until their end. */
const SELECT_BOOKINGS = `
  SELECT b.id, b.status, b.title, b.attendees, lower(b.period) AS start_at, upper(b.period) AS end_at,
         b.series_id, b.original_start, b.updated_at, sp.name AS space_name, s.name AS site_name, s.address, s.postcode,
         s.commune, s.time_zone, o.name AS organisation_name,
         -- The invitation's SEQUENCE: 0 when booked, then the number of changes before the last one. A
         -- cancelled date of a series may have been cancelled with the series, above all its dates' changes.
         CASE WHEN b.series_id IS NOT NULL AND b.status IN ('cancelled', 'rejected', 'expired', 'released')
              THEN (SELECT coalesce(max(n), 0)::int + 1 FROM (
                      SELECT count(*) AS n FROM booking_history h JOIN bookings x ON x.id = h.booking_id
                       WHERE x.series_id = b.series_id GROUP BY h.booking_id) changes)
              ELSE greatest((SELECT count(*) FROM booking_history h WHERE h.booking_id = b.id) - 1, 0)::int
         END AS sequence
    FROM bookings b
    JOIN spaces sp ON sp.id = b.space_id
    JOIN sites s ON s.id = sp.site_id
    JOIN organisations o ON o.id = b.organisation_id`;

const IN_WINDOW = `b.period && tstzrange($2, $3)
  AND (b.status NOT IN ('cancelled', 'rejected', 'expired', 'released') OR upper(b.period) > now())`;

const rowOf = (r: Record<string, unknown>): FeedBooking => ({
  id: r.id as string,
  status: r.status as string,
  title: r.title as string,
  attendees: r.attendees as number,
  start: new Date(r.start_at as string),
  end: new Date(r.end_at as string),
  seriesId: (r.series_id as string | null) ?? null,
  originalStart: r.original_start ? new Date(r.original_start as string) : null,
  sequence: Number(r.sequence),
  spaceName: r.space_name as string,
  siteName: r.site_name as string,
  address: r.address as string,
  postcode: r.postcode as string,
  commune: r.commune as string,
  timeZone: r.time_zone as string,
  organisationName: r.organisation_name as string,
  updatedAt: new Date(r.updated_at as string),
});

/**
 * Calendar feeds: the secret links (their hashes), and the bookings each feed shows. The feeds read the
 * bookings, spaces, sites, organisations and role grants (the tables of the bookings, sites, organisations
 * and auth modules) in one statement each: a feed is a read of the calendar as it is.
 */
@Injectable()
export class CalendarFeedsRepository {
  constructor(private readonly db: DataSource) {}

  async feedsOf(userId: string): Promise<StoredFeed[]> {
    const rows = await this.db.query(
      `SELECT user_id, kind, nonce, token_hash, issued_at FROM calendar_feeds WHERE user_id = $1 ORDER BY kind`,
      [userId],
    );
    return rows.map(feedOf);
  }

  /** Makes the person's link of that kind unless they have one: the one standing is kept. */
  async ensure(userId: string, kind: CalendarFeedKind, nonce: string, tokenHash: string): Promise<void> {
    await this.db.query(
      `INSERT INTO calendar_feeds (user_id, kind, nonce, token_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, kind) DO NOTHING`,
      [userId, kind, nonce, tokenHash],
    );
  }

  /** A new link for the person's feed of that kind: the old one is unknown from now on. */
  async replace(
    userId: string,
    kind: CalendarFeedKind,
    nonce: string,
    tokenHash: string,
  ): Promise<StoredFeed> {
    const [row] = await this.db.query(
      `INSERT INTO calendar_feeds (user_id, kind, nonce, token_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, kind) DO UPDATE SET nonce = $3, token_hash = $4, issued_at = now()
       RETURNING user_id, kind, nonce, token_hash, issued_at`,
      [userId, kind, nonce, tokenHash],
    );
    return feedOf(row);
  }

  /** The feed a token opens, for an active account; null for an unknown or replaced token. */
  async byTokenHash(tokenHash: string): Promise<{ userId: string; kind: CalendarFeedKind } | null> {
    const [row] = await this.db.query(
      `SELECT f.user_id, f.kind FROM calendar_feeds f JOIN users u ON u.id = f.user_id
        WHERE f.token_hash = $1 AND u.deactivated_at IS NULL`,
      [tokenHash],
    );
    return row ? { userId: row.user_id, kind: row.kind } : null;
  }

  /** The organisations a person books for now (member or organisation admin), with their names. */
  async organisationsOf(userId: string): Promise<{ id: string; name: string }[]> {
    return this.db.query(
      `SELECT DISTINCT o.id, o.name FROM role_grants g JOIN organisations o ON o.id = g.organisation_id
        WHERE g.user_id = $1 AND g.role IN ('member', 'org_admin') ORDER BY o.name, o.id`,
      [userId],
    );
  }

  /** The sites a person manages now. */
  async sitesOf(userId: string): Promise<{ id: string; name: string }[]> {
    return this.db.query(
      `SELECT DISTINCT s.id, s.name FROM role_grants g JOIN sites s ON s.id = g.site_id
        WHERE g.user_id = $1 AND g.role = 'site_manager' ORDER BY s.name, s.id`,
      [userId],
    );
  }

  async organisationBookings(organisationIds: string[], w: FeedWindow): Promise<FeedBooking[]> {
    const rows = await this.db.query(
      `${SELECT_BOOKINGS} WHERE b.organisation_id = ANY($1::uuid[]) AND ${IN_WINDOW}
        ORDER BY lower(b.period), b.id`,
      [organisationIds, w.from, w.to],
    );
    return rows.map(rowOf);
  }

  async siteBookings(siteIds: string[], w: FeedWindow): Promise<FeedBooking[]> {
    const rows = await this.db.query(
      `${SELECT_BOOKINGS} WHERE sp.site_id = ANY($1::uuid[]) AND ${IN_WINDOW}
        ORDER BY lower(b.period), b.id`,
      [siteIds, w.from, w.to],
    );
    return rows.map(rowOf);
  }

  /** A published space with its site's address, or null. */
  async publishedSpace(spaceId: string): Promise<{
    name: string;
    siteName: string;
    address: string;
    postcode: string;
    commune: string;
    timeZone: string;
  } | null> {
    const [row] = await this.db.query(
      `SELECT sp.name, s.name AS site_name, s.address, s.postcode, s.commune, s.time_zone
         FROM spaces sp JOIN sites s ON s.id = sp.site_id WHERE sp.id = $1 AND sp.status = 'published'`,
      [spaceId],
    );
    return row
      ? {
          name: row.name,
          siteName: row.site_name,
          address: row.address,
          postcode: row.postcode,
          commune: row.commune,
          timeZone: row.time_zone,
        }
      : null;
  }

  /** The periods a space is held (requests and confirmed bookings), nothing else about them. */
  async busyBlocks(
    spaceId: string,
    w: FeedWindow,
  ): Promise<{ id: string; start: Date; end: Date; updatedAt: Date }[]> {
    const rows = await this.db.query(
      `SELECT b.id, lower(b.period) AS start_at, upper(b.period) AS end_at, b.updated_at FROM bookings b
        WHERE b.space_id = $1 AND b.status IN ('pending', 'confirmed', 'completed', 'no_show')
          AND b.period && tstzrange($2, $3)
        ORDER BY lower(b.period), b.id`,
      [spaceId, w.from, w.to],
    );
    return rows.map((r: Record<string, string>) => ({
      id: r.id,
      start: new Date(r.start_at),
      end: new Date(r.end_at),
      updatedAt: new Date(r.updated_at),
    }));
  }
}

function feedOf(r: Record<string, unknown>): StoredFeed {
  return {
    userId: r.user_id as string,
    kind: r.kind as CalendarFeedKind,
    nonce: r.nonce as string,
    tokenHash: r.token_hash as string,
    issuedAt: new Date(r.issued_at as string),
  };
}
