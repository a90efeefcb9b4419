import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Booking, BookingHistoryEntry, BookingStatus, ChangeBookingRequest } from '@lieux/contracts';
import {
  bookingTerms,
  changeRefusal,
  transition,
  type Actor,
  type BookingAction,
  type Period,
  type TransitionRefusal,
} from '@lieux/scheduling';
import { grantsOf, isAdmin, type Caller } from '../auth/current-user';
import { EXCLUSION_VIOLATION, sqlState } from '../database/database.module';
import { DomainException, notFound } from '../http/domain.exception';
import { decodeKeyset, encodeKeyset, KEY } from '../http/keyset';
import { OutboxService } from '../notifications/outbox.service';
import { QuotasService } from '../quotas/quotas.service';
import { SpacesService } from '../sites/spaces.service';
import { ReceiptsService, type ReceiptFile } from '../receipts/receipts.service';
import { admit, BookingCreation } from './booking-creation';
import {
  BookingsRepository,
  type BookingEvent,
  type BookingFacts,
  type BookingFilters,
  type ChangeFields,
  type Visibility,
} from './bookings.repository';

const TRANSITION_REFUSALS: Record<
  Exclude<TransitionRefusal, 'FORBIDDEN' | 'NOT_ENDED'>,
  () => DomainException
> = {
  STATE_CHANGED: () => new DomainException('BOOKING_STATE_CHANGED', 409, 'BOOKING_STATE_CHANGED'),
  REASON_REQUIRED: () => new DomainException('REASON_REQUIRED', 422, 'REASON_REQUIRED'),
  ALREADY_STARTED: () => new DomainException('ALREADY_STARTED', 422, 'ALREADY_STARTED'),
  NOT_STARTED: () => new DomainException('NOT_STARTED', 422, 'NOT_STARTED'),
};

const EVENTS: Partial<Record<BookingAction, BookingEvent>> = {
  approve: 'booking.confirmed',
  reject: 'booking.rejected',
  cancel: 'booking.cancelled',
  expire: 'booking.expired',
};

export interface ListQuery extends Omit<BookingFilters, 'organisationId' | 'statuses'> {
  mine?: boolean;
  status?: BookingStatus[];
  limit: number;
  cursor?: string;
}

/** How the caller stands towards one booking. */
interface Standing {
  owner: boolean;
  manager: boolean;
  sees: boolean;
}

@Injectable()
export class BookingsService {
  constructor(
    private readonly db: DataSource,
    private readonly bookings: BookingsRepository,
    private readonly creation: BookingCreation,
    private readonly outbox: OutboxService,
    private readonly spaces: SpacesService,
    private readonly receipts: ReceiptsService,
    private readonly quotas: QuotasService,
  ) {}

  /**
   * One booking; how to get in and whom to call are told to its site's managers, and to its organisation
   * once it is confirmed (never while pending, nor after a refusal or a cancellation).
   */
  async get(caller: Caller, id: string): Promise<Booking> {
    const { facts, standing } = await this.visible(caller, id);
    const booking = (await this.bookings.findById(id))!;
    const told = standing.manager || (standing.owner && facts.status === 'confirmed');
    return told ? { ...booking, access: await this.spaces.bookingAccess(facts.spaceId) } : booking;
  }

  async history(caller: Caller, id: string): Promise<{ items: BookingHistoryEntry[] }> {
    await this.visible(caller, id);
    return { items: await this.bookings.history(id) };
  }

  /**
   * The receipt of a paid booking, for its organisation and its site's managers (a delegate, who sees the
   * booking, has no business with its invoice); 404 when it has none (free, or not confirmed yet).
   */
  async receipt(caller: Caller, id: string): Promise<ReceiptFile> {
    const { standing } = await this.visible(caller, id);
    if (!standing.owner && !standing.manager) throw forbidden();
    const file = await this.receipts.file(id);
    if (!file) throw notFound('NOT_FOUND.receipt');
    return file;
  }

