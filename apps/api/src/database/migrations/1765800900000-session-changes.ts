import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tells the API processes, on the `session_changes` channel, whose sessions to check again: a session
 * closed, an account deactivated, moved or deleted, a role granted or withdrawn. Each process keeps the
 * sessions it has checked for a few seconds (apps/api/src/auth/session-cache.ts) and drops a person's at
 * once on their notice. From triggers, so that no code path that changes these rows can forget it; the
 * notice leaves at the commit, never for a change rolled back.
 */
export class SessionChanges1765800900000 implements MigrationInterface {
  name = 'SessionChanges1765800900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION session_changes_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        row_ record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      BEGIN
        -- Notices with the same payload in one transaction are delivered once, at the commit.
        IF TG_TABLE_NAME = 'users' THEN
          PERFORM pg_notify('session_changes', row_.id::text);
        ELSE
          PERFORM pg_notify('session_changes', row_.user_id::text);
          IF TG_OP = 'UPDATE' THEN
            PERFORM pg_notify('session_changes', OLD.user_id::text);
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER session_changes_sessions AFTER UPDATE OF revoked_at, user_id OR DELETE ON sessions
                   FOR EACH ROW EXECUTE FUNCTION session_changes_notify()`);
    await q.query(`CREATE TRIGGER session_changes_users
                   AFTER UPDATE OF deactivated_at, organisation_id OR DELETE ON users
                   FOR EACH ROW EXECUTE FUNCTION session_changes_notify()`);
    await q.query(`CREATE TRIGGER session_changes_roles AFTER INSERT OR UPDATE OR DELETE ON role_grants
                   FOR EACH ROW EXECUTE FUNCTION session_changes_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER session_changes_roles ON role_grants`);
    await q.query(`DROP TRIGGER session_changes_users ON users`);
    await q.query(`DROP TRIGGER session_changes_sessions ON sessions`);
    await q.query(`DROP FUNCTION session_changes_notify()`);
  }
}
