import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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
  | 'occupancy.digest';

@Injectable()
export class OutboxService {
  constructor(private readonly relay: OutboxRelay) {}

  /** Appends an event inside the caller's transaction: it exists if and only if the change committed. */
  async append(em: EntityManager, type: EventType, payload: Record<string, unknown>): Promise<string> {
    const [row] = await em.query(`INSERT INTO outbox (type, payload) VALUES ($1, $2) RETURNING id`, [
      type,
      JSON.stringify(payload),
    ]);
    return row.id;
  }

  /** Call after commit: hands new events to the queue now rather than at the next sweep. */
  kick(): void {
    this.relay.kick();
  }
}
