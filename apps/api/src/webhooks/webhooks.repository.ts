import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { coalesce } from '../database/coalesce';
import type { WebhookDelivery, WebhookEndpoint, WebhookEventType } from '@lieux/contracts';

export interface EndpointRow {
  id: string;
  organisation_id: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  secret_encrypted: string;
  active: boolean;
  created_at: Date;
  secret_rotated_at: Date;
}

export interface ClaimedDelivery {
  id: string;
  endpoint_id: string;
  event_type: string;
  body: string;
  attempts: number;
  url: string;
  secret_encrypted: string;
}

interface DeliveryRow {
  id: string;
  event_type: string;
  status: WebhookDelivery['status'];
  attempts: number;
  created_at: Date;
  delivered_at: Date | null;
  next_attempt_at: Date;
  log: { attempt: number; at: string; statusCode: number | null; durationMs: number; error: string | null }[];
}

export interface NewDelivery {
  id: string;
  endpointId: string;
  outboxEventId: string | null;
  eventType: string;
  subjectId: string | null;
  body: string;
}

const ENDPOINT_COLUMNS = `id, organisation_id, url, description, events, secret_encrypted, active, created_at, secret_rotated_at`;

export const toEndpoint = (r: EndpointRow): WebhookEndpoint => ({
  id: r.id,
  organisationId: r.organisation_id,
  url: r.url,
  description: r.description,
  events: r.events,
  active: r.active,
  createdAt: new Date(r.created_at).toISOString(),
  secretRotatedAt: new Date(r.secret_rotated_at).toISOString(),
});

@Injectable()
export class WebhooksRepository {
  constructor(private readonly db: DataSource) {}

  async list(organisationId: string): Promise<EndpointRow[]> {
    return this.db.query(
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE organisation_id = $1 ORDER BY created_at, id`,
      [organisationId],
    );
  }

  async find(id: string): Promise<EndpointRow | null> {
    const [row] = await this.db.query(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1`, [
      id,
    ]);
    return row ?? null;
  }

  async create(e: {
    organisationId: string;
    url: string;
    description: string;
    events: string[];
    secretEncrypted: string;
    createdBy: string;
  }): Promise<EndpointRow> {
    const [row] = await this.db.query(
      `INSERT INTO webhook_endpoints (organisation_id, url, description, events, secret_encrypted, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${ENDPOINT_COLUMNS}`,
      [e.organisationId, e.url, e.description, e.events, e.secretEncrypted, e.createdBy],
    );
    return row;
  }

  async update(
    id: string,
    c: { url?: string; description?: string; events?: string[]; active?: boolean },
  ): Promise<EndpointRow | null> {
    const [rows] = await this.db.query(
      `UPDATE webhook_endpoints SET url = coalesce($2, url), description = coalesce($3, description),
              events = coalesce($4, events), active = coalesce($5, active)
        WHERE id = $1 RETURNING ${ENDPOINT_COLUMNS}`,
      [id, c.url ?? null, c.description ?? null, c.events ?? null, c.active ?? null],
    );
    return rows[0] ?? null;
  }

  async rotate(id: string, secretEncrypted: string): Promise<EndpointRow | null> {
    const [rows] = await this.db.query(
      `UPDATE webhook_endpoints SET secret_encrypted = $2, secret_rotated_at = now()
        WHERE id = $1 RETURNING ${ENDPOINT_COLUMNS}`,
      [id, secretEncrypted],
    );
    return rows[0] ?? null;
  }

  async delete(id: string): Promise<void> {
    await this.db.query(`DELETE FROM webhook_endpoints WHERE id = $1`, [id]);
  }

  /** The active endpoints of the booking's organisation that listen to any of `types`. */
  async listening(bookingId: string, types: string[]): Promise<{ id: string; events: string[] }[]> {
    const endpoints = await this.endpointsOf(bookingId);
    return endpoints.filter((e) => e.events.some((t) => types.includes(t)));
  }

  /** Read together for the concurrent jobs of a worker: every e-mail of a booking asks, few find any. */
  private readonly endpointsOf = coalesce(async (bookingIds: string[]) => {
    const rows: { booking_id: string; id: string; events: string[] }[] = await this.db.query(
      `SELECT b.id AS booking_id, e.id, e.events
         FROM bookings b JOIN webhook_endpoints e ON e.organisation_id = b.organisation_id
        WHERE b.id = ANY($1::uuid[]) AND e.active`,
      [bookingIds],
    );
    return bookingIds.map((id) =>
      rows.filter((r) => r.booking_id === id).map((r) => ({ id: r.id, events: r.events })),
    );
  });

