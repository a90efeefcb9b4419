import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { errorText, type Booking, type CreateBookingRequest, type ErrorMessage } from '@lieux/contracts';
import {
  audienceAdmits,
  bookingTerms,
  checkBooking,
  closedDayOf,
  type BookingAttempt,
  type Period,
  type PolicyViolation,
} from '@lieux/scheduling';
import type { Caller } from '../auth/current-user';
import {
  EXCLUSION_VIOLATION,
  FOREIGN_KEY_VIOLATION,
  sqlState,
  UNIQUE_VIOLATION,
} from '../database/database.module';
import { DomainException, notFound } from '../http/domain.exception';
import { Metrics } from '../metrics/metrics';
import { OutboxService } from '../notifications/outbox.service';
import { QuotasService } from '../quotas/quotas.service';
import { ReceiptsService } from '../receipts/receipts.service';
import type { BookableSpace, SiteCalendar } from '../sites/sites.types';
import { SpacesService } from '../sites/spaces.service';
import {
  BookingsRepository,
  type BookerFacts,
  type CreationFacts,
  type NewBooking,
} from './bookings.repository';
import { IdempotencyRepository, requestHash } from './idempotency.repository';

const DAY = 24 * 60 * 60_000;
// Clamped to four-digit years: a period reaching 9999-12-31 is refused by the rules, not by a date that
// neither ISO strings nor PostgreSQL take.
const FIRST_DATE = Date.parse('0001-01-01T00:00:00Z');
const LAST_DATE = Date.parse('9999-12-31T00:00:00Z');
const isoDate = (t: number) =>
  new Date(Math.min(Math.max(t, FIRST_DATE), LAST_DATE)).toISOString().slice(0, 10);

export interface Refusal {
  code: PolicyViolation;
  message: ErrorMessage;
  /** The message in French, as a series answers and stores a refused date. */
  reason: string;
}

/** The first rule an attempt breaks, in words; a closed day is named (the closure's reason, the holiday). */
export function refusalOf(
  violations: readonly PolicyViolation[],
  attempt: Pick<BookingAttempt, 'period' | 'closed'>,
): Refusal | null {
  const code = violations[0];
  if (!code) return null;
  const day = code === 'CLOSED' || code === 'HOLIDAY' ? closedDayOf(attempt) : undefined;
  const message: ErrorMessage =
    day?.kind === 'HOLIDAY'
      ? { key: 'HOLIDAY.named', params: { name: day.name } }
      : day?.kind === 'CLOSED'
        ? { key: 'CLOSED.named', params: { name: day.name } }
        : { key: code };
  return { code, message, reason: errorText(message, 'fr') };
}

/** The first rule of the space the attempt breaks (libs/scheduling `checkBooking`), in words. */
export function refusalAt(space: BookableSpace, attempt: BookingAttempt): Refusal | null {
  return refusalOf(checkBooking({ ...space.policy, capacity: space.capacity }, attempt), attempt);
}

/** An answer of a creation, as an idempotency key replays it. */
export interface Answer<T> {
  status: number;
  body: T;
}

/** The caller's idempotency key for one request, with the hash that tells a replay from a reuse. */
export interface Claim {
  userId: string;
  key: string;
  hash: string;
}

/** What a booking is for, whatever its period: every date of a series shares it. */
export interface Order {
  organisationId: string;
  bookedBy: string;
  title: string;
  attendees: number;
  /** The series the booking is a date of. */
  seriesId?: string;
  /** The organisation's project it serves. */
  projectId?: string;
}

/** An organisation that may book at a published space, with what its price depends on. */
export interface BookerAtSpace {
  organisationId: string;
  space: BookableSpace;
  booker: BookerFacts;
}

/** A booking ready to insert: its row, and the changes its history line and audit entry record. */
export interface Draft {
  row: NewBooking;
  changes: Record<string, unknown>;
}

/**
 * The one way a booking is made, alone (`POST /bookings`), as a date of a series or from a waiting-list
 * offer: who may book for which organisation, the space's rules, the price frozen on the booking, the
 * insert (one statement, see `BookingsRepository.insert`) and the replay of an idempotency key.
 */
@Injectable()
export class BookingCreation {
  constructor(
    private readonly db: DataSource,
    private readonly bookings: BookingsRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly spaces: SpacesService,
    private readonly outbox: OutboxService,
    private readonly metrics: Metrics,
    private readonly receipts: ReceiptsService,
    private readonly quotas: QuotasService,
  ) {}

