import { Client } from 'pg';
import type { DataSource, Migration } from 'typeorm';

/**
 * Key of the advisory lock held while migrating. Fixed, so that every process of every version agrees on
 * it; arbitrary, so that nothing else in the database takes it by chance.
 */
export const MIGRATION_LOCK_KEY = 4_271_900_310;

/**
 * Applies the pending migrations while holding a session-level advisory lock, taken on a connection of
 * its own (outside the pool, so the migrations' transactions cannot share it). Processes started together
 * on an empty database queue on the lock; the first migrates, the others then find nothing left to do
 * instead of racing on `CREATE TYPE` / `CREATE TABLE` and crashing. The lock goes with the connection if
 * the process dies.
 */
export async function migrateUnderLock(ds: DataSource, url: string): Promise<Migration[]> {
  const lock = new Client({ connectionString: url, application_name: 'lieux-migrations' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await ds.runMigrations({ transaction: 'each' });
  } finally {
    // Closing the session releases the lock whether or not the unlock got through.
    await lock.end().catch(() => undefined);
  }
}
