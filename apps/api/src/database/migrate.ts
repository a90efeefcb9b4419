import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source';
import { startEmbeddedPostgres } from './embedded-postgres';
import { migrateUnderLock } from './migration-lock';

/**
 * `main.js migrate`: applies what is pending and says what it applied, for deployments that migrate once
 * before starting the processes (they would otherwise wait on the lock in turn at start).
 */
export async function migrateCommand(config: AppConfig): Promise<string[]> {
  const embedded = config.mode === 'embedded' ? await startEmbeddedPostgres(config.dataDir, 2) : null;
  const url = embedded?.url ?? config.databaseUrl!;
  const ds = new DataSource(dataSourceOptions(url, 1));
  await ds.initialize();
  try {
    const applied = embedded
      ? await ds.runMigrations({ transaction: 'each' })
      : await migrateUnderLock(ds, url);
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
    await embedded?.stop();
  }
}
