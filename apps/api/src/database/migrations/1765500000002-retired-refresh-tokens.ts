import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The refresh tokens a session has rotated away from. A token coming back after its rotation was
 * copied: whoever holds the session now may be a thief, so the session is closed and its owner told.
 * Kept only as long as such a token could still have been valid (a session's lifetime).
 */
export class RetiredRefreshTokens1765500000002 implements MigrationInterface {
  name = 'RetiredRefreshTokens1765500000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE session_retired_tokens (
        token_hash text PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        retired_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX session_retired_tokens_session ON session_retired_tokens (session_id, retired_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE session_retired_tokens`);
  }
}
