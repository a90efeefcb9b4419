import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Photos of spaces live in PostgreSQL (bytea), so that they work alike in both runtime modes and behind
 * several API processes; only the resized versions are kept, never the upload as sent (with its metadata).
 *
 * Search at national scale (test/bench/search-latency.mjs): spaces by département like by région, sites by
 * position (a GiST box test instead of a scan of every site) and by région or département in name order,
 * so that a search joins only the sites of its area and reads no more than a page of them.
 */
export class CatalogueSearchAndPhotos1764547200000 implements MigrationInterface {
  name = 'CatalogueSearchAndPhotos1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX spaces_departement_capacity ON spaces (departement_code, capacity) WHERE status = 'published'`,
    );
    await q.query(`CREATE INDEX sites_position ON sites USING gist (point(longitude, latitude))`);
    // In name order: a search without a point lists spaces by site name and stops after one page.
    await q.query(`CREATE INDEX sites_region_name ON sites (region_code, name, id)`);
    await q.query(`CREATE INDEX sites_departement_name ON sites (departement_code, name, id)`);
    await q.query(`CREATE INDEX sites_name ON sites (name, id)`);

    await q.query(`
      CREATE TABLE space_photos (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        space_id uuid NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
        width integer NOT NULL CHECK (width > 0),
        height integer NOT NULL CHECK (height > 0),
        large bytea NOT NULL,
        thumbnail bytea NOT NULL,
        uploaded_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX space_photos_space ON space_photos (space_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE space_photos`);
    await q.query(
      `DROP INDEX sites_name; DROP INDEX sites_departement_name; DROP INDEX sites_region_name; DROP INDEX sites_position; DROP INDEX spaces_departement_capacity`,
    );
  }
}
