import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The events never handed to the queue, by age: what the relay reads after each commit. Without it that
 * read walks every event handed out but not yet done, a backlog that grows while no worker delivers.
 */
export class OutboxUnsent1765065600000 implements MigrationInterface {
  name = 'OutboxUnsent1765065600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX outbox_unsent ON outbox (created_at) WHERE enqueued_at IS NULL AND done_at IS NULL AND failed_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_unsent`);
  }
}
