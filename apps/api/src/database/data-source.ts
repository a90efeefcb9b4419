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
    extra: { max: poolSize },
    logging: false,
  };
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
