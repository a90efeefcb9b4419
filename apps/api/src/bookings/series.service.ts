import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  errorText,
  type ErrorMessage,
  type BookingSeries,
  type CancelSeriesResponse,
  type CreateSeriesRequest,
  type CreateSeriesResponse,
  type SeriesDetail,
  type SeriesOccurrence,
} from '@lieux/contracts';
import {
  expandSeries,
  MAX_OCCURRENCE_HOURS,
  MAX_SERIES_OCCURRENCES,
  normaliseRule,
  seriesCalendarWindow,
  SeriesRuleError,
  type Period,
  type SeriesProblem,
} from '@lieux/scheduling';
import { AuditService } from '../audit/audit.service';
import { grantsOf, isAdmin, type Caller } from '../auth/current-user';
import { EXCLUSION_VIOLATION, FOREIGN_KEY_VIOLATION, sqlState } from '../database/database.module';
import { inSavepoint } from '../database/savepoint';
import { DomainException, notFound } from '../http/domain.exception';
import { OutboxService } from '../notifications/outbox.service';
import { QuotasService } from '../quotas/quotas.service';
import { ReceiptsService } from '../receipts/receipts.service';
import type { BookableSpace } from '../sites/sites.types';
import { SpacesService } from '../sites/spaces.service';
import {
  admit,
  BookingCreation,
  draftBooking,
  notAProject,
  refusalAt,
  type BookerAtSpace,
  type Claim,
  type Draft,
  type Order,
  type Refusal,
} from './booking-creation';
import { BookingsRepository, listBySeries } from './bookings.repository';
import { BookingsService } from './bookings.service';
import { SeriesRepository } from './series.repository';

const DAY = 24 * 60 * 60_000;

/** A date of the series with the rule it breaks, if it breaks one. */
interface Dated {
  period: Period;
  refusal: Refusal | null;
}

const SERIES_PROBLEMS: Record<SeriesProblem, ErrorMessage> = {
  INVALID_RULE: { key: 'INVALID_RECURRENCE' },
  UNSUPPORTED_RULE: { key: 'INVALID_RECURRENCE.unsupported' },
  NOT_FIRST_OCCURRENCE: { key: 'INVALID_RECURRENCE.notFirstOccurrence' },
  TOO_MANY_OCCURRENCES: { key: 'TOO_MANY_OCCURRENCES', params: { max: MAX_SERIES_OCCURRENCES } },
  NO_OCCURRENCE: { key: 'INVALID_RECURRENCE.noOccurrence' },
  INVALID_PERIOD: { key: 'INVALID_RECURRENCE.invalidPeriod', params: { hours: MAX_OCCURRENCE_HOURS } },
};

@Injectable()
export class SeriesService {
  constructor(
    private readonly db: DataSource,
    private readonly series: SeriesRepository,
    private readonly bookings: BookingsRepository,
    private readonly creation: BookingCreation,
    private readonly spaces: SpacesService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly lifecycle: BookingsService,
    private readonly receipts: ReceiptsService,
    private readonly quotas: QuotasService,
  ) {}

  /** Books every date of the rule that passes the rules: expand, check, persist. */
  async create(caller: Caller, input: CreateSeriesRequest, key?: string): Promise<CreateSeriesResponse> {
    const answer = await this.creation.once(caller.userId, key, { series: input }, async (claim) => {
      const booker = await this.creation.booker(caller, input.spaceId);
      admit(booker.space, booker.booker);
      const now = Date.now();
      const dates = await this.check(booker.space, expand(booker.space, input, now), input.attendees, now);
      try {
        const body = await this.persist(caller, booker, input, dates, claim);
        return { status: 201, body };
      } catch (err) {
        // The series' project is not one of the organisation's: its foreign key refused the link.
        if (sqlState(err) === FOREIGN_KEY_VIOLATION) throw notAProject();
        throw err;
      }
    });
    return answer.body;
  }

  /**
   * Each date against the space's rules, with the same words as a single booking (a holiday is named, not
   * "outside the hours"); 422 with each date's reason when none passes.
   */
  private async check(
    space: BookableSpace,
    occurrences: Period[],
    attendees: number,
    now: number,
  ): Promise<Dated[]> {
    const horizonEnd = now + space.policy.horizonDays * DAY;
    const days = await this.spaces.days(space, seriesCalendarWindow(occurrences, horizonEnd));
    const timeZone = space.site.timeZone;
    const dates = occurrences.map((period) => ({
      period,
      refusal: refusalAt(space, { period, attendees, now, timeZone, ...days }),
    }));
    if (dates.every((d) => d.refusal !== null)) {
      // Nothing bookable: nothing is stored, and each date says why.
      throw new DomainException(
        dates[0].refusal!.code,
        422,
        'INVALID_RECURRENCE.nothingBookable',
        dates.map((d, i) => ({
          path: `occurrences.${i}`,
          message: {
            fr: `${new Date(d.period.start).toISOString()} : ${d.refusal!.reason}`,
            en: `${new Date(d.period.start).toISOString()}: ${errorText(d.refusal!.message, 'en')}`,
          },
        })),
      );
    }
    return dates;
  }

