import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { coalesce } from '../database/coalesce';

/** What a job's lease hands it of its event. */
export interface TakenEvent<P> {
  type: string;
  payload: P;
  attempts: number;
  requestId: string | null;
  /** Recipients whose message an earlier attempt got accepted: not to be sent again. */
  sent: string[];
}

/** A link's token is needed only to write its e-mail: it does not stay in the database. */
const DONE = `done_at = now(), locked_until = NULL, last_error = NULL, payload = payload - 'token'`;

interface Delivery {
  eventId: string;
  recipient: string;
  messageId: string;
  done: boolean;
}

/**
 * The outbox's events and the record of the messages each one sent. A worker's concurrent jobs take their
 * leases and record their messages in shared statements (`coalesce`): under load, two commits for a batch
 * of e-mails rather than two for each.
 */
@Injectable()
export class OutboxRepository {
  private readonly leases = coalesce((batch: { eventId: string; seconds: number }[]) =>
    this.takeLeases(batch),
  );
  private readonly records = coalesce((batch: Delivery[]) => this.recordDeliveries(batch));

  constructor(private readonly db: DataSource) {}

  async append(
    em: EntityManager,
    type: string,
    payload: Record<string, unknown>,
    requestId: string | null,
  ): Promise<string> {
    const [row] = await em.query(
      `INSERT INTO outbox (type, payload, request_id) VALUES ($1, $2, $3) RETURNING id`,
      [type, JSON.stringify(payload), requestId],
    );
    return row.id;
  }

  async markDone(eventId: string): Promise<void> {
    await this.db.query(`UPDATE outbox SET ${DONE} WHERE id = $1`, [eventId]);
  }

  async markFailed(eventId: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET failed_at = now(), last_error = $2 WHERE id = $1 AND done_at IS NULL`,
      [eventId, error],
    );
  }

  /**
   * Records a message the SMTP server accepted; with `done`, the event's last one, marks the event done in
   * the same statement (one round trip fewer per e-mail, and the record no later).
   */
  recordDelivery(eventId: string, recipient: string, messageId: string, done: boolean): Promise<void> {
    return this.records({ eventId, recipient, messageId, done });
  }

  private async recordDeliveries(batch: Delivery[]): Promise<void[]> {
    await this.db.query(
      `WITH recorded AS (
         INSERT INTO notification_deliveries (event_id, recipient, message_id)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING)
       UPDATE outbox SET ${DONE} WHERE id = ANY($4::uuid[])`,
      [
        batch.map((d) => d.eventId),
        batch.map((d) => d.recipient),
        batch.map((d) => d.messageId),
        batch.filter((d) => d.done).map((d) => d.eventId),
      ],
    );
    return batch.map(() => undefined);
  }

  /**
   * Takes an event's lease for `seconds` when nobody holds it, counting the attempt: the attempt number is
   * the lease's token. With it, what the job needs of the event in the same round trip: the causing
   * request's id and the recipients an earlier attempt sent to. Undefined when it is held or done.
   */
  takeLease<P>(eventId: string, seconds: number): Promise<TakenEvent<P> | undefined> {
    return this.leases({ eventId, seconds }) as Promise<TakenEvent<P> | undefined>;
  }

  private async takeLeases(
    batch: { eventId: string; seconds: number }[],
  ): Promise<(TakenEvent<unknown> | undefined)[]> {
    const first = new Map<string, number>();
    for (const b of batch) if (!first.has(b.eventId)) first.set(b.eventId, b.seconds);
    const rows: (TakenEvent<unknown> & { id: string })[] = await this.db.query(
      `WITH leased AS (
         UPDATE outbox o SET locked_until = now() + make_interval(secs => t.seconds), attempts = o.attempts + 1
           FROM unnest($1::uuid[], $2::int[]) AS t(id, seconds)
          WHERE o.id = t.id AND o.done_at IS NULL AND (o.locked_until IS NULL OR o.locked_until < now())
          RETURNING o.id, o.type, o.payload, o.attempts, o.request_id)
       SELECT l.id, l.type, l.payload, l.attempts, l.request_id AS "requestId",
              ARRAY(SELECT d.recipient FROM notification_deliveries d WHERE d.event_id = l.id) AS sent
         FROM leased l`,
      [[...first.keys()], [...first.values()]],
    );
    const taken = new Map(rows.map(({ id, ...event }) => [id, event]));
    // An event asked for twice in one batch (handed out twice): the first caller holds it, the second
    // finds it held, as when one statement follows the other.
    return batch.map((b) => {
      const event = taken.get(b.eventId);
      taken.delete(b.eventId);
      return event;
    });
  }

  /** Whether an event is done, and for how many more milliseconds its lease holds. */
  async holdOf(eventId: string): Promise<{ done: boolean; heldMs: number } | undefined> {
    const [held]: { done: boolean; held_ms: string }[] = await this.db.query(
      `SELECT done_at IS NOT NULL AS done, GREATEST(0, EXTRACT(epoch FROM locked_until - now()) * 1000) AS held_ms
         FROM outbox WHERE id = $1`,
      [eventId],
    );
    return held && { done: held.done, heldMs: Number(held.held_ms) };
  }

  /** Renews the lease `token` holds, also after it ran out; false when another take has changed the token. */
  async renewLease(eventId: string, token: number, seconds: number): Promise<boolean> {
    const renewed = await this.db.query(
      `WITH renewed AS (
         UPDATE outbox SET locked_until = now() + make_interval(secs => $3)
          WHERE id = $1 AND attempts = $2 AND done_at IS NULL RETURNING 1)
       SELECT * FROM renewed`,
      [eventId, token, seconds],
    );
    return renewed.length > 0;
  }

  /** Frees the event for a retry now rather than when the lease runs out. */
  async releaseLease(eventId: string, token: number, error: string): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET locked_until = NULL, last_error = $3 WHERE id = $1 AND attempts = $2 AND done_at IS NULL`,
      [eventId, token, error],
    );
  }

  /** Marks up to `batch` events never handed out as handed out now; their ids, oldest first. */
  async handOutFresh(batch: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `WITH due AS (
         UPDATE outbox SET enqueued_at = now()
          WHERE id IN (SELECT id FROM outbox
                        WHERE enqueued_at IS NULL AND done_at IS NULL AND failed_at IS NULL
                        ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING id, created_at)
       SELECT id FROM due ORDER BY created_at`,
      [batch],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Marks up to `batch` events due as handed out now: never handed out, or handed out long enough ago
   * (a quarter of their age, at least `sweepSeconds`, at most `maxRetrySeconds`) to be presumed lost.
   */
  async handOutDue(sweepSeconds: number, batch: number, maxRetrySeconds: number): Promise<string[]> {
    // Wrapped in a CTE so that the driver answers rows, not TypeORM's [rows, count] pair for UPDATE.
    const rows: { id: string }[] = await this.db.query(
      `WITH due AS (
         UPDATE outbox SET enqueued_at = now()
          WHERE id IN (SELECT id FROM outbox
                        WHERE done_at IS NULL AND failed_at IS NULL
                          AND (enqueued_at IS NULL OR enqueued_at < now() - LEAST(
                                 make_interval(secs => $3),
                                 GREATEST(make_interval(secs => $1), (now() - created_at) / 4)))
                        ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
          RETURNING id, created_at)
       SELECT id FROM due ORDER BY created_at`,
      [sweepSeconds, batch, maxRetrySeconds],
    );
    return rows.map((r) => r.id);
  }
}
