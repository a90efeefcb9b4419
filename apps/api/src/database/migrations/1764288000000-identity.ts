import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity: organisations get their legal identity and address (région and département derived from
 * the INSEE commune code), sessions carry revocable refresh tokens, single-use links (password reset,
 * invitations) and sign-in throttling live in PostgreSQL so that every API process shares them.
 */
export class Identity1764288000000 implements MigrationInterface {
  name = 'Identity1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE organisations
        ADD COLUMN rna text CHECK (rna ~ '^W[0-9]{9}$'),
        ADD COLUMN esus_approved_on date,
        ADD COLUMN address text NOT NULL DEFAULT '',
        ADD COLUMN postcode text NOT NULL DEFAULT '',
        ADD COLUMN commune_code text NOT NULL DEFAULT '',
        ADD COLUMN commune text NOT NULL DEFAULT '',
        ADD COLUMN departement_code text NOT NULL DEFAULT '',
        ADD COLUMN verification_reason text,
        ADD COLUMN decided_at timestamptz,
        ADD COLUMN decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
        -- Rows from before registration collected addresses (commune_code = '') are exempt.
        ADD CONSTRAINT organisations_association_rna CHECK (legal_form <> 'association' OR rna IS NOT NULL OR commune_code = ''),
        ADD CONSTRAINT organisations_esus_date CHECK (legal_form <> 'esus_company' OR esus_approved_on IS NOT NULL)`);
    await q.query(
      `CREATE INDEX organisations_region ON organisations (region_code, verification, created_at)`,
    );

    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        user_agent text
      )`);
    await q.query(`CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL`);

    await q.query(`
      CREATE TABLE user_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('password_reset', 'invitation')),
        token_hash text NOT NULL UNIQUE,
        email text NOT NULL,
        user_id uuid REFERENCES users (id) ON DELETE CASCADE,
        organisation_id uuid REFERENCES organisations (id) ON DELETE CASCADE,
        role text CHECK (role IN ('member', 'org_admin')),
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CHECK (kind <> 'invitation' OR (organisation_id IS NOT NULL AND role IS NOT NULL) OR user_id IS NOT NULL)
      )`);

    await q.query(`
      CREATE TABLE sign_in_throttle (
        key text PRIMARY KEY,
        window_start timestamptz NOT NULL,
        failures integer NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sign_in_throttle; DROP TABLE user_links; DROP TABLE sessions;`);
    await q.query(`DROP INDEX organisations_region`);
    await q.query(`
      ALTER TABLE organisations DROP CONSTRAINT organisations_association_rna, DROP CONSTRAINT organisations_esus_date,
        DROP COLUMN rna, DROP COLUMN esus_approved_on, DROP COLUMN address, DROP COLUMN postcode, DROP COLUMN commune_code,
        DROP COLUMN commune, DROP COLUMN departement_code, DROP COLUMN verification_reason, DROP COLUMN decided_at,
        DROP COLUMN decided_by`);
  }
}
