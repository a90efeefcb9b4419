import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sites know their INSEE commune and access notes; closures and holiday openings shape their calendar. */
export class SiteCalendar1764374400000 implements MigrationInterface {
  name = 'SiteCalendar1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sites
        ADD COLUMN commune_code text NOT NULL DEFAULT '',
        ADD COLUMN access_notes text NOT NULL DEFAULT ''`);
    await q.query(`
      CREATE TABLE site_closures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 300),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (starts_on <= ends_on)
      )`);
    await q.query(`CREATE INDEX site_closures_site ON site_closures (site_id, ends_on)`);
    await q.query(`
      CREATE TABLE site_holiday_openings (
        site_id uuid NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
        date date NOT NULL,
        PRIMARY KEY (site_id, date)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE site_holiday_openings; DROP TABLE site_closures;`);
    await q.query(`ALTER TABLE sites DROP COLUMN commune_code, DROP COLUMN access_notes`);
  }
}
