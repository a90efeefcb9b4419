import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Booking, BookingHistoryEntry, BookingStatus, CreateBookingRequest } from '@lieux/contracts';
import {
  audienceAdmits,
  checkBooking,
  closedDayOf,
  solidarityPrice,
  transition,
  blockedPeriod,
  type Actor,
  type BookingAction,
  type BookingAttempt,
  type Period,
  type PolicyViolation,
  type TransitionRefusal,
} from '@lieux/scheduling';
import { grantsOf, isAdmin, type Caller } from '../auth/current-user';
import { EXCLUSION_VIOLATION, sqlState } from '../database/database.module';
import { DomainException, notFound } from '../http/domain.exception';
import { decodeKeyset, encodeKeyset, KEY } from '../http/keyset';
import { OutboxService } from '../notifications/outbox.service';
import { Metrics } from '../metrics/metrics';
import { SpacesService } from '../sites/spaces.service';
import type { SiteCalendar } from '../sites/sites.repository';
import type { BookableSpace } from '../sites/spaces.repository';
import {
  BookingsRepository,
  type BookingEvent,
  type BookerFacts,
  type BookingFacts,
  type BookingFilters,
  type ChangeFields,
  type Visibility,
} from './bookings.repository';
import { IdempotencyRepository, requestHash } from './idempotency.repository';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// Clamped to four-digit years: a period reaching 9999-12-31 is refused by the rules, not by a date that
// neither ISO strings nor PostgreSQL take.
const FIRST_DATE = Date.parse('0001-01-01T00:00:00Z');
const LAST_DATE = Date.parse('9999-12-31T00:00:00Z');
const isoDate = (t: number) =>
  new Date(Math.min(Math.max(t, FIRST_DATE), LAST_DATE)).toISOString().slice(0, 10);
const UNIQUE_VIOLATION = '23505';

export const REFUSALS: Record<PolicyViolation, string> = {
  IN_THE_PAST: 'Ce créneau est déjà passé.',
  TOO_LATE: 'Ce créneau commence trop tôt : le délai de prévenance de cet espace n’est pas respecté.',
  BEYOND_HORIZON: 'Ce créneau est trop loin dans le temps pour cet espace.',
  TOO_SHORT: 'La réservation est plus courte que la durée minimale de cet espace.',
  TOO_LONG: 'La réservation dépasse la durée maximale de cet espace.',
  OFF_STEP: 'Le début et la fin doivent tomber sur le pas des créneaux de cet espace.',
  TOO_MANY_ATTENDEES: 'Le nombre de participants dépasse la capacité de cet espace.',
  CLOSED: 'Le site est fermé ce jour-là.',
  HOLIDAY: 'Ce jour est férié au site.',
  OUTSIDE_OPENING_HOURS: 'Ce créneau sort des heures d’ouverture du site.',
};

/** The first rule an attempt breaks, in words; a closed day is named (the closure's reason, the holiday). */
export function refusalOf(
  violations: readonly PolicyViolation[],
  attempt: Pick<BookingAttempt, 'period' | 'closed'>,
): { code: PolicyViolation; reason: string } | null {
  const code = violations[0];
  if (!code) return null;
  const day = code === 'CLOSED' || code === 'HOLIDAY' ? closedDayOf(attempt) : undefined;
  if (day?.kind === 'HOLIDAY') return { code, reason: `Jour férié au site : ${day.name}.` };
  if (day?.kind === 'CLOSED') return { code, reason: `Le site est fermé ce jour-là (${day.name}).` };
  return { code, reason: REFUSALS[code] };
}

const TRANSITION_REFUSALS: Record<
  Exclude<TransitionRefusal, 'FORBIDDEN' | 'NOT_ENDED'>,
  () => DomainException
> = {
  STATE_CHANGED: () =>
    new DomainException(
      'BOOKING_STATE_CHANGED',
      409,
      'Cette réservation a changé d’état entre-temps : rechargez-la.',
    ),
  REASON_REQUIRED: () =>
    new DomainException('REASON_REQUIRED', 422, 'Indiquez le motif : l’organisation le recevra.'),
  ALREADY_STARTED: () => new DomainException('ALREADY_STARTED', 422, 'Cette réservation a déjà commencé.'),
  NOT_STARTED: () => new DomainException('NOT_STARTED', 422, 'Cette réservation n’a pas encore commencé.'),
};

