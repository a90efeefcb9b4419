import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ESUS_APPROVAL_YEARS,
  type Booking,
  type BookingHistoryEntry,
  type BookingStatus,
  type SiteDiscount as SiteDiscountBody,
} from '@lieux/contracts';
import type { BookingAction, Period, QuotaRuleFacts, SiteDiscount } from '@lieux/scheduling';
import type { BookableSpace, SiteCalendar } from '../sites/sites.types';
import { prepared, runPrepared } from '../database/prepared';
import { currentRequestId } from '../http/request-id';
import { applicableRulesJson } from '../quotas/quotas.repository';
import { SELECT_SPACE, toSpace, type SpaceRow } from '../sites/spaces.repository';
import { localTodaySql } from '../geography/time-zones';

export interface NewBooking {
  id: string;
  spaceId: string;
  organisationId: string;
  bookedBy: string;
  status: BookingStatus;
  period: Period;
  blocked: Period;
  title: string;
  attendees: number;
  priceCents: number;
  listPriceCents: number;
  discountPercent: number;
  discountBasis: string | null;
  createdAt: Date;
  /** The series the booking is an occurrence of. */
  seriesId?: string;
  /** The organisation's project it serves (the foreign key refuses another organisation's: 23503). */
  projectId?: string;
}

/** What a booking of the caller's organisation at a site needs to know about both, read in one query. */
export interface BookerFacts {
  verification: 'pending' | 'verified' | 'rejected';
  legalForm: string;
  esus: boolean;
  organisationName: string;
  discounts: SiteDiscount[];
  departementCode: string;
  regionCode: string;
}

/** A booking with what deciding on it needs: where it is, whose it is. */
export interface BookingFacts {
  id: string;
  status: BookingStatus;
  start: number;
  end: number;
  createdAt: number;
  /** When it became a request awaiting an answer: its creation, or the move that made it one again. */
  requestedAt: number;
  spaceId: string;
  siteId: string;
  regionCode: string;
  organisationId: string;
}

/** Who may see which bookings; `all` for admins. */
export interface Visibility {
  all: boolean;
  organisationId: string | null;
  siteIds: string[];
  regionCodes: string[];
}

export interface BookingFilters {
  organisationId?: string;
  spaceId?: string;
  siteId?: string;
  projectId?: string;
  statuses?: BookingStatus[];
  from?: string;
  to?: string;
}

/** The columns a change may set besides its status (a fixed list: never built from input). */
export interface ChangeFields {
  decided_by?: string | null;
  rejection_reason?: string | null;
  cancelled_by?: string | null;
  cancellation_reason?: string | null;
  late_cancellation?: boolean;
}

export type BookingEvent = 'booking.confirmed' | 'booking.rejected' | 'booking.cancelled' | 'booking.expired';

/** What creating a booking reads before writing: the space, the booker, the site's calendar near the period. */
export interface CreationFacts {
  space: BookableSpace;
  booker: BookerFacts | null;
  calendar: SiteCalendar;
  /** The quota rules that may hold for the organisation at the space (before overrides); mostly none. */
  quotas: QuotaRuleFacts[];
}

const BOOKER_COLUMNS = `o.verification, o.legal_form, o.name AS organisation_name, o.departement_code AS organisation_departement,
  o.region_code AS organisation_region,
  coalesce(o.esus_approved_on + make_interval(years => ${ESUS_APPROVAL_YEARS}) >= ${localTodaySql('o.departement_code')}, false) AS esus`;

interface BookerRow {
  verification: BookerFacts['verification'];
  legal_form: string;
  esus: boolean;
  organisation_name: string;
  discounts: SiteDiscount[];
  organisation_departement: string;
  organisation_region: string;
}

function toBooker(r: BookerRow): BookerFacts {
  return {
    verification: r.verification,
    legalForm: r.legal_form,
    esus: r.esus,
    organisationName: r.organisation_name,
    discounts: r.discounts,
    departementCode: r.organisation_departement,
    regionCode: r.organisation_region,
  };
}