  /** Books one period: `POST /bookings`, or a waiting-list offer accepted (its entry's id as the key). */
  async book(caller: Caller, input: CreateBookingRequest, key?: string): Promise<Answer<Booking>> {
    try {
      return await this.once(caller.userId, key, input, (claim) => this.bookOnce(caller, input, claim));
    } catch (err) {
      // SLOT_TAKEN only after `once`: a twin with the same key that took the slot first answers instead.
      const state = sqlState(err);
      const refusal =
        state === EXCLUSION_VIOLATION ? slotTaken() : state === FOREIGN_KEY_VIOLATION ? notAProject() : err;
      if (refusal instanceof DomainException) this.metrics.bookingRefused(refusal.code);
      throw refusal;
    }
  }

  private async bookOnce(
    caller: Caller,
    input: CreateBookingRequest,
    claim: Claim | null,
  ): Promise<Answer<Booking>> {
    const organisationId = organisationOf(caller);
    const period: Period = { start: Date.parse(input.start), end: Date.parse(input.end) };
    const facts = await this.facts(input.spaceId, organisationId, period);
    if (!facts) throw notFound('NOT_FOUND.space');
    const { space, booker, calendar } = facts;
    admit(space, booker);
    await this.checkPolicy(space, period, input.attendees, Date.now(), calendar);
    const { title, attendees, projectId } = input;
    const draft = draftBooking(
      space,
      booker,
      { organisationId, bookedBy: caller.userId, title, attendees, projectId },
      period,
    );
    const event = draft.row.status === 'confirmed' ? 'booking.confirmed' : 'booking.requested';
    let booking = bookingOf(draft.row, space, booker);
    let eventId: string | null;
    const paid = event === 'booking.confirmed' && draft.row.priceCents > 0;
    if (paid || facts.quotas.length > 0) {
      // A paid booking confirmed at once gets its receipt's number in the same transaction, and the
      // answer an idempotency key replays names it. A quota's check holds the organisation's lock until
      // the booking it allowed is written.
      [booking, eventId] = await this.db.transaction(async (tx) => {
        await this.quotas.hold(tx, {
          organisationId,
          siteId: space.site.id,
          timeZone: space.site.timeZone,
          rules: facts.quotas,
          spaceKind: space.kind,
          adding: [period],
        });
        const id = await this.bookings.insert(tx, draft.row, event, draft.changes, null);
        const answer = paid ? { ...booking, receipt: await this.receipts.issue(tx, draft.row.id) } : booking;
        if (claim) await this.remember(tx, claim, { status: 201, body: answer });
        return [answer, id] as const;
      });
    } else {
      // One autocommit statement: the insert takes its lock and writes everything at once.
      eventId = await this.bookings.insert(
        this.db.manager,
        draft.row,
        event,
        draft.changes,
        claim && { key: claim.key, hash: claim.hash, response: booking },
      );
    }
    if (eventId) this.outbox.handOut(eventId);
    this.metrics.bookingCreated(draft.row.status);
    return { status: 201, body: booking };
  }

  /**
   * The creation read (`BookingsRepository.creationFacts`), its calendar covering the window of
   * `checkPolicy` widened by a day on each side, so that UTC dates cover the site's local ones whatever
   * its zone.
   */
  facts(spaceId: string, organisationId: string, period: Period): Promise<CreationFacts | null> {
    return this.bookings.creationFacts(
      spaceId,
      organisationId,
      isoDate(period.start - 2 * DAY),
      isoDate(period.end + 2 * DAY),
    );
  }

  /**
   * The caller's organisation, the published space and the organisation's standing at its site, for the
   * paths that read the calendar apart (a series, the waiting list): 403 for a caller outside any
   * organisation, 404 for a space not published, 422 for an organisation not verified.
   */
  async booker(caller: Caller, spaceId: string): Promise<BookerAtSpace> {
    const organisationId = organisationOf(caller);
    const space = await this.spaces.get(spaceId);
    const booker = await this.bookings.bookerFacts(organisationId, space.site.id);
    verified(booker);
    return { organisationId, space, booker };
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
    const attempt = { period, attendees, now, timeZone: space.site.timeZone };
    const refuse = (a: BookingAttempt) => {
      const r = refusalAt(space, a);
      if (r) throw new DomainException(r.code, 422, r.message);
    };
    refuse({ ...attempt, open: [period] });
    const days = calendar
      ? this.spaces.daysAround(space, period, calendar)
      : await this.spaces.days(space, { start: period.start - DAY, end: period.end + DAY });
    refuse({ ...attempt, ...days });
  }