  /**
   * Cancels a booking for its organisation (no reason needed) or a manager of its site (who must give
   * one). `em` lets a caller cancel several bookings in one transaction of its own; it then calls
   * `OutboxService.kick()` after its commit so that the e-mails leave at once rather than at the next sweep.
   * `quiet`: the caller sends one e-mail for all of them (a series), the booking's event sends none.
   */
  async cancel(
    caller: Caller,
    id: string,
    reason?: string | null,
    em?: EntityManager,
    quiet = false,
  ): Promise<Booking> {
    const { facts, standing } = await this.visible(caller, id, em);
    const actor: Actor | null = standing.owner ? 'owner' : standing.manager ? 'manager' : null;
    if (!actor) throw forbidden();
    const now = Date.now();
    const r = this.decide('cancel', facts, actor, now, reason);
    const fields: ChangeFields = {
      cancelled_by: caller.userId,
      cancellation_reason: reason?.trim() || null,
      late_cancellation: r.lateCancellation,
    };
    return this.apply(facts, 'cancel', r.to, caller.userId, reason, fields, em, quiet);
  }

  /**
   * Moves a booking to another period of its space and/or changes its number of people, before it starts,
   * by the rules a new booking meets: the organisation's own bookings, or a manager of the site who says
   * why (the organisation is told by e-mail). A new period is judged now, and priced on the space's current
   * terms as booking it afresh would be; a new number of people alone keeps the price and is judged as of
   * the booking's request, like an approval (a booking made with due notice does not become late).
   * Moved by its organisation on a space whose managers approve each booking, a confirmed booking is a
   * request again (they approved another period); moved by a manager it stays as it is. One statement
   * writes everything; a period taken meanwhile is a 409 and nothing changes.
   */
  async change(caller: Caller, id: string, input: ChangeBookingRequest): Promise<Booking> {
    const { facts, standing } = await this.visible(caller, id);
    const actor: Actor | null = standing.owner ? 'owner' : standing.manager ? 'manager' : null;
    if (!actor) throw forbidden();
    const now = Date.now();
    const refusal = changeRefusal({ ...facts, now, actor, reason: input.reason });
    if (refusal === 'FORBIDDEN') throw forbidden();
    if (refusal === 'STATE_CHANGED')
      throw new DomainException('BOOKING_STATE_CHANGED', 409, 'BOOKING_STATE_CHANGED.change');
    if (refusal === 'ALREADY_STARTED')
      throw new DomainException('ALREADY_STARTED', 422, 'ALREADY_STARTED.change');
    if (refusal === 'REASON_REQUIRED')
      throw new DomainException('VALIDATION_FAILED', 400, 'VALIDATION_FAILED.changeReason', [
        { path: 'body.reason', message: 'VALIDATION_FAILED.changeReason.field' },
      ]);
    const booking = (await this.bookings.findById(id))!;
    const was: Period = { start: facts.start, end: facts.end };
    const period: Period = input.start
      ? { start: Date.parse(input.start), end: Date.parse(input.end!) }
      : was;
    const attendees = input.attendees ?? booking.attendees;
    const moved = period.start !== was.start || period.end !== was.end;
    if (!moved && attendees === booking.attendees) return booking;

    const current = await this.creation.facts(facts.spaceId, facts.organisationId, period);
    if (!current) throw new DomainException('SPACE_NOT_BOOKABLE', 422, 'SPACE_NOT_BOOKABLE');
    const { space, booker, calendar } = current;
    admit(space, booker);
    await this.creation.checkPolicy(space, period, attendees, moved ? now : facts.requestedAt, calendar);
    const terms = bookingTerms(space, booker, period);
    const price = moved
      ? terms.price
      : {
          priceCents: booking.priceCents,
          listPriceCents: booking.listPriceCents,
          discountPercent: booking.discountPercent,
          discountBasis: booking.discountBasis,
        };
    const status: BookingStatus =
      moved && actor === 'owner' && terms.status === 'pending' ? 'pending' : facts.status;
    const iso = (t: number) => new Date(t).toISOString();
    const changes: Record<string, unknown> = {};
    if (moved) {
      changes.start = [iso(was.start), iso(period.start)];
      changes.end = [iso(was.end), iso(period.end)];
    }
    if (attendees !== booking.attendees) changes.attendees = [booking.attendees, attendees];
    if (price.priceCents !== booking.priceCents) changes.priceCents = [booking.priceCents, price.priceCents];
    if (status !== facts.status) changes.status = [facts.status, status];
    const reason = input.reason?.trim() || null;
    try {
      const changed = await this.db.transaction(async (tx) => {
        // The organisation's own move counts against its quotas; a manager's is the site's decision.
        if (moved && actor === 'owner')
          await this.quotas.hold(tx, {
            organisationId: facts.organisationId,
            siteId: space.site.id,
            timeZone: space.site.timeZone,
            rules: current.quotas,
            spaceKind: space.kind,
            adding: [period],
            except: id,
          });
        // Queued behind the space's other writers, as an insert is (see BookingsRepository.insert).
        await this.bookings.lockSpace(tx, facts.spaceId);
        const done = await this.bookings.changeTerms(tx, {
          id,
          was: { status: facts.status, period: was, attendees: booking.attendees },
          status,
          period,
          blocked: terms.blocked,
          attendees,
          price,
          actorId: caller.userId,
          reason,
          changes,
          payload: {
            previous: { start: iso(was.start), end: iso(was.end), attendees: booking.attendees },
            reason,
            byManager: actor === 'manager',
            requested: status === 'pending' && facts.status !== 'pending',
          },
        });
        // A receipt says when and for how much: one issued for the old terms gives way to a new one.
        if (done && (moved || price.priceCents !== booking.priceCents)) await this.receipts.reissue(tx, id);
        return done;
      });
      if (!changed) throw TRANSITION_REFUSALS.STATE_CHANGED();
    } catch (err) {
      if (sqlState(err) === EXCLUSION_VIOLATION)
        throw new DomainException('SLOT_TAKEN', 409, 'SLOT_TAKEN.change');
      throw err;
    }
    this.outbox.kick();
    return (await this.bookings.findById(id))!;
  }

