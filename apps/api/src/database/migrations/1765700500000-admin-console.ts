import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The admin console: an account can be deactivated (kept, with its history, but unable to sign in), and
 * the audit log is read newest first, by who acted or by what kind of object and action, over a period.
 * Each filter gets an index in the order of the page (`at DESC, id DESC`), so that a page is an index
 * range, not a sort of the whole log.
 */
export class AdminConsole1765700500000 implements MigrationInterface {
  name = 'AdminConsole1765700500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN deactivated_at timestamptz`);
    await q.query(`CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_log_actor ON audit_log (actor_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_log_entity_action ON audit_log (entity, action, at DESC, id DESC)`);
    // The invitation still waiting for a staff account, looked up when it is sent again.
    await q.query(`CREATE INDEX user_links_user ON user_links (user_id) WHERE user_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX user_links_user`);
    await q.query(`DROP INDEX audit_log_entity_action`);
    await q.query(`DROP INDEX audit_log_actor`);
    await q.query(`DROP INDEX audit_log_at`);
    await q.query(`ALTER TABLE users DROP COLUMN deactivated_at`);
  }
}
