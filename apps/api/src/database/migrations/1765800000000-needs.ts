import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Needs that no space meets yet, and the spaces that meet them. A need's place is kept resolved (commune
 * centre or département centre, its département and région) so that "within reach of a site" and "unmet
 * demand by département" are reads of this table, not of the reference geography. `need_matches` holds
 * the last matching of each open need: re-matching rewrites one need's rows, and a row's `notified_at`
 * tells whether the organisation has been told of that space.
 */
export class Needs1765800000000 implements MigrationInterface {
  name = 'Needs1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE needs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        kind text,
        min_area_m2 numeric(8, 2),
        attendees integer NOT NULL CHECK (attendees > 0),
        equipment text[] NOT NULL DEFAULT '{}',
        step_free boolean NOT NULL DEFAULT false,
        date_from date NOT NULL,
        date_until date NOT NULL,
        start_time time NOT NULL,
        end_time time NOT NULL,
        weekdays smallint[] NOT NULL DEFAULT '{}',
        per_week smallint,
        commune_code text,
        radius_km numeric(6, 2),
        departement_code text NOT NULL,
        region_code text NOT NULL,
        latitude double precision NOT NULL,
        longitude double precision NOT NULL,
        max_hourly_rate_cents integer,
        purpose text NOT NULL,
        theme text NOT NULL,
        contactable boolean NOT NULL DEFAULT false,
        notify_matches boolean NOT NULL DEFAULT true,
        status text NOT NULL DEFAULT 'open'
          CHECK (status IN ('open', 'matched', 'booked', 'closed', 'expired')),
        closed_reason text
          CHECK (closed_reason IN ('found_elsewhere', 'project_stopped', 'no_longer_needed')),
        occurrences_wanted integer NOT NULL,
        hours_wanted numeric(10, 2) NOT NULL,
        match_count integer NOT NULL DEFAULT 0,
        matched_at timestamptz,
        notified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (date_from <= date_until),
        CHECK (start_time < end_time),
        CHECK ((commune_code IS NULL) = (radius_km IS NULL)),
        CHECK ((status = 'closed') = (closed_reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX needs_organisation ON needs (organisation_id, created_at DESC, id DESC)`);
    // Open needs by place: the unmet-demand report and the needs a changed site could serve.
    await q.query(`
      CREATE INDEX needs_live_place ON needs (region_code, departement_code)
        WHERE status IN ('open', 'matched')`);
    await q.query(`CREATE INDEX needs_live_until ON needs (date_until) WHERE status IN ('open', 'matched')`);
    await q.query(`
      CREATE TABLE need_matches (
        need_id uuid NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
        space_id uuid NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
        occurrences_free integer NOT NULL CHECK (occurrences_free > 0),
        distance_km double precision,
        first_matched_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        notified_at timestamptz,
        PRIMARY KEY (need_id, space_id)
      )`);
    await q.query(`CREATE INDEX need_matches_space ON need_matches (space_id)`);
    await q.query(`CREATE INDEX need_matches_unnotified ON need_matches (need_id) WHERE notified_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE need_matches`);
    await q.query(`DROP TABLE needs`);
  }
}