const range = (p: Period) => `[${new Date(p.start).toISOString()},${new Date(p.end).toISOString()})`;

const SELECT_BOOKING = `
  SELECT b.id, b.space_id, sp.name AS space_name, s.id AS site_id, s.name AS site_name, s.time_zone,
         b.organisation_id, o.name AS organisation_name, b.status,
         lower(b.period) AS start_at, upper(b.period) AS end_at, b.title, b.attendees, b.price_cents,
         coalesce(b.list_price_cents, b.price_cents) AS list_price_cents, b.discount_percent, b.discount_basis, b.cancellation_reason, b.late_cancellation,
         b.rejection_reason, b.created_at, b.series_id, b.project_id, r.number AS receipt_number, r.issued_at AS receipt_issued_at,
         b.checked_in_at, sp.check_in_minutes
    FROM bookings b JOIN spaces sp ON sp.id = b.space_id JOIN sites s ON s.id = sp.site_id
    JOIN organisations o ON o.id = b.organisation_id
    LEFT JOIN LATERAL (SELECT number, issued_at FROM receipts WHERE booking_id = b.id
                        ORDER BY cancelled_at IS NULL DESC, issued_at DESC LIMIT 1) r ON true`;

type CreationRow = SpaceRow &
  BookerRow & {
    organisation_id: string | null;
    closures: SiteCalendar['closures'];
    holiday_openings: SiteCalendar['holidayOpenings'];
    quotas: QuotaRuleFacts[];
  };

/** See {@link BookingsRepository.creationFacts}. */
const CREATION_FACTS = prepared(
  'booking_creation_facts',
  `SELECT x.*, ${BOOKER_COLUMNS}, o.id AS organisation_id,
              coalesce((SELECT json_agg(json_build_object('basis', d.basis, 'percent', d.percent))
                          FROM site_discounts d WHERE d.site_id = x.site_id), '[]'::json) AS discounts,
              coalesce((SELECT json_agg(json_build_object('id', c.id, 'startsOn', to_char(c.starts_on, 'YYYY-MM-DD'),
                                                          'endsOn', to_char(c.ends_on, 'YYYY-MM-DD'), 'reason', c.reason))
                          FROM site_closures c WHERE c.site_id = x.site_id AND c.starts_on <= $4 AND c.ends_on >= $3),
                       '[]'::json) AS closures,
              coalesce((SELECT json_agg(to_char(h.date, 'YYYY-MM-DD'))
                          FROM site_holiday_openings h WHERE h.site_id = x.site_id AND h.date BETWEEN $3 AND $4),
                       '[]'::json) AS holiday_openings,
              ${applicableRulesJson('x.site_id', '$2', 'x.kind')} AS quotas
         FROM (${SELECT_SPACE} WHERE sp.id = $1 AND sp.status = 'published') x
         LEFT JOIN organisations o ON o.id = $2`,
);

/** See {@link BookingsRepository.insert}; exported for the booking bench, which runs it alone. */
export const INSERT_BOOKING = prepared(
  'booking_insert',
  `WITH l AS (SELECT pg_advisory_xact_lock(hashtextextended($21::text, 0))),
       b AS (
         INSERT INTO bookings (id, space_id, organisation_id, booked_by, status, period, blocked_period, title,
                               attendees, price_cents, list_price_cents, discount_percent, discount_basis,
                               created_at, updated_at, series_id, project_id)
         SELECT $1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::text, $6::tstzrange, $7::tstzrange, $8::text, $9::integer,
                $10::integer, $11::integer, $12::smallint, $13::text, $14::timestamptz, $14::timestamptz, $20::uuid,
                $23::uuid
           FROM l
         RETURNING id),
       h AS (INSERT INTO booking_history (booking_id, at, actor_id, from_status, to_status, changes)
             SELECT id, $14, $4, NULL, $5, $15 FROM b),
       a AS (INSERT INTO audit_log (at, actor_id, entity, entity_id, action, changes)
             SELECT $14, $4, 'booking', id, 'created', $15 FROM b),
       o AS (INSERT INTO outbox (type, payload, request_id, enqueued_at)
             SELECT $16::text, jsonb_build_object('bookingId', id), $22::text, now() FROM b WHERE $16::text IS NOT NULL
             RETURNING id),
       k AS (INSERT INTO idempotency_keys (user_id, key, request_hash, status, response)
             SELECT $4, $17::text, $18, 201, $19 FROM b WHERE $17::text IS NOT NULL)
       SELECT b.id, (SELECT o.id FROM o) AS event_id FROM b`,
);

