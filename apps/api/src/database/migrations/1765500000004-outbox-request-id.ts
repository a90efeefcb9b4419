import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The id of the HTTP request that caused an event (null for sweeps and commands): the job that delivers
 * it logs the id, so one search follows a booking from its request to its e-mails.
 */
export class OutboxRequestId1765500000004 implements MigrationInterface {
  name = 'OutboxRequestId1765500000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN request_id text CHECK (length(request_id) <= 64)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN request_id`);
  }
}
