import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { bookingEmail, ICAL_DOMAIN, type BookingMailFacts } from './booking-email';
import { MAILER, type Mailer } from './mailer';

const LEASE_SECONDS = 120;

interface FactsRow {
  id: string;
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
  email: string;
  display_name: string;
}

/**
 * Delivers one outbox event. Runs at least once per event (a stalled or re-queued job may run again),
 * so it takes a lease on the event and records every message it sends: a second run sends nothing.
 */
@Injectable()
export class NotificationProcessor {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly db: DataSource,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async deliver(eventId: string): Promise<void> {
    const [event] = await this.db.query(
      `WITH leased AS (
         UPDATE outbox SET locked_until = now() + make_interval(secs => $2), attempts = attempts + 1
          WHERE id = $1 AND done_at IS NULL AND (locked_until IS NULL OR locked_until < now())
          RETURNING type, payload)
       SELECT * FROM leased`,
      [eventId, LEASE_SECONDS],
    );
    // Done already, or another worker holds the lease (it finishes, or the sweeper hands it out again).
    if (!event) return;
    try {
      for (const facts of await this.recipients(event.type, event.payload)) {
        await this.sendOnce(eventId, facts);
      }
      await this.db.query(
        `UPDATE outbox SET done_at = now(), locked_until = NULL, last_error = NULL WHERE id = $1`,
        [eventId],
      );
    } catch (err) {
      await this.db.query(`UPDATE outbox SET locked_until = NULL, last_error = $2 WHERE id = $1`, [
        eventId,
        (err as Error).message,
      ]);
      throw err;
    }
  }

  /** Parks an event that exhausted its retries, for an admin to look at. */
  async giveUp(eventId: string, error: string): Promise<void> {
    this.logger.error(`notification ${eventId} failed for good: ${error}`);
    await this.db.query(
      `UPDATE outbox SET failed_at = now(), last_error = $2 WHERE id = $1 AND done_at IS NULL`,
      [eventId, error],
    );
  }

  private async sendOnce(eventId: string, facts: BookingMailFacts): Promise<void> {
    const recipient = facts.recipientEmail;
    const sent = await this.db.query(
      `SELECT 1 FROM notification_deliveries WHERE event_id = $1 AND recipient = $2`,
      [eventId, recipient],
    );
    if (sent.length > 0) return;
    const messageId = `<${eventId}.${createHash('sha256').update(recipient).digest('hex').slice(0, 12)}@${ICAL_DOMAIN}>`;
    await this.mailer.send(bookingEmail(facts, this.config.mailFrom, this.config.publicUrl, messageId));
    await this.db.query(
      `INSERT INTO notification_deliveries (event_id, recipient, message_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [eventId, recipient, messageId],
    );
    this.logger.log({ msg: 'e-mail sent', eventId, messageId });
  }

  private async recipients(type: string, payload: { bookingId?: string }): Promise<BookingMailFacts[]> {
    if (type !== 'booking.confirmed' && type !== 'booking.requested')
      throw new Error(`Unknown event type ${type}`);
    const rows = await this.db.query(
      `SELECT b.id, b.status, b.title, b.attendees, lower(b.period) AS start_at, upper(b.period) AS end_at, b.price_cents,
              sp.name AS space_name, s.name AS site_name, s.address, s.postcode, s.commune, s.time_zone,
              u.email, u.display_name
         FROM bookings b JOIN spaces sp ON sp.id = b.space_id JOIN sites s ON s.id = sp.site_id
         JOIN users u ON u.id = b.booked_by
        WHERE b.id = $1`,
      [payload.bookingId],
    );
    return rows.map((r: FactsRow) => ({
      bookingId: r.id,
      status: type === 'booking.confirmed' ? 'confirmed' : 'pending',
      title: r.title,
      attendees: r.attendees,
      start: new Date(r.start_at),
      end: new Date(r.end_at),
      priceCents: r.price_cents,
      spaceName: r.space_name,
      siteName: r.site_name,
      address: r.address,
      postcode: r.postcode,
      commune: r.commune,
      timeZone: r.time_zone,
      recipientEmail: r.email,
      recipientName: r.display_name,
    }));
  }
}
