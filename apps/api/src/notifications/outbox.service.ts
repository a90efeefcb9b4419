import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { currentRequestId } from '../http/request-id';
import { OutboxRelay } from './outbox.relay';
import { OutboxRepository } from './outbox.repository';

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
  | 'booking.released'
  | 'booking.reminder'
  | 'booking.request_reminder'
  | 'series.created'
  | 'series.cancelled'
  | 'waitlist.offered'
  | 'occupancy.digest'
  | 'account.exists'
  | 'session.reuse_detected'
  | 'organisation.verification_withdrawn'
  | 'need.matches'
  | 'need.contact'
  | 'project.quarterly';

@Injectable()
export class OutboxService {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly outbox: OutboxRepository,
  ) {}

  /**
   * Appends an event inside the caller's transaction: it exists if and only if the change committed. It
   * carries the id of the request being handled, for the job's log lines.
   */
  async append(em: EntityManager, type: EventType, payload: Record<string, unknown>): Promise<string> {
    return this.outbox.append(em, type, payload, currentRequestId() ?? null);
  }

  /** Call after commit: hands new events to the queue now rather than at the next sweep. */
  kick(): void {
    this.relay.kick();
  }

  /** Call after commit: hands to the queue an event its statement marked handed out (a new booking's). */
  handOut(eventId: string): void {
    this.relay.handOut(eventId);
  }
}
