import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Projects: what an organisation does in the spaces, its light reports, and the replication ("à
 * essaimer") workflow on the project row itself (status, case sheet, who proposed, when decided, public).
 *
 * Bookings, series and needs link to a project of their own organisation: the foreign keys are on
 * `(project_id, organisation_id)`, so the database itself refuses a link to another organisation's project.
 *
 * `occupancy_project_days` is the occupancy rollups' per-project line (booked minutes clipped to the offered
 * windows, bookings started), computed by the same recomputation as `occupancy_org_days`: the hours a project
 * hosted are read from the occupancy data, not counted again. The bookings trigger now also marks a space's
 * days dirty when a booking's project changes.
 *
 * `project_invitations`: the quarterly e-mail asking an organisation to update its active projects, once per
 * organisation and quarter (the key refuses a second one).
 */
export class Projects1765800300000 implements MigrationInterface {
  name = 'Projects1765800300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 2 AND 120),
        theme text NOT NULL CHECK (theme IN ('insertion', 'alimentation', 'numerique', 'culture',
          'transition_energetique', 'mobilite', 'services_proximite', 'sante', 'education', 'acces_droits',
          'sport', 'autre')),
        audience text NOT NULL,
        commune_code text,
        departement_code text NOT NULL,
        region_code text NOT NULL,
        latitude double precision NOT NULL,
        longitude double precision NOT NULL,
        start_date date NOT NULL,
        end_date date,
        partners text[] NOT NULL DEFAULT '{}',
        la_poste_services text[] NOT NULL DEFAULT '{}',
        description text NOT NULL DEFAULT '',
        replication_status text NOT NULL DEFAULT 'none'
          CHECK (replication_status IN ('none', 'proposed', 'shared', 'declined')),
        case_sheet jsonb,
        proposed_at timestamptz,
        proposed_by uuid REFERENCES users (id) ON DELETE SET NULL,
        decided_at timestamptz,
        decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
        public boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_date IS NULL OR start_date <= end_date),
        CHECK ((replication_status = 'none') = (case_sheet IS NULL)),
        CHECK (NOT public OR replication_status = 'shared'),
        UNIQUE (id, organisation_id)
      )`);
    await q.query(
      `CREATE INDEX projects_organisation ON projects (organisation_id, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX projects_region ON projects (region_code, created_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX projects_shared ON projects (created_at DESC, id DESC) WHERE replication_status = 'shared'`,
    );

    await q.query(`
      CREATE TABLE project_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        booking_id uuid REFERENCES bookings (id) ON DELETE SET NULL,
        author_id uuid REFERENCES users (id) ON DELETE SET NULL,
        people_reached integer CHECK (people_reached >= 0),
        volunteers integer CHECK (volunteers >= 0),
        actions integer CHECK (actions >= 0),
        sentence text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (booking_id)
      )`);
    await q.query(`CREATE INDEX project_reports_project ON project_reports (project_id, created_at DESC)`);
    await q.query(`CREATE INDEX project_reports_created ON project_reports (created_at)`);

    for (const table of ['bookings', 'booking_series', 'needs']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN project_id uuid`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_project FOREIGN KEY (project_id, organisation_id)
                       REFERENCES projects (id, organisation_id)`);
      await q.query(`CREATE INDEX ${table}_project ON ${table} (project_id) WHERE project_id IS NOT NULL`);
    }

    await q.query(`
      CREATE TABLE occupancy_project_days (
        space_id uuid NOT NULL,
        day date NOT NULL,
        project_id uuid NOT NULL,
        booked_minutes integer NOT NULL,
        bookings integer NOT NULL,
        PRIMARY KEY (space_id, day, project_id)
      )`);
    await q.query(`CREATE INDEX occupancy_project_days_project ON occupancy_project_days (project_id, day)`);
    await q.query(`CREATE INDEX occupancy_project_days_day ON occupancy_project_days (day)`);
    await q.query(markBookings('n.project_id', 'o.project_id'));

    await q.query(`
      CREATE TABLE project_invitations (
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        quarter date NOT NULL,
        event_id uuid NOT NULL REFERENCES outbox (id),
        PRIMARY KEY (organisation_id, quarter)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE project_invitations`);
    await q.query(markBookings('NULL::uuid', 'NULL::uuid'));
    await q.query(`DROP TABLE occupancy_project_days`);
    for (const table of ['needs', 'booking_series', 'bookings']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN project_id`);
    }
    await q.query(`DROP TABLE project_reports`);
    await q.query(`DROP TABLE projects`);
  }
}

/** The occupancy migration's bookings trigger function, with the project among the columns that matter. */
function markBookings(newProject: string, oldProject: string): string {
  const changed = `(n.status, n.period, n.space_id, n.organisation_id, n.late_cancellation, ${newProject})
                   IS DISTINCT FROM (o.status, o.period, o.space_id, o.organisation_id, o.late_cancellation, ${oldProject})`;
  return `
      CREATE OR REPLACE FUNCTION occupancy_mark_bookings() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO occupancy_dirty (space_id, from_date, to_date)
          SELECT space_id, min(lower(period) AT TIME ZONE 'UTC')::date - 1, max(upper(period) AT TIME ZONE 'UTC')::date + 1
            FROM new_rows GROUP BY space_id;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO occupancy_dirty (space_id, from_date, to_date)
          SELECT space_id, min(lower(period) AT TIME ZONE 'UTC')::date - 1, max(upper(period) AT TIME ZONE 'UTC')::date + 1
            FROM old_rows GROUP BY space_id;
        ELSE
          INSERT INTO occupancy_dirty (space_id, from_date, to_date)
          SELECT x.space_id, min(lower(x.period) AT TIME ZONE 'UTC')::date - 1, max(upper(x.period) AT TIME ZONE 'UTC')::date + 1
            FROM (SELECT n.space_id, n.period FROM new_rows n JOIN old_rows o ON o.id = n.id
                   WHERE ${changed}
                  UNION ALL
                  SELECT o.space_id, o.period FROM new_rows n JOIN old_rows o ON o.id = n.id
                   WHERE ${changed}) x
           GROUP BY x.space_id;
        END IF;
        RETURN NULL;
      END $$`;
}