  /** The bookings a series' creation made. */
  async seriesBookings(seriesId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM bookings WHERE series_id = $1 ORDER BY lower(period), id`,
      [seriesId],
    );
    return rows.map((r) => r.id);
  }

  /** What a booking event says of its booking, as it is when the event is handled. */
  async booking(id: string): Promise<Record<string, unknown> | null> {
    const [r] = await this.db.query(
      `SELECT b.id, b.status, b.title, b.attendees, lower(b.period) AS start_at, upper(b.period) AS end_at,
              b.organisation_id, b.series_id, b.price_cents, sp.id AS space_id, sp.name AS space_name,
              s.id AS site_id, s.name AS site_name, s.time_zone
         FROM bookings b JOIN spaces sp ON sp.id = b.space_id JOIN sites s ON s.id = sp.site_id
        WHERE b.id = $1`,
      [id],
    );
    if (!r) return null;
    return {
      id: r.id,
      status: r.status,
      title: r.title,
      attendees: r.attendees,
      start: new Date(r.start_at).toISOString(),
      end: new Date(r.end_at).toISOString(),
      organisationId: r.organisation_id,
      seriesId: r.series_id,
      priceCents: r.price_cents,
      space: { id: r.space_id, name: r.space_name },
      site: { id: r.site_id, name: r.site_name, timeZone: r.time_zone },
    };
  }

  /** Inserts deliveries; one already there for the same event, endpoint and type is kept as it is. */
  async insertDeliveries(deliveries: NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.db.query(
      `INSERT INTO webhook_deliveries (id, endpoint_id, outbox_event_id, event_type, body, subject_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::uuid[])
       ON CONFLICT (outbox_event_id, endpoint_id, event_type, subject_id) DO NOTHING`,
      [
        deliveries.map((d) => d.id),
        deliveries.map((d) => d.endpointId),
        deliveries.map((d) => d.outboxEventId),
        deliveries.map((d) => d.eventType),
        deliveries.map((d) => d.body),
        deliveries.map((d) => d.subjectId),
      ],
    );
  }

  /**
   * Leases up to `limit` deliveries due to active endpoints for `leaseSeconds`, counting the attempt.
   * SKIP LOCKED: processes sweeping at once take different deliveries.
   */
  async claimDue(limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
    return this.db.query(
      `WITH due AS (
         SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
          WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND e.active
            AND (d.locked_until IS NULL OR d.locked_until < now())
          ORDER BY d.next_attempt_at LIMIT $1 FOR UPDATE OF d SKIP LOCKED),
       claimed AS (
         UPDATE webhook_deliveries d SET locked_until = now() + make_interval(secs => $2), attempts = attempts + 1
           FROM due WHERE d.id = due.id
         RETURNING d.id, d.endpoint_id, d.event_type, d.body, d.attempts)
       SELECT c.*, e.url, e.secret_encrypted FROM claimed c JOIN webhook_endpoints e ON e.id = c.endpoint_id`,
      [limit, leaseSeconds],
    );
  }

  /** Records an attempt and its outcome: delivered, retried after `retryInSeconds`, or given up (null). */
  async recordAttempt(
    d: Pick<ClaimedDelivery, 'id' | 'attempts'>,
    outcome: { statusCode: number | null; durationMs: number; error: string | null; delivered: boolean },
    retryInSeconds: number | null,
  ): Promise<void> {
    await this.db.query(
      `WITH a AS (INSERT INTO webhook_attempts (delivery_id, attempt, status_code, duration_ms, error)
                  VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING)
       UPDATE webhook_deliveries
          SET locked_until = NULL,
              status = CASE WHEN $6 THEN 'delivered' WHEN $7::float8 IS NULL THEN 'failed' ELSE 'pending' END,
              delivered_at = CASE WHEN $6 THEN now() ELSE NULL END,
              next_attempt_at = CASE WHEN $6 OR $7::float8 IS NULL THEN next_attempt_at
                                     ELSE now() + make_interval(secs => $7::float8) END
        WHERE id = $1 AND attempts = $2`,
      [
        d.id,
        d.attempts,
        outcome.statusCode,
        outcome.durationMs,
        outcome.error,
        outcome.delivered,
        retryInSeconds,
      ],
    );
  }

  /** Forgets finished deliveries (and their attempts) older than `days`. */
  async prune(days: number): Promise<void> {
    await this.db.query(
      `DELETE FROM webhook_deliveries WHERE status <> 'pending' AND created_at < now() - make_interval(days => $1)`,
      [days],
    );
  }

  async deliveries(endpointId: string, limit = 50): Promise<WebhookDelivery[]> {
    const rows = await this.db.query(
      `SELECT d.id, d.event_type, d.status, d.attempts, d.created_at, d.delivered_at, d.next_attempt_at,
              coalesce((SELECT json_agg(json_build_object('attempt', a.attempt, 'at', a.at, 'statusCode', a.status_code,
                                          'durationMs', a.duration_ms, 'error', a.error) ORDER BY a.attempt)
                          FROM webhook_attempts a WHERE a.delivery_id = d.id), '[]') AS log
         FROM webhook_deliveries d WHERE d.endpoint_id = $1
        ORDER BY d.created_at DESC, d.id LIMIT $2`,
      [endpointId, limit],
    );
    return (rows as DeliveryRow[]).map((r): WebhookDelivery => ({
      id: r.id,
      eventType: r.event_type,
      status: r.status,
      attempts: r.attempts,
      createdAt: new Date(r.created_at).toISOString(),
      deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null,
      nextAttemptAt: r.status === 'pending' ? new Date(r.next_attempt_at).toISOString() : null,
      log: r.log.map((a) => ({
        attempt: a.attempt,
        at: new Date(a.at).toISOString(),
        statusCode: a.statusCode,
        durationMs: a.durationMs,
        error: a.error,
      })),
    }));
  }
}
