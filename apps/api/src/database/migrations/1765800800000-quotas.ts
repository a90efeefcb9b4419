import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fair-use quotas: limits each organisation meets when it books at a site, set for one site (`site_id`)
 * or for every site (national, `site_id` null), for every organisation or one, for every kind of space or
 * one. At most one rule per scope, organisation and kind (nulls alike), so that "the organisation's rule
 * replaces the general one" has one answer. Minutes, not hours: limits are set in quarter hours.
 */
export class Quotas1765800800000 implements MigrationInterface {
  name = 'Quotas1765800800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE quota_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid REFERENCES sites (id) ON DELETE CASCADE,
        organisation_id uuid REFERENCES organisations (id) ON DELETE CASCADE,
        space_kind text,
        week_minutes integer CHECK (week_minutes > 0),
        month_minutes integer CHECK (month_minutes > 0),
        max_active integer CHECK (max_active > 0),
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (week_minutes IS NOT NULL OR month_minutes IS NOT NULL OR max_active IS NOT NULL),
        CONSTRAINT quota_rules_one_per_scope UNIQUE NULLS NOT DISTINCT (site_id, organisation_id, space_kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE quota_rules`);
  }
}