  /**
   * Books the dates that passed, in one transaction with a savepoint per date: a date is booked whole
   * (booking and history) or refused with its reason, never half of one; the series, its e-mail and its
   * idempotency record commit with them.
   */
  private async persist(
    caller: Caller,
    who: BookerAtSpace,
    input: CreateSeriesRequest,
    dates: Dated[],
    claim: Claim | null,
  ): Promise<CreateSeriesResponse> {
    const { organisationId, space } = who;
    const id = randomUUID();
    const { title, attendees, projectId } = input;
    const order = { organisationId, bookedBy: caller.userId, title, attendees, seriesId: id, projectId };
    const status = space.policy.approvalRequired ? 'pending' : 'confirmed';
    const rules = await this.quotas.rulesAt(space.site.id, organisationId, space.kind);
    const answer = await this.db.transaction(async (em) => {
      // All the dates together against the quotas, before the first is written.
      await this.quotas.hold(em, {
        organisationId,
        siteId: space.site.id,
        timeZone: space.site.timeZone,
        rules,
        spaceKind: space.kind,
        adding: dates.filter((d) => !d.refusal).map((d) => d.period),
      });
      await this.series.insert(em, {
        id,
        spaceId: space.id,
        organisationId,
        createdBy: caller.userId,
        rrule: normaliseRule(input.rrule),
        timeZone: space.site.timeZone,
        firstStart: Date.parse(input.firstStart),
        firstEnd: Date.parse(input.firstEnd),
        title,
        attendees,
        projectId,
      });
      const results = await this.bookDates(em, who, order, dates);
      if (!results.some((r) => r.status === 'booked')) {
        // Every bookable date was taken meanwhile: roll the series back rather than keep an empty one.
        throw new DomainException('SLOT_TAKEN', 409, 'SLOT_TAKEN.wholeSeries');
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
      const dated = (wanted: SeriesOccurrence['status']) =>
        results.filter((r) => r.status === wanted).map((r) => ({ start: r.start, end: r.end }));
      await this.outbox.append(em, 'series.created', {
        seriesId: id,
        status,
        booked: dated('booked'),
        refused: dated('refused'),
      });
      if (claim) await this.creation.remember(em, claim, { status: 201, body: answer });
      return answer;
    });
    this.outbox.kick();
    return answer;
  }

  /** Each date booked in its savepoint, or refused: for the rule it breaks, or as taken meanwhile. */
  private async bookDates(
    em: EntityManager,
    { space, booker }: BookerAtSpace,
    order: Order,
    dates: Dated[],
  ): Promise<SeriesOccurrence[]> {
    const results: SeriesOccurrence[] = [];
    for (const { period, refusal } of dates) {
      const at = { start: new Date(period.start).toISOString(), end: new Date(period.end).toISOString() };
      const booked = refusal ? null : await this.bookDate(em, draftBooking(space, booker, order, period));
      const refused = booked ? null : (refusal ?? TAKEN);
      results.push(
        refused
          ? { ...at, status: 'refused', reason: refused.reason, code: refused.code, bookingId: null }
          : { ...at, status: 'booked', reason: null, code: null, bookingId: booked },
      );
    }
    return results;
  }

  /** One date in its savepoint: its booking's id, or null when the slot was taken meanwhile. */
  private async bookDate(em: EntityManager, draft: Draft): Promise<string | null> {
    try {
      // Booking, history and audit in one statement; the series sends one e-mail for all dates.
      await inSavepoint(em, async () => {
        await this.bookings.insert(em, draft.row, null, draft.changes, null);
        if (draft.row.status === 'confirmed') await this.receipts.issue(em, draft.row.id);
      });
      return draft.row.id;
    } catch (err) {
      if (sqlState(err) !== EXCLUSION_VIOLATION) throw err;
      return null;
    }
  }

  /**
   * Cancels every occurrence not yet started, through the booking lifecycle's own cancel (history, the
   * cancellation e-mail, the freed slot for the waiting list), all in one transaction with the series.
   */
  async cancelFuture(caller: Caller, id: string, reason?: string): Promise<CancelSeriesResponse> {
    const series = await this.visible(caller, id);
    const cancelled = await this.db.transaction(async (em) => {
      const future = await this.series.futureActive(id, Date.now(), em);
      const ids = future.map((f) => f.id);
      const dates: { start: string; end: string; invitedAt: string }[] = [];
      for (const { id: bookingId, invitedAt } of future) {
        // One e-mail for the series (below), not one per date.
        const booking = await this.lifecycle.cancel(caller, bookingId, reason ?? null, em, true);
        dates.push({ start: booking.start, end: booking.end, invitedAt });
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
      throw notFound('NOT_FOUND.series');
    }
    return series;
  }
}

export function publicSeries({
  siteId: _site,
  ...series
}: BookingSeries & { siteId: string }): BookingSeries {
  return series;
}

/** The dates of the rule within the space's horizon (a rule without an end is cut there), in its site's zone. */
function expand(space: BookableSpace, input: CreateSeriesRequest, now: number): Period[] {
  let occurrences: Period[];
  try {
    ({ occurrences } = expandSeries(
      {
        firstStart: Date.parse(input.firstStart),
        firstEnd: Date.parse(input.firstEnd),
        rrule: input.rrule,
        timeZone: space.site.timeZone,
      },
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
    // The library's French text may carry the parser's detail: French keeps it, English gets the catalogue's.
    const message = { fr: err.message, en: errorText(SERIES_PROBLEMS[err.problem], 'en') };
    throw new DomainException(tooMany ? 'TOO_MANY_OCCURRENCES' : 'INVALID_RECURRENCE', 422, message, [
      { path, message },
    ]);
  }
  if (occurrences.length === 0) throw new DomainException('BEYOND_HORIZON', 422, 'BEYOND_HORIZON');
  return occurrences;
}

/** A date that passed the rules but whose slot was booked meanwhile. */
const TAKEN = { code: 'SLOT_TAKEN', reason: 'Ce créneau est déjà réservé.' };
