import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Booking, JoinWaitlistRequest, WaitlistEntry } from '@lieux/contracts';
import { blockedPeriod, type Period } from '@lieux/scheduling';
import type { Caller } from '../auth/current-user';
import { AuditService } from '../audit/audit.service';
import { sqlState, UNIQUE_VIOLATION } from '../database/database.module';
import { DomainException, notFound } from '../http/domain.exception';
import { OutboxService } from '../notifications/outbox.service';
import { BookingCreation } from './booking-creation';
import { BookingsService } from './bookings.service';
import { strip, WaitlistRepository, type StoredEntry } from './waitlist.repository';
import { WaitlistSweeper } from './waitlist-sweeper';

/** Queueing for a taken slot, leaving the list, and accepting an offer (see WaitlistSweeper for offers). */
@Injectable()
export class WaitlistService {
  constructor(
    private readonly db: DataSource,
    private readonly entries: WaitlistRepository,
    private readonly bookings: BookingsService,
    private readonly creation: BookingCreation,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly sweeper: WaitlistSweeper,
  ) {}

  async join(caller: Caller, input: JoinWaitlistRequest): Promise<WaitlistEntry> {
    const { organisationId, space } = await this.creation.booker(caller, input.spaceId);
    const period: Period = { start: Date.parse(input.start), end: Date.parse(input.end) };
    // Waiting only makes sense for what could be booked once free: the same rules as a booking.
    await this.creation.checkPolicy(space, period, input.attendees, Date.now());
    const blocked = blockedPeriod(period, space.policy);
    if ((await this.bookings.busy(space.id, blocked)).length === 0) {
      throw new DomainException('SLOT_FREE', 409, 'SLOT_FREE');
    }
    try {
      const id = await this.db.transaction(async (em) => {
        const entryId = await this.entries.insert(em, {
          spaceId: space.id,
          organisationId,
          userId: caller.userId,
          period,
          title: input.title,
          attendees: input.attendees,
        });
        await this.audit.record(em, {
          actorId: caller.userId,
          entity: 'waitlist_entry',
          entityId: entryId,
          action: 'joined',
          changes: { spaceId: space.id, start: input.start, end: input.end },
        });
        return entryId;
      });
      return strip((await this.entries.find(id))!);
    } catch (err) {
      if (sqlState(err) === UNIQUE_VIOLATION) {
        throw new DomainException('ALREADY_WAITING', 409, 'ALREADY_WAITING');
      }
      throw err;
    }
  }

  async listMine(caller: Caller): Promise<{ items: WaitlistEntry[] }> {
    if (!caller.organisationId) return { items: [] };
    return { items: await this.entries.listForOrganisation(caller.organisationId) };
  }

  /** Leaves the list; an outstanding offer is declined and passes to the next in line at once. */
  async leave(caller: Caller, id: string): Promise<void> {
    const entry = await this.own(caller, id);
    await this.db.transaction(async (em) => {
      if (!(await this.entries.move(em, id, ['waiting', 'offered'], 'withdrawn'))) {
        throw new DomainException('ALREADY_DECIDED', 409, 'ALREADY_DECIDED');
      }
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'waitlist_entry',
        entityId: id,
        action: entry.status === 'offered' ? 'declined' : 'withdrawn',
        changes: { status: [entry.status, 'withdrawn'] },
      });
      if (entry.status === 'offered') await this.sweeper.offer(em, entry.spaceId);
    });
    this.outbox.kick();
  }

  /**
   * Books the offered slot through the ordinary booking creation, with every rule. The entry's id is the
   * idempotency key, so a double click books once. Taken meanwhile: 409, and the entry waits again.
   */
  async accept(caller: Caller, id: string): Promise<Booking> {
    const entry = await this.own(caller, id);
    if (entry.status !== 'offered') {
      throw new DomainException('NO_OFFER', 409, 'NO_OFFER');
    }
    if (entry.offerExpiresAt && Date.parse(entry.offerExpiresAt) <= Date.now()) {
      throw new DomainException('OFFER_EXPIRED', 409, 'OFFER_EXPIRED');
    }
    let booking: Booking;
    try {
      ({ body: booking } = await this.creation.book(
        caller,
        {
          spaceId: entry.spaceId,
          start: entry.start,
          end: entry.end,
          title: entry.title,
          attendees: entry.attendees,
        },
        `waitlist:${id}`,
      ));
    } catch (err) {
      if (err instanceof DomainException && err.code === 'SLOT_TAKEN') {
        await this.db.transaction((em) => this.entries.backInLine(em, id));
      }
      throw err;
    }
    await this.db.transaction(async (em) => {
      if (await this.entries.move(em, id, ['offered'], 'booked', booking.id)) {
        await this.audit.record(em, {
          actorId: caller.userId,
          entity: 'waitlist_entry',
          entityId: id,
          action: 'accepted',
          changes: { status: ['offered', 'booked'], bookingId: booking.id },
        });
      }
    });
    return booking;
  }

  private async own(caller: Caller, id: string): Promise<StoredEntry> {
    const entry = await this.entries.find(id);
    if (!entry || !caller.organisationId || entry.organisationId !== caller.organisationId) {
      throw notFound('NOT_FOUND.waitlistEntry');
    }
    return entry;
  }
}
