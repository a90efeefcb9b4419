import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { coalesce } from '../database/coalesce';

/** Someone to write to. */
export interface Addressee {
  email: string;
  display_name: string;
}

export interface BookingFactsRow extends Addressee {
  id: string;
  series_id: string | null;
  original_start: Date | null;
  status: string;
  organisation_name: string;
  cancellation_reason: string | null;
  rejection_reason: string | null;
  late_cancellation: boolean;
  site_id: string;
  title: string;
  attendees: number;
  start_at: Date;
  end_at: Date;
  price_cents: number;
  space_name: string;
  site_name: string;
  address: string;
  postcode: string;
  commune: string;
  time_zone: string;
  access_floor: string;
  access_entrance: string;
  access_method: string | null;
  access_instructions: string;
  access_notes: string;
  contact_name: string;
  contact_phone: string;
  contact_email: string;
  /** Whether the booking has a receipt (a paid one confirmed): a free booking's e-mail reads none. */
  has_receipt: boolean;
}

export interface SeriesFacts extends Addressee {
  rrule: string;
  time_zone: string;
  title: string;
  first_start: Date;
  first_end: Date;
  space_name: string;
  site_name: string;
  address: string;
  postcode: string;
  commune: string;
}

export interface WaitlistOfferFacts extends Addressee {
  status: string;
  title: string;
  start_at: Date;
  end_at: Date;
  offer_expires_at: Date;
  space_name: string;
  site_name: string;
  address: string;
  postcode: string;
  commune: string;
  time_zone: string;
}

/**
 * What an e-mail says, read when it is written from the tables of the modules that sent its event
 * (accounts, organisations, sites, bookings). Read-only, and here rather than behind those modules'
 * services: they all depend on notifications (they append to its outbox), so it cannot depend on them.
 */
@Injectable()
export class MailFactsRepository {
  constructor(private readonly db: DataSource) {}

  async link(
    linkId: string,
  ): Promise<{ email: string; display_name: string | null; organisation: string | null } | undefined> {
    const [link] = await this.db.query(
      `SELECT l.email, u.display_name, o.name AS organisation FROM user_links l
         LEFT JOIN users u ON u.id = l.user_id LEFT JOIN organisations o ON o.id = l.organisation_id WHERE l.id = $1`,
      [linkId],
    );
    return link;
  }

  async user(userId: string): Promise<Addressee | undefined> {
    const [u] = await this.db.query(`SELECT email, display_name FROM users WHERE id = $1`, [userId]);
    return u;
  }

  async organisation(
    organisationId: string,
  ): Promise<{ name: string; verification_reason: string | null } | undefined> {
    const [o] = await this.db.query(`SELECT name, verification_reason FROM organisations WHERE id = $1`, [
      organisationId,
    ]);
    return o;
  }

  organisationAdmins(organisationId: string): Promise<Addressee[]> {
    return this.db.query(
      `SELECT u.email, u.display_name FROM users u JOIN role_grants g ON g.user_id = u.id
        WHERE g.organisation_id = $1 AND g.role = 'org_admin'`,
      [organisationId],
    );
  }

  siteManagers(siteId: string): Promise<Addressee[]> {
    return this.db.query(
      `SELECT DISTINCT u.email, u.display_name FROM users u JOIN role_grants g ON g.user_id = u.id
        WHERE g.role = 'site_manager' AND g.site_id = $1 ORDER BY u.email`,
      [siteId],
    );
  }

  /**
   * A booking with its place and organisation, as it is now (the booker's address is null once their
   * account is gone); the concurrent jobs of a worker read theirs together.
   */
  booking(bookingId: string): Promise<BookingFactsRow | undefined> {
    return this.bookings(bookingId);
  }

  private readonly bookings = coalesce(async (ids: string[]) => {
    const rows: BookingFactsRow[] = await this.db.query(
      `SELECT b.id, b.series_id, b.original_start, b.status, b.title, b.attendees, lower(b.period) AS start_at, upper(b.period) AS end_at, b.price_cents,
              b.cancellation_reason, b.rejection_reason, b.late_cancellation, o.name AS organisation_name,
              sp.name AS space_name, s.id AS site_id, s.name AS site_name, s.address, s.postcode, s.commune, s.time_zone,
              sp.access_floor, sp.access_entrance, sp.access_method, sp.access_instructions, s.access_notes,
              s.contact_name, s.contact_phone, s.contact_email, u.email, u.display_name,
              EXISTS (SELECT 1 FROM receipts r WHERE r.booking_id = b.id) AS has_receipt
         FROM bookings b JOIN spaces sp ON sp.id = b.space_id JOIN sites s ON s.id = sp.site_id
         JOIN organisations o ON o.id = b.organisation_id
         LEFT JOIN users u ON u.id = b.booked_by
        WHERE b.id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id));
  });

  async series(seriesId: string): Promise<SeriesFacts | undefined> {
    const [s] = await this.db.query(
      `SELECT se.rrule, se.time_zone, se.title, lower(se.first_period) AS first_start, upper(se.first_period) AS first_end,
              sp.name AS space_name, si.name AS site_name, si.address, si.postcode, si.commune, u.email, u.display_name
         FROM booking_series se JOIN spaces sp ON sp.id = se.space_id JOIN sites si ON si.id = sp.site_id
         JOIN users u ON u.id = se.created_by WHERE se.id = $1`,
      [seriesId],
    );
    return s;
  }

  /** A series' bookings still held, as they are now. */
  seriesBookings(seriesId: string): Promise<{ start_at: Date; end_at: Date; status: string }[]> {
    return this.db.query(
      `SELECT lower(period) AS start_at, upper(period) AS end_at, status FROM bookings
        WHERE series_id = $1 AND status IN ('pending', 'confirmed') ORDER BY lower(period)`,
      [seriesId],
    );
  }

  async waitlistOffer(entryId: string): Promise<WaitlistOfferFacts | undefined> {
    const [e] = await this.db.query(
      `SELECT w.status, w.title, lower(w.period) AS start_at, upper(w.period) AS end_at, w.offer_expires_at,
              sp.name AS space_name, si.name AS site_name, si.address, si.postcode, si.commune, si.time_zone,
              u.email, u.display_name
         FROM waitlist_entries w JOIN spaces sp ON sp.id = w.space_id JOIN sites si ON si.id = sp.site_id
         JOIN users u ON u.id = w.user_id WHERE w.id = $1`,
      [entryId],
    );
    return e;
  }
}
