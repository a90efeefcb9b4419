import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface StoredAnswer {
  requestHash: string;
  status: number;
  response: unknown;
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly db: DataSource) {}

  async find(userId: string, key: string): Promise<StoredAnswer | null> {
    const rows = await this.db.query(
      `SELECT request_hash, status, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    return rows[0]
      ? { requestHash: rows[0].request_hash, status: rows[0].status, response: rows[0].response }
      : null;
  }

  /**
   * Claims the key inside the caller's transaction, before any other write: a concurrent request with
   * the same key waits on the primary key, then fails with 23505 once the first commits.
   */
  async claim(
    em: EntityManager,
    userId: string,
    key: string,
    hash: string,
    status: number,
    response: unknown,
  ): Promise<void> {
    await em.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, status, response) VALUES ($1, $2, $3, $4, $5)`,
      [userId, key, hash, status, JSON.stringify(response)],
    );
  }
}