  /**
   * Runs a creation once per idempotency key of the caller. A key seen before answers what it answered
   * (422 when it served another request), and so does a concurrent twin that won the race, seen here as
   * the unique violation of its key or the exclusion violation of its slot. `create` stores its answer
   * under the claim it is given, in the same transaction as what it creates.
   */
  async once<T>(
    userId: string,
    key: string | undefined,
    request: unknown,
    create: (claim: Claim | null) => Promise<Answer<T>>,
  ): Promise<Answer<T>> {
    if (!key) return create(null);
    const claim = { userId, key, hash: requestHash(request) };
    const earlier = await this.replay<T>(claim);
    if (earlier) return earlier;
    try {
      return await create(claim);
    } catch (err) {
      const state = sqlState(err);
      if (state === EXCLUSION_VIOLATION || state === UNIQUE_VIOLATION) {
        const twin = await this.replay<T>(claim);
        if (twin) return twin;
      }
      throw err;
    }
  }

  /** Stores an answer under its claim inside the creation's own transaction (a series'). */
  async remember(em: EntityManager, claim: Claim, answer: Answer<unknown>): Promise<void> {
    await this.idempotency.claim(em, claim.userId, claim.key, claim.hash, answer.status, answer.body);
  }

  private async replay<T>(claim: Claim): Promise<Answer<T> | null> {
    const stored = await this.idempotency.find(claim.userId, claim.key);
    if (!stored) return null;
    if (stored.requestHash !== claim.hash) {
      throw new DomainException('IDEMPOTENCY_KEY_REUSED', 422, 'IDEMPOTENCY_KEY_REUSED');
    }
    return { status: stored.status, body: stored.response as T };
  }
}

/** A new booking of the space, on the terms its booker gets (libs/scheduling `bookingTerms`). */
export function draftBooking(space: BookableSpace, booker: BookerFacts, b: Order, period: Period): Draft {
  const terms = bookingTerms(space, booker, period);
  const row: NewBooking = {
    id: randomUUID(),
    spaceId: space.id,
    organisationId: b.organisationId,
    bookedBy: b.bookedBy,
    status: terms.status,
    period,
    blocked: terms.blocked,
    title: b.title,
    attendees: b.attendees,
    ...terms.price,
    createdAt: new Date(),
    seriesId: b.seriesId,
    projectId: b.projectId,
  };
  const changes = {
    status: [null, row.status],
    start: new Date(period.start).toISOString(),
    end: new Date(period.end).toISOString(),
    title: b.title,
    attendees: b.attendees,
    priceCents: row.priceCents,
    seriesId: b.seriesId,
    ...(b.projectId ? { projectId: b.projectId } : {}),
  };
  return { row, changes };
}

/** The answer to a booking just made, as `BookingsRepository.findById` would read it after commit. */
function bookingOf(row: NewBooking, space: BookableSpace, booker: BookerFacts): Booking {
  return {
    id: row.id,
    spaceId: space.id,
    spaceName: space.name,
    siteName: space.site.name,
    timeZone: space.site.timeZone,
    organisationId: row.organisationId,
    status: row.status,
    start: new Date(row.period.start).toISOString(),
    end: new Date(row.period.end).toISOString(),
    title: row.title,
    attendees: row.attendees,
    priceCents: row.priceCents,
    createdAt: row.createdAt.toISOString(),
    organisationName: booker.organisationName,
    siteId: space.site.id,
    listPriceCents: row.listPriceCents,
    discountPercent: row.discountPercent,
    discountBasis: row.discountBasis,
    cancellationReason: null,
    lateCancellation: false,
    rejectionReason: null,
    seriesId: null,
    projectId: row.projectId ?? null,
    checkedInAt: null,
    checkInMinutes: space.policy.checkInMinutes,
    receipt: null,
  };
}

/** A link to a project that is not one of the booking organisation's (the foreign key refused it). */
export const notAProject = () => notFound('NOT_FOUND.project');

/** The organisation the caller books for: 403 for a caller outside any. */
export function organisationOf(caller: Caller): string {
  if (caller.organisationId) return caller.organisationId;
  throw new DomainException('NOT_AN_ORGANISATION_MEMBER', 403, 'NOT_AN_ORGANISATION_MEMBER');
}

/** Refuses, 422, an organisation that does not exist or is not verified. */
export function verified(booker: BookerFacts | null): asserts booker is BookerFacts {
  if (booker?.verification === 'verified') return;
  throw new DomainException('ORGANISATION_NOT_VERIFIED', 422, 'ORGANISATION_NOT_VERIFIED');
}

/** Refuses an organisation not verified, or outside the space's audience (its site's département or région). */
export function admit(space: BookableSpace, booker: BookerFacts | null): asserts booker is BookerFacts {
  verified(booker);
  const { audience } = space.policy;
  if (audienceAdmits(audience, space.site, booker)) return;
  throw new DomainException(
    'OUTSIDE_AUDIENCE',
    422,
    audience === 'departement' ? 'OUTSIDE_AUDIENCE.departement' : 'OUTSIDE_AUDIENCE',
  );
}

const slotTaken = () => new DomainException('SLOT_TAKEN', 409, 'SLOT_TAKEN');
