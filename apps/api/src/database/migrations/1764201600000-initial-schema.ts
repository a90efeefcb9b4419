import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the first journey needs: who books (organisations, users, roles), what is booked (sites, spaces),
 * the bookings with their no-overlap guarantee, and the outbox that carries notifications.
 * Enumerations are `text` + CHECK, not native enums, so they evolve with a plain ALTER.
 */
export class InitialSchema1764201600000 implements MigrationInterface {
  name = 'InitialSchema1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        siret char(14) NOT NULL UNIQUE CHECK (siret ~ '^[0-9]{14}$'),
        legal_form text NOT NULL CHECK (legal_form IN ('association', 'scop', 'scic', 'cae', 'cooperative',
          'mutual', 'foundation', 'esus_company', 'ess_company')),
        region_code text NOT NULL,
        verification text NOT NULL DEFAULT 'pending' CHECK (verification IN ('pending', 'verified', 'rejected')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email)),
        password_hash text NOT NULL,
        display_name text NOT NULL,
        locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
        organisation_id uuid REFERENCES organisations (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_unique UNIQUE (email)
      )`);

    await q.query(`
      CREATE TABLE sites (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        address text NOT NULL,
        postcode text NOT NULL,
        commune text NOT NULL,
        departement_code text NOT NULL,
        region_code text NOT NULL,
        time_zone text NOT NULL,
        latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
        opening_hours jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(opening_hours) = 'array'),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE role_grants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('member', 'org_admin', 'site_manager', 'delegate', 'admin')),
        organisation_id uuid REFERENCES organisations (id),
        site_id uuid REFERENCES sites (id),
        region_code text,
        CHECK ((role IN ('member', 'org_admin')) = (organisation_id IS NOT NULL)),
        CHECK ((role = 'site_manager') = (site_id IS NOT NULL)),
        CHECK ((role = 'delegate') = (region_code IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX role_grants_user ON role_grants (user_id)`);

    // Région and département are copied onto the space: search by région must not join through sites.
    await q.query(`
      CREATE TABLE spaces (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL REFERENCES sites (id),
        region_code text NOT NULL,
        departement_code text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('meeting_room', 'office', 'workshop', 'event_hall', 'storage',
          'coworking', 'counter_corner')),
        area_sqm numeric(8, 2) NOT NULL CHECK (area_sqm > 0),
        capacity integer NOT NULL CHECK (capacity > 0),
        equipment text[] NOT NULL DEFAULT '{}',
        step_free boolean NOT NULL DEFAULT false,
        description text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
        approval_required boolean NOT NULL DEFAULT false,
        slot_step_minutes integer NOT NULL DEFAULT 30 CHECK (slot_step_minutes IN (5, 10, 15, 20, 30, 60)),
        min_duration_minutes integer NOT NULL DEFAULT 30 CHECK (min_duration_minutes > 0),
        max_duration_minutes integer NOT NULL DEFAULT 480 CHECK (max_duration_minutes >= min_duration_minutes),
        min_notice_minutes integer NOT NULL DEFAULT 60 CHECK (min_notice_minutes >= 0),
        horizon_days integer NOT NULL DEFAULT 90 CHECK (horizon_days > 0),
        buffer_before_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_before_minutes >= 0),
        buffer_after_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_after_minutes >= 0),
        hourly_rate_cents integer NOT NULL DEFAULT 0 CHECK (hourly_rate_cents >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX spaces_region_capacity ON spaces (region_code, capacity) WHERE status = 'published'`,
    );
    await q.query(`CREATE INDEX spaces_site ON spaces (site_id)`);

    // `blocked_period` is the booking widened by the space's buffers; the exclusion constraint on it is
    // the one guard against double booking: a race ends in SQLSTATE 23P01, answered 409.
    await q.query(`
      CREATE TABLE bookings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        space_id uuid NOT NULL REFERENCES spaces (id),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        booked_by uuid REFERENCES users (id) ON DELETE SET NULL,
        status text NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected', 'cancelled', 'completed', 'no_show')),
        period tstzrange NOT NULL CHECK (NOT isempty(period) AND lower_inc(period) AND NOT upper_inc(period)),
        blocked_period tstzrange NOT NULL CHECK (blocked_period @> period),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
        attendees integer NOT NULL CHECK (attendees > 0),
        price_cents integer NOT NULL CHECK (price_cents >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT bookings_no_overlap EXCLUDE USING gist (space_id WITH =, blocked_period WITH &&)
          WHERE (status IN ('pending', 'confirmed'))
      )`);
    // Window searches get their own partial index, filtered exactly as the queries are (PERFORMANCE.md).
    await q.query(`CREATE INDEX bookings_active_window ON bookings USING gist (blocked_period) INCLUDE (space_id)
      WHERE status IN ('pending', 'confirmed')`);
    await q.query(`CREATE INDEX bookings_organisation ON bookings (organisation_id, lower(period) DESC)`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        key text NOT NULL,
        request_hash text NOT NULL,
        status integer NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        entity text NOT NULL,
        entity_id uuid NOT NULL,
        action text NOT NULL,
        changes jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at)`);

    // The outbox row is the truth about a notification: written with the change, done only when its job
    // has completed. Redis may forget a job; the sweeper re-queues what is not done.
    await q.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        enqueued_at timestamptz,
        locked_until timestamptz,
        done_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        failed_at timestamptz,
        last_error text
      )`);
    await q.query(
      `CREATE INDEX outbox_pending ON outbox (created_at) WHERE done_at IS NULL AND failed_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE notification_deliveries (
        event_id uuid NOT NULL REFERENCES outbox (id),
        recipient text NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        message_id text NOT NULL,
        PRIMARY KEY (event_id, recipient)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'notification_deliveries',
      'outbox',
      'audit_log',
      'idempotency_keys',
      'bookings',
      'spaces',
      'role_grants',
      'sites',
      'users',
      'organisations',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
