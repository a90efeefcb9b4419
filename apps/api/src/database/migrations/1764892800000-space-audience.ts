import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who may book a space: any verified organisation, or only those of the site's département or région. */
export class SpaceAudience1764892800000 implements MigrationInterface {
  name = 'SpaceAudience1764892800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE spaces ADD COLUMN audience text NOT NULL DEFAULT 'all' CHECK (audience IN ('all', 'departement', 'region'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE spaces DROP COLUMN audience`);
  }
}
