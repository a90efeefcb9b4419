import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class MetricsRepository {
  constructor(private readonly db: DataSource) {}

  /** Events not yet delivered nor given up, and the age of the oldest: one scan of the pending index. */
  async outbox(): Promise<{ pending: number; oldestSeconds: number }> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS pending,
              coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest
         FROM outbox WHERE done_at IS NULL AND failed_at IS NULL`,
    );
    return { pending: row.pending, oldestSeconds: row.oldest };
  }
}
