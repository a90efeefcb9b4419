import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  BookingSeries,
  CancelSeriesResponse,
  ErrorCode,
  CreateSeriesRequest,
  CreateSeriesResponse,
  SeriesDetail,
  SeriesOccurrence,
} from '@lieux/contracts';
import {
  checkBooking,
  solidarityPrice,
  expandSeries,
  SeriesRuleError,
  blockedPeriod,
  type Period,
} from '@lieux/scheduling';
import { AuditService } from '../audit/audit.service';
import { grantsOf, isAdmin, type Caller } from '../auth/current-user';
import { EXCLUSION_VIOLATION, sqlState } from '../database/database.module';
import { DomainException, notFound } from '../http/domain.exception';
import { OutboxService } from '../notifications/outbox.service';
import { SpacesService } from '../sites/spaces.service';
import { BookingsRepository, listBySeries } from './bookings.repository';
import { admit, BookingsService, REFUSALS, refusalOf, unverified } from './bookings.service';
import { IdempotencyRepository, requestHash } from './idempotency.repository';
import { SeriesRepository } from './series.repository';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const UNIQUE_VIOLATION = '23505';

interface Refusal {
  code: string;
  reason: string;
}

@Injectable()
export class SeriesService {
  constructor(
    private readonly db: DataSource,
    private readonly series: SeriesRepository,
    private readonly bookings: BookingsRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly spaces: SpacesService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly lifecycle: BookingsService,
  ) {}

  /**
   * Books every occurrence that passes the rules, in one transaction with a savepoint per occurrence: an
   * occurrence is booked whole (booking and history) or refused with its reason, never half of one; the
   * series and its idempotency record commit with them.
   */
  async create(
    caller: Caller,
    input: CreateSeriesRequest,
    idempotencyKey?: string,
  ): Promise<CreateSeriesResponse> {
    const hash = requestHash({ series: input });
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
    const space = await this.spaces.get(input.spaceId);
    const booker = await this.bookings.bookerFacts(organisationId, space.site.id);
    if (booker?.verification !== 'verified') throw unverified();
    admit(space, booker);

    const now = Date.now();
    const timeZone = space.site.timeZone;
    const firstStart = Date.parse(input.firstStart);
    const firstEnd = Date.parse(input.firstEnd);
    let occurrences: Period[];
    try {
      ({ occurrences } = expandSeries(
        { firstStart, firstEnd, rrule: input.rrule, timeZone },
        { horizonEnd: now + space.policy.horizonDays * DAY },
      ));
    } catch (err) {
      if (!(err instanceof SeriesRuleError)) throw err;
      const tooMany = err.problem === 'TOO_MANY_OCCURRENCES';
      const path =
        err.problem === 'NOT_FIRST_OCCURRENCE'
          ? 'body.firstStart'
          : err.problem === 'INVALID_PERIOD'
            ? 'body.firstEnd'
            : 'body.rrule';
      throw new DomainException(tooMany ? 'TOO_MANY_OCCURRENCES' : 'INVALID_RECURRENCE', 422, err.message, [
        { path, message: err.message },
      ]);
    }
    if (occurrences.length === 0) {
      throw new DomainException('BEYOND_HORIZON', 422, REFUSALS.BEYOND_HORIZON);
    }

    // Dates past the horizon are refused without their calendar: a yearly rule must not make us expand
    // centuries of opening hours.
    const horizonEnd = now + space.policy.horizonDays * DAY;
    const window = {
      start: occurrences[0].start - DAY,
      end: Math.min(occurrences[occurrences.length - 1].end, horizonEnd + 2 * DAY) + DAY,
    };
    const days = await this.spaces.days(space, window);
    const rules = { ...space.policy, capacity: space.capacity };
    // The same check, and the same words, as a single booking: a holiday is named, not "outside the hours".
    const refusals = occurrences.map((period): Refusal | null => {
      const attempt = { period, attendees: input.attendees, now, timeZone, ...days };
      return refusalOf(checkBooking(rules, attempt), attempt);
    });

    if (refusals.every((r) => r !== null)) {
      // Nothing bookable: nothing is stored, and each date says why.
      throw new DomainException(
        refusals[0]!.code as ErrorCode,
        422,
        'Aucune occurrence de cette série ne peut être réservée.',
        refusals.map((r, i) => ({
          path: `occurrences.${i}`,
          message: `${new Date(occurrences[i].start).toISOString()} : ${r!.reason}`,
        })),
      );
    }

    const id = randomUUID();
    const status = space.policy.approvalRequired ? 'pending' : 'confirmed';
    try {
      const answer = await this.db.transaction(async (em) => {
        await this.series.insert(em, {
          id,
          spaceId: space.id,
          organisationId,
          createdBy: caller.userId,
          rrule: input.rrule
            .trim()
            .replace(/^RRULE:/i, '')
            .toUpperCase(),
          timeZone,
          firstStart,
          firstEnd,
          title: input.title,
          attendees: input.attendees,
        });
        const results: SeriesOccurrence[] = [];
        for (const [i, period] of occurrences.entries()) {
          const at = { start: new Date(period.start).toISOString(), end: new Date(period.end).toISOString() };
          const refusal = refusals[i];
          if (refusal) {
            results.push({
              ...at,
              status: 'refused',
              reason: refusal.reason,
              code: refusal.code,
              bookingId: null,
            });
            continue;
          }
          const bookingId = randomUUID();
          const price = solidarityPrice({
            hourlyRateCents: space.price.hourlyRateCents,
            minutes: (period.end - period.start) / MINUTE,
            legalForm: booker.legalForm,
            esus: booker.esus,
            discounts: booker.discounts,
          });
          await em.query('SAVEPOINT occurrence');
          try {
            // Booking, history and audit in one statement; the series sends one e-mail for all dates.
            await this.bookings.insert(
              em,
              {
                id: bookingId,
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
                createdAt: new Date(),
                seriesId: id,
              },
              null,
              {
                status: [null, status],
                start: at.start,
                end: at.end,
                title: input.title,
                attendees: input.attendees,
                priceCents: price.priceCents,
                seriesId: id,
              },
              null,
            );
            await em.query('RELEASE SAVEPOINT occurrence');
            results.push({ ...at, status: 'booked', reason: null, code: null, bookingId });
          } catch (err) {
            if (sqlState(err) !== EXCLUSION_VIOLATION) throw err;
            await em.query('ROLLBACK TO SAVEPOINT occurrence');
            results.push({
              ...at,
              status: 'refused',
              reason: 'Ce créneau est déjà réservé.',
              code: 'SLOT_TAKEN',
              bookingId: null,
            });
          }
        }
        if (!results.some((r) => r.status === 'booked')) {
          // Every bookable date was taken meanwhile: roll the series back rather than keep an empty one.
          throw new DomainException(
            'SLOT_TAKEN',
            409,
            'Tous les créneaux de cette série sont déjà réservés.',
          );
        }
        await this.audit.record(em, {
          actorId: caller.userId,
          entity: 'booking_series',
          entityId: id,
          action: 'created',
          changes: {
            rrule: input.rrule,
            booked: results.filter((r) => r.status === 'booked').length,
            refused: results.filter((r) => r.status === 'refused').length,
          },
        });
        const series = (await this.series.find(id, em))!;
        const answer: CreateSeriesResponse = { series: publicSeries(series), occurrences: results };
        // The e-mail describes this booking of the series, whatever becomes of it before the job runs.
        const dates = (wanted: SeriesOccurrence['status']) =>
          results.filter((r) => r.status === wanted).map((r) => ({ start: r.start, end: r.end }));
        await this.outbox.append(em, 'series.created', {
          seriesId: id,
          status,
          booked: dates('booked'),
          refused: dates('refused'),
        });
        if (idempotencyKey)
          await this.idempotency.claim(em, caller.userId, idempotencyKey, hash, 201, answer);
        return answer;
      });
      this.outbox.kick();
      return answer;
    } catch (err) {
      // A concurrent twin with the same key won: answer what it answered.
      if (idempotencyKey && sqlState(err) === UNIQUE_VIOLATION) {
        const replay = await this.replay(caller.userId, idempotencyKey, hash);
        if (replay) return replay;
      }
      throw err;
    }
  }