const EVENTS: Partial<Record<BookingAction, BookingEvent>> = {
  approve: 'booking.confirmed',
  reject: 'booking.rejected',
  cancel: 'booking.cancelled',
  expire: 'booking.expired',
};

export interface CreateOutcome {
  status: number;
  booking: Booking;
}

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
    private readonly idempotency: IdempotencyRepository,
    private readonly spaces: SpacesService,
    private readonly outbox: OutboxService,
    private readonly metrics: Metrics,
  ) {}

  async create(caller: Caller, input: CreateBookingRequest, idempotencyKey?: string): Promise<CreateOutcome> {
    try {
      return await this.createOnce(caller, input, idempotencyKey);
    } catch (err) {
      if (err instanceof DomainException) this.metrics.bookingRefused(err.code);
      throw err;
    }
  }

  private async createOnce(
    caller: Caller,
    input: CreateBookingRequest,
    idempotencyKey?: string,
  ): Promise<CreateOutcome> {
    const hash = requestHash(input);
    if (idempotencyKey) {
      const replay = await this.replay(caller.userId, idempotencyKey, hash);
      if (replay) return replay;
    }

    const organisationId = caller.organisationId;
    if (!organisationId) {
      throw new DomainException(
        'NOT_AN_ORGANISATION_MEMBER',
        403,
        'Seul le membre d’une organisation peut réserver.',
      );
    }
    const period: Period = { start: Date.parse(input.start), end: Date.parse(input.end) };
    // The calendar window of `checkRules`, widened by a day on each side so that UTC dates cover the
    // site's local ones whatever its zone.
    const facts = await this.bookings.creationFacts(
      input.spaceId,
      organisationId,
      isoDate(period.start - 2 * DAY),
      isoDate(period.end + 2 * DAY),
    );
    if (!facts) throw notFound('Cet espace');
    const { space, booker, calendar } = facts;
    if (booker?.verification !== 'verified') throw unverified();
    admit(space, booker);
    await this.checkPolicy(space, period, input.attendees, Date.now(), calendar);

    const id = randomUUID();
    const status = space.policy.approvalRequired ? 'pending' : 'confirmed';
    const price = solidarityPrice({
      hourlyRateCents: space.price.hourlyRateCents,
      minutes: (period.end - period.start) / MINUTE,
      legalForm: booker.legalForm,
      esus: booker.esus,
      discounts: booker.discounts,
    });
    const createdAt = new Date();
    const booking: Booking = {
      id,
      spaceId: space.id,
      spaceName: space.name,
      siteName: space.site.name,
      timeZone: space.site.timeZone,
      organisationId,
      status,
      start: new Date(period.start).toISOString(),
      end: new Date(period.end).toISOString(),
      title: input.title,
      attendees: input.attendees,
      priceCents: price.priceCents,
      createdAt: createdAt.toISOString(),
      organisationName: booker.organisationName,
      siteId: space.site.id,
      listPriceCents: price.listPriceCents,
      discountPercent: price.discountPercent,
      discountBasis: price.discountBasis,
      cancellationReason: null,
      lateCancellation: false,
      rejectionReason: null,
      seriesId: null,
    };
    try {
      // One autocommit statement: the insert takes its lock and writes everything at once.
      await this.bookings.insert(
        this.db.manager,
        {
          id,
          spaceId: space.id,
          organisationId,
          bookedBy: caller.userId,
          status,
          period,
          blocked: blockedPeriod(period, space.policy),
          title: input.title,
          attendees: input.attendees,
          priceCents: price.priceCents,
          listPriceCents: price.listPriceCents,
          discountPercent: price.discountPercent,
          discountBasis: price.discountBasis,
          createdAt,
        },
        status === 'confirmed' ? 'booking.confirmed' : 'booking.requested',
        {
          status: [null, status],
          start: booking.start,
          end: booking.end,
          title: booking.title,
          attendees: booking.attendees,
          priceCents: booking.priceCents,
        },
        idempotencyKey ? { key: idempotencyKey, hash, response: booking } : null,
      );
      this.outbox.kick();
      this.metrics.bookingCreated(status);
      return { status: 201, booking };
    } catch (err) {
      const state = sqlState(err);
      // A concurrent twin with the same key may have won: answer what it answered.
      if (idempotencyKey && (state === EXCLUSION_VIOLATION || state === UNIQUE_VIOLATION)) {
        const replay = await this.replay(caller.userId, idempotencyKey, hash);
        if (replay) return replay;
      }
      if (state === EXCLUSION_VIOLATION) {
        throw new DomainException(
          'SLOT_TAKEN',
          409,
          'Ce créneau vient d’être réservé par quelqu’un d’autre. Choisissez-en un autre.',
        );
      }
      throw err;
    }
  }

  /**
   * Refuses, 422 with the first rule broken, a period the space's policy does not allow at `now`: the one
   * check of bookings, approvals and the waiting list. The site's calendar (read here unless given) is
   * looked at only once the rules that need none pass: a period of years must not make us expand years
   * of opening hours.
   */
  async checkPolicy(
    space: BookableSpace,
    period: Period,
    attendees: number,
    now: number,
    calendar?: SiteCalendar,
  ): Promise<void> {
    const rules = { ...space.policy, capacity: space.capacity };
    const attempt = { period, attendees, now, timeZone: space.site.timeZone };
    const refuse = (a: BookingAttempt) => {
      const r = refusalOf(checkBooking(rules, a), a);
      if (r) throw new DomainException(r.code, 422, r.reason);
    };
    refuse({ ...attempt, open: [period] });
    const window = { start: period.start - DAY, end: period.end + DAY };
    const days = calendar
      ? this.spaces.daysWith(space, window, calendar)
      : await this.spaces.days(space, window);
    refuse({ ...attempt, ...days });
  }

  private async replay(userId: string, key: string, hash: string): Promise<CreateOutcome | null> {
    const stored = await this.idempotency.find(userId, key);
    if (!stored) return null;
    if (stored.requestHash !== hash) {
      throw new DomainException(
        'IDEMPOTENCY_KEY_REUSED',
        422,
        'Cette clé d’idempotence a déjà servi pour une autre demande.',
      );
    }
    return { status: stored.status, booking: stored.response as Booking };
  }

  async get(caller: Caller, id: string): Promise<Booking> {
    await this.visible(caller, id);
    return (await this.bookings.findById(id))!;
  }

  async history(caller: Caller, id: string): Promise<{ items: BookingHistoryEntry[] }> {
    await this.visible(caller, id);
    return { items: await this.bookings.history(id) };
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

  async approve(caller: Caller, id: string): Promise<Booking> {
    const { facts } = await this.managed(caller, id);
    const r = this.decide('approve', facts, 'manager', Date.now());
    // The rules may have changed since the request (a closure, a smaller capacity, a suspended
    // organisation). Notice and horizon are judged at the moment of the request, which they were
    // about: a manager's delay must not turn a timely request into a late one.
    const current = await this.bookings.creationFacts(
      facts.spaceId,
      facts.organisationId,
      isoDate(facts.start - 2 * DAY),
      isoDate(facts.end + 2 * DAY),
    );
    if (!current)
      throw new DomainException('SPACE_NOT_BOOKABLE', 422, 'Cet espace n’est plus proposé à la réservation.');
    const { space, booker, calendar } = current;
    if (booker?.verification !== 'verified') throw unverified();
    admit(space, booker);
    const booking = (await this.bookings.findById(id))!;
    await this.checkPolicy(space, facts, booking.attendees, facts.createdAt, calendar);
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
    if (!facts) throw notFound('Cette réservation');
    const standing = standingOf(caller, facts);
    if (!standing.sees) throw notFound('Cette réservation');
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
}

const forbidden = () =>
  new DomainException('FORBIDDEN', 403, 'Vous ne pouvez pas faire cela sur cette réservation.');

export const unverified = () =>
  new DomainException(
    'ORGANISATION_NOT_VERIFIED',
    422,
    'Votre organisation doit être vérifiée par sa délégation régionale avant de pouvoir réserver.',
  );

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

/** Refuses an organisation outside the space's audience (its site's département or région). */
export function admit(space: BookableSpace, booker: BookerFacts): void {
  const { audience } = space.policy;
  if (audienceAdmits(audience, space.site, booker)) return;
  throw new DomainException(
    'OUTSIDE_AUDIENCE',
    422,
    audience === 'departement'
      ? 'Cet espace est réservé aux organisations du département du site.'
      : 'Cet espace est réservé aux organisations de la région du site.',
  );
}
