import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RoleGrant } from '@lieux/contracts';
import { prepared, runPrepared } from '../database/prepared';

export const SESSION_DAYS = 30;

// The roles come with the session check, in the same statement: a role withdrawn or a member removed
// is refused at the next request, not when the access token (which also lists them) expires.
const SESSION_CALLER = prepared(
  'session_caller',
  `SELECT u.organisation_id,
          coalesce(json_agg(json_build_object('role', g.role, 'organisationId', g.organisation_id,
            'siteId', g.site_id, 'regionCode', g.region_code)) FILTER (WHERE g.id IS NOT NULL), '[]') AS roles
     FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN role_grants g ON g.user_id = s.user_id
    WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
      AND u.deactivated_at IS NULL
    GROUP BY u.id`,
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

  /**
   * Swaps the session's refresh token for a new one, if the old one is still good, and remembers the old
   * one so that its return can be recognised (see `closeOnReuse`).
   */
  async rotate(oldHash: string, newHash: string): Promise<SessionRow | null> {
    const rows = await this.db.query(
      `WITH s AS (
         UPDATE sessions SET token_hash = $2, last_used_at = now(), expires_at = now() + make_interval(days => $3)
          WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
          RETURNING id, user_id),
       retired AS (
         INSERT INTO session_retired_tokens (token_hash, session_id) SELECT $1, id FROM s ON CONFLICT DO NOTHING),
       forgotten AS (
         DELETE FROM session_retired_tokens r USING s
          WHERE r.session_id = s.id AND r.retired_at < now() - make_interval(days => $3))
       SELECT id, user_id FROM s`,
      [oldHash, newHash, SESSION_DAYS],
    );
    return rows[0] ? { id: rows[0].id, userId: rows[0].user_id } : null;
  }

  /**
   * When `hash` is a refresh token its session has already rotated away from, closes that session and
   * answers it, the first time only (a replay of a closed session answers null: its owner was told).
   */
  async closeOnReuse(em: EntityManager, hash: string): Promise<SessionRow | null> {
    const rows = await em.query(
      `WITH s AS (
         UPDATE sessions SET revoked_at = now()
          WHERE id = (SELECT session_id FROM session_retired_tokens WHERE token_hash = $1) AND revoked_at IS NULL
          RETURNING id, user_id)
       SELECT id, user_id FROM s`,
      [hash],
    );
    return rows[0] ? { id: rows[0].id, userId: rows[0].user_id } : null;
  }

  /** The session's person as they are now (organisation and roles), or null when it is closed. */
  async caller(
    sessionId: string,
    userId: string,
  ): Promise<{ organisationId: string | null; roles: RoleGrant[] } | null> {
    // Every authenticated request asks this: planned once per connection.
    const rows = await runPrepared<{ organisation_id: string | null; roles: RoleGrant[] }>(
      this.db.manager,
      SESSION_CALLER,
      [sessionId, userId],
    );
    return rows[0] ? { organisationId: rows[0].organisation_id, roles: rows[0].roles } : null;
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
