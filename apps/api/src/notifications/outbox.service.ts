import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { currentRequestId } from '../http/request-id';
import { OutboxRelay } from './outbox.relay';

export type EventType =
  | 'booking.confirmed'
  | 'booking.requested'
  | 'password_reset.requested'
  | 'invitation.sent'
  | 'organisation.verified'
  | 'organisation.rejected'
  | 'booking.rejected'
  | 'booking.cancelled'
  | 'booking.expired'
  | 'booking.reminder'
  | 'booking.request_reminder'
  | 'series.created'
  | 'series.cancelled'
  | 'waitlist.offered'
  | 'occupancy.digest'
  | 'account.exists'
  | 'session.reuse_detected'
  | 'organisation.verification_withdrawn';

@Injectable()
export class OutboxService {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly db: DataSource,
  ) {}

  /**
   * Appends an event inside the caller's transaction: it exists if and only if the change committed. It
   * carries the id of the request being handled, for the job's log lines.
   */
  async append(em: EntityManager, type: EventType, payload: Record<string, unknown>): Promise<string> {
    const [row] = await em.query(
      `INSERT INTO outbox (type, payload, request_id) VALUES ($1, $2, $3) RETURNING id`,
      [type, JSON.stringify(payload), currentRequestId() ?? null],
    );
    return row.id;
  }

  /** The id of the request that caused an event, if a request did. */
  async requestIdOf(eventId: string): Promise<string | null> {
    const [row] = await this.db.query(`SELECT request_id FROM outbox WHERE id = $1`, [eventId]);
    return row?.request_id ?? null;
  }

  /** Call after commit: hands new events to the queue now rather than at the next sweep. */
  kick(): void {
    this.relay.kick();
  }
}
