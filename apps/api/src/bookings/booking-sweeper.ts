import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TRANSITIONS } from '@lieux/scheduling';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JOB_SCHEDULER, type JobScheduler, type ScheduledJob } from '../jobs/job-scheduler';
import { OutboxService } from '../notifications/outbox.service';

const BATCH = 500;

export interface SweepCounts {
  completed: number;
  expired: number;
  requestsReminded: number;
  remindersQueued: number;
}

/**
 * What happens to bookings with time alone: confirmed ones complete once they end, requests left
 * unanswered are reminded to the managers and then expire, and the day-before reminder is queued. Each is
 * found in the database by a conditional UPDATE, never held in a timer of some process: a process that
 * dies loses nothing, another one (or the next start) picks it up, and two sweeping at once skip each
 * other's rows. The e-mail reads the booking again when it is written, so a reminder for a booking that
 * changed in between sends nothing.
 */
@Injectable()
export class BookingSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private job?: ScheduledJob;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_SCHEDULER) private readonly jobs: JobScheduler,
  ) {}

  onApplicationBootstrap(): void {
    this.job = this.jobs.sweep('BookingSweeper', this.config.bookingSweepSeconds * 1000, () => this.sweep(), {
      atStart: true,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.job?.stop();
  }

  /** One pass over everything due. Exposed for tests. */
  async sweep(): Promise<SweepCounts> {
    const counts: SweepCounts = {
      completed: await this.drain(() => this.complete()),
      expired: await this.drain(() => this.expire()),
      requestsReminded: await this.drain(() => this.remindManagers()),
      remindersQueued: await this.drain(() => this.queueReminders()),
    };
    if (counts.expired + counts.requestsReminded + counts.remindersQueued > 0) this.outbox.kick();
    return counts;
  }

  private async drain(step: () => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await step();
      total += n;
      if (n < BATCH || this.stopped) return total;
    }
  }

  private async complete(): Promise<number> {
    const { from, to } = TRANSITIONS.complete;
    return this.count(
      `WITH due AS (SELECT id, status FROM bookings WHERE status = ANY($1::text[]) AND upper(period) <= now()
                     ORDER BY upper(period) LIMIT $3 FOR UPDATE SKIP LOCKED),
            b AS (UPDATE bookings SET status = $2, updated_at = now() FROM due
                   WHERE bookings.id = due.id RETURNING bookings.id, due.status AS from_status),
            h AS (INSERT INTO booking_history (booking_id, from_status, to_status, changes)
                  SELECT id, from_status, $2, jsonb_build_object('status', jsonb_build_array(from_status, $2::text)) FROM b)
       SELECT count(*)::int AS n FROM b`,
      [from, to, BATCH],
    );
  }

  /** Requests unanswered for too long, or whose start has come, free their slot. */
  private async expire(): Promise<number> {
    const { from, to } = TRANSITIONS.expire;
    return this.count(
      `WITH due AS (SELECT id, status FROM bookings
                     WHERE status = ANY($1::text[])
                       AND (created_at <= now() - make_interval(secs => $3) OR lower(period) <= now())
                     ORDER BY created_at LIMIT $4 FOR UPDATE SKIP LOCKED),
            b AS (UPDATE bookings SET status = $2, updated_at = now() FROM due
                   WHERE bookings.id = due.id RETURNING bookings.id, due.status AS from_status),
            h AS (INSERT INTO booking_history (booking_id, from_status, to_status, changes, reason)
                  SELECT id, from_status, $2, jsonb_build_object('status', jsonb_build_array(from_status, $2::text)),
                         'Sans réponse du gestionnaire dans le délai' FROM b),
            o AS (INSERT INTO outbox (type, payload)
                  SELECT 'booking.expired', jsonb_build_object('bookingId', b.id, 'sequence',
                           (SELECT count(*) FROM booking_history x WHERE x.booking_id = b.id)) FROM b)
       SELECT count(*)::int AS n FROM b`,
      [from, to, this.config.pendingExpiryHours * 3600, BATCH],
    );
  }

  private async remindManagers(): Promise<number> {
    return this.count(
      `WITH due AS (SELECT id FROM bookings
                     WHERE status = 'pending' AND managers_reminded_at IS NULL
                       AND created_at <= now() - make_interval(secs => $1)
                     ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED),
            b AS (UPDATE bookings SET managers_reminded_at = now() FROM due WHERE bookings.id = due.id
                  RETURNING bookings.id),
            o AS (INSERT INTO outbox (type, payload)
                  SELECT 'booking.request_reminder', jsonb_build_object('bookingId', id) FROM b)
       SELECT count(*)::int AS n FROM b`,
      [this.config.pendingReminderHours * 3600, BATCH],
    );
  }

  /**
   * The reminder before the start, for bookings made long enough before it (one made the evening before
   * has just had its confirmation).
   */
  private async queueReminders(): Promise<number> {
    return this.count(
      `WITH due AS (SELECT id FROM bookings
                     WHERE status = 'confirmed' AND reminder_sent_at IS NULL
                       AND lower(period) > now() AND lower(period) <= now() + make_interval(secs => $1)
                       AND created_at <= lower(period) - make_interval(secs => $1)
                     ORDER BY lower(period) LIMIT $2 FOR UPDATE SKIP LOCKED),
            b AS (UPDATE bookings SET reminder_sent_at = now() FROM due WHERE bookings.id = due.id
                  RETURNING bookings.id),
            o AS (INSERT INTO outbox (type, payload)
                  SELECT 'booking.reminder', jsonb_build_object('bookingId', id) FROM b)
       SELECT count(*)::int AS n FROM b`,
      [this.config.bookingReminderHours * 3600, BATCH],
    );
  }

  private async count(sql: string, params: unknown[]): Promise<number> {
    const [row] = await this.db.query(sql, params);
    return row.n;
  }
}
