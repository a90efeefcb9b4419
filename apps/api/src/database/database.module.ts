import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { openDatabase } from './data-source';
import { allowPreparedStatements } from './prepared';

const EMBEDDED = Symbol('EMBEDDED_POSTGRES');

@Global()
@Module({
  providers: [
    {
      provide: EMBEDDED,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<EmbeddedPostgres | null> =>
        config.mode === 'embedded'
          ? startEmbeddedPostgres(config.dataDir, config.databasePoolSize * 2)
          : null,
    },
    {
      provide: DataSource,
      inject: [APP_CONFIG, EMBEDDED],
      useFactory: async (config: AppConfig, embedded: EmbeddedPostgres | null) => {
        // PGlite is one session: its socket server interleaves the protocol messages of concurrent
        // connections (seen here: `portal "" does not exist` under 20 parallel requests). One pooled
        // connection makes the pool queue requests whole, transactions included.
        const ds = embedded
          ? await openDatabase(embedded.url, 1, false)
          : await openDatabase(config.databaseUrl!, config.databasePoolSize, true);
        if (!embedded) allowPreparedStatements(ds);
        new Logger('Database').log(
          `${config.mode === 'embedded' ? 'embedded PostgreSQL (PGlite) under ' + config.dataDir : 'PostgreSQL'} ready, migrations applied`,
        );
        return ds;
      },
    },
  ],
  exports: [DataSource],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    private readonly ds: DataSource,
    @Inject(EMBEDDED) private readonly embedded: EmbeddedPostgres | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) await this.ds.destroy();
    await this.embedded?.stop();
  }
}

/** SQLSTATE of an exclusion-constraint violation. */
export const EXCLUSION_VIOLATION = '23P01';
/** SQLSTATE of a unique-constraint violation. */
export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';

/** Whether the database answers a statement. */
export async function databaseAnswers(db: DataSource): Promise<boolean> {
  await db.query('SELECT 1');
  return true;
}

export function sqlState(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}
