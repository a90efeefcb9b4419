import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { prepared, runPrepared } from '../database/prepared';

export const SESSION_DAYS = 30;

const SESSION_ACTIVE = prepared(
  'session_active',
  `SELECT 1 FROM sessions WHERE id = $1 AND revoked_at IS NULL AND expires_at > now()`,
);

export interface SessionRow {
  id: string;
  userId: string;
}

@Injectable()
export class SessionsRepository {
  constructor(private readonly db: DataSource) {}

  async create(userId: string, tokenHash: string, userAgent: string | null): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO sessions (user_id, token_hash, expires_at, user_agent)
       VALUES ($1, $2, now() + make_interval(days => $3), $4) RETURNING id`,
      [userId, tokenHash, SESSION_DAYS, userAgent?.slice(0, 300) ?? null],
    );
    return row.id;
  }

  /** Swaps the session's refresh token for a new one, if the old one is still good. */
  async rotate(oldHash: string, newHash: string): Promise<SessionRow | null> {
    const rows = await this.db.query(
      `WITH s AS (
         UPDATE sessions SET token_hash = $2, last_used_at = now(), expires_at = now() + make_interval(days => $3)
          WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
          RETURNING id, user_id)
       SELECT id, user_id FROM s`,
      [oldHash, newHash, SESSION_DAYS],
    );
    return rows[0] ? { id: rows[0].id, userId: rows[0].user_id } : null;
  }

  async isActive(sessionId: string): Promise<boolean> {
    // Every authenticated request asks this: planned once per connection.
    const rows = await runPrepared(this.db.manager, SESSION_ACTIVE, [sessionId]);
    return rows.length > 0;
  }

  async revokeByHash(hash: string): Promise<void> {
    await this.db.query(
      `UPDATE sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL`,
      [hash],
    );
  }

  async revoke(userId: string, sessionId: string): Promise<boolean> {
    const rows = await this.db.query(
      `WITH s AS (UPDATE sessions SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id)
       SELECT id FROM s`,
      [sessionId, userId],
    );
    return rows.length > 0;
  }

  async revokeAll(userId: string): Promise<void> {
    await this.db.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [
      userId,
    ]);
  }

  async list(
    userId: string,
  ): Promise<{ id: string; createdAt: string; lastUsedAt: string; userAgent: string | null }[]> {
    const rows = await this.db.query(
      `SELECT id, created_at, last_used_at, user_agent FROM sessions
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() ORDER BY last_used_at DESC`,
      [userId],
    );
    return rows.map((r: { id: string; created_at: Date; last_used_at: Date; user_agent: string | null }) => ({
      id: r.id,
      createdAt: new Date(r.created_at).toISOString(),
      lastUsedAt: new Date(r.last_used_at).toISOString(),
      userAgent: r.user_agent,
    }));
  }
}
