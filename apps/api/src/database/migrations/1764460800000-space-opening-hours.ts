import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A space may keep its own weekly hours (a counter corner open two mornings a week); null follows the site. */
export class SpaceOpeningHours1764460800000 implements MigrationInterface {
  name = 'SpaceOpeningHours1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE spaces ADD COLUMN opening_hours jsonb CHECK (opening_hours IS NULL OR jsonb_typeof(opening_hours) = 'array')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE spaces DROP COLUMN opening_hours`);
  }
}
