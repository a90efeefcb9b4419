import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** The outbox's events and the record of the messages each one sent. */
@Injectable()
export class OutboxRepository {
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

  async requestIdOf(eventId: string): Promise<string | null> {
    const [row] = await this.db.query(`SELECT request_id FROM outbox WHERE id = $1`, [eventId]);
    return row?.request_id ?? null;
  }

  /** A link's token is needed only to write its e-mail: it does not stay in the database. */
  async markDone(eventId: string): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET done_at = now(), locked_until = NULL, last_error = NULL, payload = payload - 'token' WHERE id = $1`,
      [eventId],
    );
  }

  async markFailed(eventId: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET failed_at = now(), last_error = $2 WHERE id = $1 AND done_at IS NULL`,
      [eventId, error],
    );
  }

  async delivered(eventId: string, recipient: string): Promise<boolean> {
    const sent = await this.db.query(
      `SELECT 1 FROM notification_deliveries WHERE event_id = $1 AND recipient = $2`,
      [eventId, recipient],
    );
    return sent.length > 0;
  }

  async recordDelivery(eventId: string, recipient: string, messageId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO notification_deliveries (event_id, recipient, message_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [eventId, recipient, messageId],
    );
  }
}