/** The parameters of {@link INSERT_BOOKING}, in its order. */
export function insertParams(
  b: NewBooking,
  event: 'booking.confirmed' | 'booking.requested' | null,
  audit: Record<string, unknown>,
  idempotency: { key: string; hash: string; response: unknown } | null,
  requestId: string | undefined,
): unknown[] {
  return [
    b.id,
    b.spaceId,
    b.organisationId,
    b.bookedBy,
    b.status,
    range(b.period),
    range(b.blocked),
    b.title,
    b.attendees,
    b.priceCents,
    b.listPriceCents,
    b.discountPercent,
    b.discountBasis,
    b.createdAt.toISOString(),
    JSON.stringify(audit),
    event,
    idempotency?.key ?? null,
    idempotency?.hash ?? null,
    idempotency ? JSON.stringify(idempotency.response) : null,
    b.seriesId ?? null,
    b.spaceId,
    requestId ?? null,
    b.projectId ?? null,
  ];
}

@Injectable()
export class BookingsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * The organisation's standing and the site's solidarity discounts together: one round trip on the
   * booking path, where asking the organisations module and then the discounts would take two.
   */
  async bookerFacts(organisationId: string, siteId: string): Promise<BookerFacts | null> {
    const rows = await this.db.query(
      `SELECT ${BOOKER_COLUMNS},
              coalesce((SELECT json_agg(json_build_object('basis', d.basis, 'percent', d.percent))
                          FROM site_discounts d WHERE d.site_id = $2), '[]'::json) AS discounts
         FROM organisations o WHERE o.id = $1`,
      [organisationId, siteId],
    );
    return rows[0] ? toBooker(rows[0]) : null;
  }

  /**
   * A published space, the booker's standing with the site's discounts, and the site's closures and holiday
   * openings between two dates, in one round trip: the booking path's reads, which took six. Null when the
   * space is not published; `booker` null when the organisation does not exist.
   */
  async creationFacts(
    spaceId: string,
    organisationId: string,
    fromDate: string,
    toDate: string,
  ): Promise<CreationFacts | null> {
    const rows = await runPrepared<CreationRow>(this.db.manager, CREATION_FACTS, [
      spaceId,
      organisationId,
      fromDate,
      toDate,
    ]);
    const r = rows[0];
    if (!r) return null;
    return {
      space: { ...toSpace(r), photos: [] },
      booker: r.organisation_id ? toBooker(r) : null,
      calendar: { closures: r.closures, holidayOpenings: r.holiday_openings },
      quotas: r.quotas,
    };
  }

  /**
   * Inserts the booking with its first history line, its audit entry, its outbox event and (when given)
   * its idempotency key, in one statement: `em` may be a transaction's or, alone, `this.db.manager`. Raises SQLSTATE 23P01 when an active booking of the space
   * overlaps `blocked`, and 23505 when the idempotency key was taken meanwhile.
   *
   * Answers the event's id, already marked handed out: the caller hands it to the queue itself after the
   * commit (`OutboxService.handOut`), so that the relay neither reads nor updates its row. Should the
   * process stop in between, the relay's sweep hands it out after OUTBOX_SWEEP_SECONDS, as any event lost.
   */
  async insert(
    em: EntityManager,
    b: NewBooking,
    /** Null for a series' occurrences: the series sends one e-mail for all of them. */
    event: 'booking.confirmed' | 'booking.requested' | null,
    audit: Record<string, unknown>,
    idempotency: { key: string; hash: string; response: unknown } | null,
  ): Promise<string | null> {
    // The constraint alone is the guarantee. The lock only queues writers of the same space: without it,
    // simultaneous inserts that meet on the exclusion constraint wait for each other's in-progress rows
    // and deadlock (seen here: 20 requests for one slot, up to 19 aborted as deadlock victims). Taken by
    // the insert itself, before its row exists, so that a caller without a transaction of its own needs
    // one autocommit statement (one round trip) rather than BEGIN, lock, insert, COMMIT.
    const [row] = await runPrepared<{ event_id: string | null }>(
      em,
      INSERT_BOOKING,
      insertParams(b, event, audit, idempotency, currentRequestId()),
    );
    return row?.event_id ?? null;
  }

  /** The lock that queues the writers of one space's active bookings (the insert takes it too). */
  async lockSpace(em: EntityManager, spaceId: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))`, [spaceId]);
  }

  async findById(id: string, em: EntityManager = this.db.manager): Promise<Booking | null> {
    const rows = await em.query(`${SELECT_BOOKING} WHERE b.id = $1`, [id]);
    return rows[0] ? toBooking(rows[0]) : null;
  }

  async facts(id: string, em: EntityManager = this.db.manager): Promise<BookingFacts | null> {
    const rows = await em.query(
      `SELECT b.id, b.status, lower(b.period) AS s, upper(b.period) AS e, b.created_at,
              coalesce(b.requested_at, b.created_at) AS requested_at, b.space_id,
              sp.site_id, sp.region_code, b.organisation_id
         FROM bookings b JOIN spaces sp ON sp.id = b.space_id WHERE b.id = $1`,
      [id],
    );
    const r = rows[0];
    return r
      ? {
          id: r.id,
          status: r.status,
          start: new Date(r.s).getTime(),
          end: new Date(r.e).getTime(),
          createdAt: new Date(r.created_at).getTime(),
          requestedAt: new Date(r.requested_at).getTime(),
          spaceId: r.space_id,
          siteId: r.site_id,
          regionCode: r.region_code,
          organisationId: r.organisation_id,
        }
      : null;
  }

  /**
   * Moves a booking from `from` to `to` if it is still in `from`, with its history line, audit entry and
   * outbox event, in one statement. False when somebody else changed it first. The event carries the
   * number of earlier changes (the statement does not see its own history line) as the calendar SEQUENCE.
   */
  async change(
    em: EntityManager,
    c: {
      id: string;
      action: BookingAction;
      from: BookingStatus;
      to: BookingStatus;
      actorId: string | null;
      reason: string | null;
      fields: ChangeFields;
      event: BookingEvent | null;
      /** The event's e-mail is carried by another event (a series cancelled as a whole): none of its own. */
      quiet?: boolean;
    },
  ): Promise<boolean> {
    const params: unknown[] = [
      c.id,
      c.from,
      c.to,
      c.actorId,
      c.reason,
      c.action,
      c.event,
      currentRequestId() ?? null,
      JSON.stringify(c.quiet ? { mail: false } : {}),
    ];
    const sets = ['status = $3', 'updated_at = now()'];
    for (const [column, value] of Object.entries(c.fields)) {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    }
    if (c.to === 'cancelled') sets.push('cancelled_at = now()');
    if (c.action === 'approve' || c.action === 'reject') sets.push('decided_at = now()');
    if (c.to === 'no_show') sets.push('no_show_at = now()');
    const changes = { status: [c.from, c.to], ...c.fields };
    params.push(JSON.stringify(changes));
    const changesParam = `$${params.length}`;
    const rows = await em.query(
      `WITH b AS (UPDATE bookings SET ${sets.join(', ')} WHERE id = $1 AND status = $2 RETURNING id),
       h AS (INSERT INTO booking_history (booking_id, actor_id, from_status, to_status, changes, reason)
             SELECT id, $4, $2, $3, ${changesParam}, $5 FROM b),
       a AS (INSERT INTO audit_log (actor_id, entity, entity_id, action, changes)
             SELECT $4, 'booking', id, $6, ${changesParam} FROM b),
       o AS (INSERT INTO outbox (type, payload, request_id)
             SELECT $7::text, jsonb_build_object('bookingId', id, 'sequence',
                      (SELECT count(*) FROM booking_history WHERE booking_id = $1)) || $9::jsonb, $8::text
               FROM b WHERE $7::text IS NOT NULL)
       SELECT id FROM b`,
      params,
    );
    return rows.length === 1;
  }

  /**
   * Changes a booking's period, number of people and terms if it is still as `was` says, with its history
   * line, audit entry and `booking.updated` event (its SEQUENCE the number of earlier changes, as `change`
   * gives it), in one statement. Raises SQLSTATE 23P01 when the new blocked period meets another active
   * booking of the space; false when somebody else changed the booking first. A booking that becomes a
   * request again counts its expiry and reminder from now; a moved one is reminded again before its new
   * start; a moved date of a series keeps where it was first invited (its RECURRENCE-ID).
   */
  async changeTerms(
    em: EntityManager,
    c: {
      id: string;
      was: { status: BookingStatus; period: Period; attendees: number };
      status: BookingStatus;
      period: Period;
      blocked: Period;
      attendees: number;
      price: Pick<NewBooking, 'priceCents' | 'listPriceCents' | 'discountPercent' | 'discountBasis'>;
      actorId: string;
      reason: string | null;
      changes: Record<string, unknown>;
      payload: Record<string, unknown>;
    },
  ): Promise<boolean> {
    const rows = await em.query(
      `WITH b AS (
         UPDATE bookings
            SET period = $2::tstzrange, blocked_period = $3::tstzrange, attendees = $4, status = $5,
                price_cents = $6, list_price_cents = $7, discount_percent = $8, discount_basis = $9,
                requested_at = CASE WHEN $5 = 'pending' AND status <> 'pending' THEN now() ELSE requested_at END,
                managers_reminded_at = CASE WHEN $5 = 'pending' AND status <> 'pending' THEN NULL ELSE managers_reminded_at END,
                reminder_sent_at = CASE WHEN period <> $2::tstzrange THEN NULL ELSE reminder_sent_at END,
                original_start = CASE WHEN series_id IS NOT NULL AND period <> $2::tstzrange
                                      THEN coalesce(original_start, lower(period)) ELSE original_start END,
                updated_at = now()
          WHERE id = $1 AND status = $10 AND period = $11::tstzrange AND attendees = $12
          RETURNING id),
       h AS (INSERT INTO booking_history (booking_id, actor_id, from_status, to_status, changes, reason)
             SELECT id, $13, $10, $5, $14, $15 FROM b),
       a AS (INSERT INTO audit_log (actor_id, entity, entity_id, action, changes)
             SELECT $13, 'booking', id, 'changed', $14 FROM b),
       o AS (INSERT INTO outbox (type, payload, request_id)
             SELECT 'booking.updated', jsonb_build_object('bookingId', id, 'sequence',
                      (SELECT count(*) FROM booking_history WHERE booking_id = $1)) || $16::jsonb, $17::text
               FROM b)
       SELECT id FROM b`,
      [
        c.id,
        range(c.period),
        range(c.blocked),
        c.attendees,
        c.status,
        c.price.priceCents,
        c.price.listPriceCents,
        c.price.discountPercent,
        c.price.discountBasis,
        c.was.status,
        range(c.was.period),
        c.was.attendees,
        c.actorId,
        JSON.stringify(c.changes),
        c.reason,
        JSON.stringify(c.payload),
        currentRequestId() ?? null,
      ],
    );
    return rows.length === 1;
  }

  async history(id: string): Promise<BookingHistoryEntry[]> {
    const rows: {
      at: Date;
      actor_id: string | null;
      actor_name: string | null;
      from_status: BookingStatus | null;
      to_status: BookingStatus;
      changes: Record<string, unknown>;
      reason: string | null;
    }[] = await this.db.query(
      `SELECT h.at, h.actor_id, u.display_name AS actor_name, h.from_status, h.to_status, h.changes, h.reason
         FROM booking_history h LEFT JOIN users u ON u.id = h.actor_id
        WHERE h.booking_id = $1 ORDER BY h.id`,
      [id],
    );
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      actor: r.actor_id && r.actor_name ? { id: r.actor_id, name: r.actor_name } : null,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      changes: r.changes,
      reason: r.reason,
    }));
  }

  async discounts(siteId: string): Promise<SiteDiscountBody[]> {
    return this.db.query(`SELECT basis, percent FROM site_discounts WHERE site_id = $1 ORDER BY basis`, [
      siteId,
    ]);
  }

  async replaceDiscounts(
    em: EntityManager,
    siteId: string,
    discounts: readonly SiteDiscount[],
  ): Promise<void> {
    await em.query(`DELETE FROM site_discounts WHERE site_id = $1`, [siteId]);
    if (discounts.length === 0) return;
    await em.query(
      `INSERT INTO site_discounts (site_id, basis, percent)
       SELECT $1, d.basis, d.percent FROM jsonb_to_recordset($2::jsonb) AS d(basis text, percent smallint)`,
      [siteId, JSON.stringify(discounts)],
    );
  }

  /** Active bookings' blocked periods meeting the window, without anything that names who booked. */
  async findBusy(spaceId: string, window: Period): Promise<Period[]> {
    const rows: { s: Date; e: Date }[] = await this.db.query(
      `SELECT lower(blocked_period) AS s, upper(blocked_period) AS e
         FROM bookings
        WHERE space_id = $1 AND status IN ('pending', 'confirmed') AND blocked_period && $2::tstzrange
        ORDER BY lower(blocked_period)`,
      [spaceId, range(window)],
    );
    return rows.map((r) => ({ start: new Date(r.s).getTime(), end: new Date(r.e).getTime() }));
  }

  /**
   * As `findBusy`, for several spaces in one statement: each id probes the exclusion constraint's index
   * on (space, period), which the window index (the whole country's bookings of the window) cannot match
   * for a handful of spaces.
   */
  async findBusyMany(spaceIds: string[], window: Period): Promise<Map<string, Period[]>> {
    const rows: { space_id: string; s: Date; e: Date }[] = await this.db.query(
      `SELECT ids.id AS space_id, lower(b.blocked_period) AS s, upper(b.blocked_period) AS e
         FROM unnest($1::uuid[]) AS ids (id)
         JOIN LATERAL (SELECT blocked_period FROM bookings
                        WHERE space_id = ids.id AND status IN ('pending', 'confirmed') AND blocked_period && $2::tstzrange) b ON true
        ORDER BY ids.id, lower(b.blocked_period)`,
      [spaceIds, range(window)],
    );
    const bySpace = new Map<string, Period[]>(spaceIds.map((id) => [id, []]));
    for (const r of rows)
      bySpace.get(r.space_id)?.push({ start: new Date(r.s).getTime(), end: new Date(r.e).getTime() });
    return bySpace;
  }

  /** Keyset page of the bookings the caller may see that match the filters, latest start first. */
  async list(
    visibility: Visibility,
    f: BookingFilters,
    limit: number,
    after?: { start: string; id: string },
  ): Promise<Booking[]> {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (!visibility.all) {
      const scope: string[] = [];
      if (visibility.organisationId) scope.push(`b.organisation_id = ${p(visibility.organisationId)}`);
      if (visibility.siteIds.length > 0) scope.push(`sp.site_id = ANY(${p(visibility.siteIds)}::uuid[])`);
      if (visibility.regionCodes.length > 0)
        scope.push(`sp.region_code = ANY(${p(visibility.regionCodes)}::text[])`);
      if (scope.length === 0) return [];
      where.push(`(${scope.join(' OR ')})`);
    }
    if (f.organisationId) where.push(`b.organisation_id = ${p(f.organisationId)}`);
    if (f.spaceId) where.push(`b.space_id = ${p(f.spaceId)}`);
    if (f.siteId) where.push(`sp.site_id = ${p(f.siteId)}`);
    if (f.projectId) where.push(`b.project_id = ${p(f.projectId)}`);
    if (f.statuses?.length) where.push(`b.status = ANY(${p(f.statuses)}::text[])`);
    if (f.from) where.push(`upper(b.period) > ${p(f.from)}::timestamptz`);
    if (f.to) where.push(`lower(b.period) < ${p(f.to)}::timestamptz`);
    if (after) where.push(`(lower(b.period), b.id) < (${p(after.start)}::timestamptz, ${p(after.id)}::uuid)`);
    const rows = await this.db.query(
      `${SELECT_BOOKING} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY lower(b.period) DESC, b.id DESC LIMIT ${p(limit)}`,
      params,
    );
    return rows.map(toBooking);
  }
}

/** The bookings of a series, in order, every status. */
export async function listBySeries(db: DataSource, seriesId: string): Promise<Booking[]> {
  const rows = await db.query(`${SELECT_BOOKING} WHERE b.series_id = $1 ORDER BY lower(b.period), b.id`, [
    seriesId,
  ]);
  return rows.map(toBooking);
}

interface BookingRow {
  id: string;
  space_id: string;
  space_name: string;
  site_id: string;
  site_name: string;
  time_zone: string;
  organisation_id: string;
  organisation_name: string;
  status: BookingStatus;
  start_at: Date;
  end_at: Date;
  title: string;
  attendees: number;
  price_cents: number;
  list_price_cents: number;
  discount_percent: number;
  discount_basis: string | null;
  cancellation_reason: string | null;
  late_cancellation: boolean;
  rejection_reason: string | null;
  created_at: Date;
  series_id: string | null;
  project_id: string | null;
  receipt_number: string | null;
  receipt_issued_at: Date | null;
  checked_in_at: Date | null;
  check_in_minutes: number | null;
}

function toBooking(r: BookingRow): Booking {
  return {
    id: r.id,
    spaceId: r.space_id,
    spaceName: r.space_name,
    siteName: r.site_name,
    timeZone: r.time_zone,
    organisationId: r.organisation_id,
    status: r.status,
    start: new Date(r.start_at).toISOString(),
    end: new Date(r.end_at).toISOString(),
    title: r.title,
    attendees: r.attendees,
    priceCents: r.price_cents,
    createdAt: new Date(r.created_at).toISOString(),
    organisationName: r.organisation_name,
    siteId: r.site_id,
    listPriceCents: r.list_price_cents,
    discountPercent: r.discount_percent,
    discountBasis: r.discount_basis,
    cancellationReason: r.cancellation_reason,
    lateCancellation: r.late_cancellation,
    rejectionReason: r.rejection_reason,
    seriesId: r.series_id,
    projectId: r.project_id,
    checkedInAt: r.checked_in_at ? new Date(r.checked_in_at).toISOString() : null,
    checkInMinutes: r.check_in_minutes,
    receipt:
      r.receipt_number && r.receipt_issued_at
        ? { number: r.receipt_number, issuedAt: new Date(r.receipt_issued_at).toISOString() }
        : null,
  };
}