  async approve(caller: Caller, id: string): Promise<Booking> {
    const { facts } = await this.managed(caller, id);
    const r = this.decide('approve', facts, 'manager', Date.now());
    // The rules may have changed since the request (a closure, a smaller capacity, a suspended
    // organisation). Notice and horizon are judged at the moment of the request, which they were
    // about: a manager's delay must not turn a timely request into a late one.
    const current = await this.creation.facts(facts.spaceId, facts.organisationId, facts);
    if (!current) throw new DomainException('SPACE_NOT_BOOKABLE', 422, 'SPACE_NOT_BOOKABLE');
    const { space, booker, calendar } = current;
    admit(space, booker);
    const booking = (await this.bookings.findById(id))!;
    await this.creation.checkPolicy(space, facts, booking.attendees, facts.requestedAt, calendar);
    return this.apply(facts, 'approve', r.to, caller.userId, null, { decided_by: caller.userId });
  }

  async reject(caller: Caller, id: string, reason: string): Promise<Booking> {
    const { facts } = await this.managed(caller, id);
    const r = this.decide('reject', facts, 'manager', Date.now(), reason);
    return this.apply(facts, 'reject', r.to, caller.userId, reason, {
      decided_by: caller.userId,
      rejection_reason: reason.trim(),
    });
  }

  async markNoShow(caller: Caller, id: string): Promise<Booking> {
    const { facts } = await this.managed(caller, id);
    const r = this.decide('no_show', facts, 'manager', Date.now());
    return this.apply(facts, 'no_show', r.to, caller.userId, null, {});
  }

  private decide(
    action: BookingAction,
    facts: BookingFacts,
    actor: Actor,
    now: number,
    reason?: string | null,
  ): { to: BookingStatus; lateCancellation: boolean } {
    const r = transition(action, {
      status: facts.status,
      start: facts.start,
      end: facts.end,
      now,
      actor,
      reason,
    });
    if (r.ok) return r;
    if (r.refusal === 'FORBIDDEN' || r.refusal === 'NOT_ENDED') throw forbidden();
    throw TRANSITION_REFUSALS[r.refusal]();
  }

