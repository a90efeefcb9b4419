import type { EventEmitter } from 'node:events';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrateUnderLock } from './migration-lock';
import { MIGRATIONS } from './migrations';

export function dataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [],
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    installExtensions: false,
    extra: { max: poolSize, onConnect: keepErrorsHandled },
    logging: false,
  };
}

/**
 * When PostgreSQL stops, it ends every session with an error message, which can arrive in the same read as
 * the end of a query: pg emits it on a client the pool has just handed out and TypeORM has not yet put its
 * listener on, and an 'error' event nobody listens to kills the process. The client is dropped all the
 * same (its query or the pool sees the closed connection); this listener only keeps the process alive.
 */
function keepErrorsHandled(client: EventEmitter): void {
  client.on('error', () => undefined);
}

/**
 * Runs the migrations and returns the open data source. `shared`: other processes may start on the same
 * database at the same time (services mode), so the migrations run under a lock; the embedded database
 * belongs to one process and is a single session, which a second connection would disturb.
 */
export async function openDatabase(url: string, poolSize: number, shared: boolean): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(url, poolSize));
  await ds.initialize();
  if (shared) await migrateUnderLock(ds, url);
  else await ds.runMigrations({ transaction: 'each' });
  return ds;
}
