import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live needs by position: "which needs are within reach of this site" reads the commune needs whose
 * point lies in a box around the site, on this index, before the exact distance.
 */
export class NeedsDemand1765800200000 implements MigrationInterface {
  name = 'NeedsDemand1765800200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX needs_live_point ON needs USING gist (point(longitude, latitude))
        WHERE status IN ('open', 'matched') AND commune_code IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX needs_live_point`);
  }
}
