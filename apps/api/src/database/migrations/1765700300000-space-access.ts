import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How to get into a space (floor, entrance, keys or badge…, instructions) and whom an organisation calls
 * at the site: told to confirmed bookings only. Empty text means "not said"; a method not said is null.
 */
export class SpaceAccess1765700300000 implements MigrationInterface {
  name = 'SpaceAccess1765700300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE spaces
         ADD COLUMN access_floor text NOT NULL DEFAULT '',
         ADD COLUMN access_entrance text NOT NULL DEFAULT '',
         ADD COLUMN access_method text CHECK (access_method IN ('keys', 'badge', 'code', 'reception', 'open')),
         ADD COLUMN access_instructions text NOT NULL DEFAULT ''`,
    );
    await q.query(
      `ALTER TABLE sites
         ADD COLUMN contact_name text NOT NULL DEFAULT '',
         ADD COLUMN contact_phone text NOT NULL DEFAULT '',
         ADD COLUMN contact_email text NOT NULL DEFAULT ''`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE spaces DROP COLUMN access_floor, DROP COLUMN access_entrance, DROP COLUMN access_method,
         DROP COLUMN access_instructions`,
    );
    await q.query(
      `ALTER TABLE sites DROP COLUMN contact_name, DROP COLUMN contact_phone, DROP COLUMN contact_email`,
    );
  }
}