  private async apply(
    facts: BookingFacts,
    action: BookingAction,
    to: BookingStatus,
    actorId: string,
    reason: string | null | undefined,
    fields: ChangeFields,
    em?: EntityManager,
    quiet = false,
  ): Promise<Booking> {
    const run = async (tx: EntityManager) => {
      // A booking that stays active (approval) is checked again by the exclusion constraint: it must queue
      // behind the space's inserts like they queue behind each other, or the two wait for each other.
      if (to === 'pending' || to === 'confirmed') await this.bookings.lockSpace(tx, facts.spaceId);
      const changed = await this.bookings.change(tx, {
        id: facts.id,
        action,
        from: facts.status,
        to,
        actorId,
        reason: reason?.trim() || null,
        fields,
        event: EVENTS[action] ?? null,
        quiet,
      });
      if (!changed) throw TRANSITION_REFUSALS.STATE_CHANGED();
      // Numbered in the transaction that confirms: a rollback gives the number back.
      if (to === 'confirmed') await this.receipts.issue(tx, facts.id);
      if (to === 'cancelled') await this.receipts.markCancelled(tx, facts.id);
      return (await this.bookings.findById(facts.id, tx))!;
    };
    if (em) return run(em);
    const booking = await this.db.transaction(run);
    this.outbox.kick();
    return booking;
  }

  /** The booking if the caller may see it (404 otherwise, as if it did not exist), and how they stand. */
  private async visible(
    caller: Caller,
    id: string,
    em?: EntityManager,
  ): Promise<{ facts: BookingFacts; standing: Standing }> {
    const facts = await this.bookings.facts(id, em);
    if (!facts) throw notFound('NOT_FOUND.booking');
    const standing = standingOf(caller, facts);
    if (!standing.sees) throw notFound('NOT_FOUND.booking');
    return { facts, standing };
  }

  private async managed(caller: Caller, id: string) {
    const v = await this.visible(caller, id);
    if (!v.standing.manager) throw forbidden();
    return v;
  }

  async list(caller: Caller, q: ListQuery) {
    const after = q.cursor ? decodeKeyset(q.cursor, { start: KEY.instant, id: KEY.uuid }) : undefined;
    const filters: BookingFilters = {
      spaceId: q.spaceId,
      siteId: q.siteId,
      projectId: q.projectId,
      statuses: q.status,
      from: q.from,
      to: q.to,
    };
    if (q.mine) {
      if (!caller.organisationId) return { items: [], nextCursor: null };
      filters.organisationId = caller.organisationId;
    }
    const rows = await this.bookings.list(visibilityOf(caller), filters, q.limit + 1, after);
    const items = rows.slice(0, q.limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > q.limit && last ? encodeKeyset({ start: last.start, id: last.id }) : null,
    };
  }

  busy(spaceId: string, window: Period): Promise<Period[]> {
    return this.bookings.findBusy(spaceId, window);
  }

  /** The busy periods of several spaces, by space, read in one query. */
  busyMany(spaceIds: string[], window: Period): Promise<Map<string, Period[]>> {
    return this.bookings.findBusyMany(spaceIds, window);
  }
}

const forbidden = () => new DomainException('FORBIDDEN', 403, 'FORBIDDEN.booking');

/** Members see their organisation's bookings, managers their sites', delegates their region's, admins all. */
export function visibilityOf(caller: Caller): Visibility {
  const memberOf = [...grantsOf(caller, 'member'), ...grantsOf(caller, 'org_admin')].some(
    (g) => g.organisationId === caller.organisationId,
  );
  return {
    all: isAdmin(caller),
    organisationId: memberOf ? caller.organisationId : null,
    siteIds: grantsOf(caller, 'site_manager').map((g) => g.siteId!),
    regionCodes: grantsOf(caller, 'delegate').map((g) => g.regionCode!),
  };
}

function standingOf(caller: Caller, b: BookingFacts): Standing {
  const v = visibilityOf(caller);
  const owner = v.organisationId === b.organisationId;
  const manager = v.all || v.siteIds.includes(b.siteId);
  return { owner, manager, sees: owner || manager || v.regionCodes.includes(b.regionCode) };
}
