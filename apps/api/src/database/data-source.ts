import { DataSource, type DataSourceOptions } from 'typeorm';
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

/** Runs the migrations and returns the open data source. */
export async function openDatabase(url: string, poolSize: number): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(url, poolSize));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}