  /**
   * Cancels every occurrence not yet started, through the booking lifecycle's own cancel (history, the
   * cancellation e-mail, the freed slot for the waiting list), all in one transaction with the series.
   */
  async cancelFuture(caller: Caller, id: string, reason?: string): Promise<CancelSeriesResponse> {
    const series = await this.visible(caller, id);
    const cancelled = await this.db.transaction(async (em) => {
      const ids = await this.series.futureActive(id, Date.now(), em);
      const dates: { start: string; end: string }[] = [];
      for (const bookingId of ids) {
        // One e-mail for the series (below), not one per date.
        const booking = await this.lifecycle.cancel(caller, bookingId, reason ?? null, em, true);
        dates.push({ start: booking.start, end: booking.end });
      }
      await this.series.markCancelled(em, id);
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'booking_series',
        entityId: id,
        action: 'cancelled',
        changes: { status: [series.status, 'cancelled'], bookings: ids, reason: reason ?? null },
      });
      if (ids.length > 0) {
        const { standing, sequence } = await this.series.afterCancel(id, em);
        await this.outbox.append(em, 'series.cancelled', {
          seriesId: id,
          cancelled: dates,
          whole: standing === 0,
          sequence,
          reason: reason?.trim() || null,
        });
      }
      return ids;
    });
    this.outbox.kick();
    return { series: publicSeries((await this.series.find(id))!), cancelled };
  }

  async get(caller: Caller, id: string): Promise<SeriesDetail> {
    const series = await this.visible(caller, id);
    return { series: publicSeries(series), bookings: await listBySeries(this.db, id) };
  }

  /** The series if the caller may see it: its organisation, the site's managers, admins. */
  async visible(caller: Caller, id: string): Promise<BookingSeries & { siteId: string }> {
    const series = await this.series.find(id);
    if (
      !series ||
      !(
        series.organisationId === caller.organisationId ||
        isAdmin(caller) ||
        grantsOf(caller, 'site_manager').some((g) => g.siteId === series.siteId)
      )
    ) {
      throw notFound('Cette série');
    }
    return series;
  }

  private async replay(userId: string, key: string, hash: string): Promise<CreateSeriesResponse | null> {
    const stored = await this.idempotency.find(userId, key);
    if (!stored) return null;
    if (stored.requestHash !== hash) {
      throw new DomainException(
        'IDEMPOTENCY_KEY_REUSED',
        422,
        'Cette clé d’idempotence a déjà servi pour une autre demande.',
      );
    }
    return stored.response as CreateSeriesResponse;
  }
}

export function publicSeries({
  siteId: _site,
  ...series
}: BookingSeries & { siteId: string }): BookingSeries {
  return series;
}
