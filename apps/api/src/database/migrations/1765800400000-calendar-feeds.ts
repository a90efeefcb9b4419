import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calendar subscriptions: one secret link per person and kind of feed. Only the SHA-256 of the link's
 * token is kept (looked up by it); the token itself is derived from the server's secret and `nonce`, so
 * the person can see their link again, and a new nonce (rotation) makes the old link unknown at once.
 */
export class CalendarFeeds1765800400000 implements MigrationInterface {
  name = 'CalendarFeeds1765800400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_feeds (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('organisation', 'sites')),
        nonce text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        issued_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_feeds`);
  }
}
