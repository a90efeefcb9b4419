import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../src/config/app-config';
import { createApp } from '../src/http/create-app';

export type Mode = 'embedded' | 'services';
export const MODE: Mode = process.env.LP_TEST_MODE === 'services' ? 'services' : 'embedded';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestApp {
  app: NestFastifyApplication;
  url: string;
  config: AppConfig;
  db: DataSource;
  close(): Promise<void>;
}

/** An empty schema on the real server, so that every suite starts from the migrations alone. */
async function resetServices(): Promise<void> {
  const pg = new Client({ connectionString: DATABASE_URL });
  await pg.connect();
  await pg.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  await pg.end();
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const keys = [
    ...(await redis.keys('bull:notifications*')),
    ...(await redis.keys('bull:occupancy*')),
    ...(await redis.keys('lieux:rate-limit:*')),
  ];
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
}

/**
 * Starts the real application on a free port: embedded PostgreSQL in a fresh folder, or the machine's
 * PostgreSQL (fresh schema) and Redis. `dataDir` lets a suite restart on the same embedded data.
 */
export async function startApp(
  opts: { dataDir?: string; fresh?: boolean; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'lp-test-'));
  if (MODE === 'services' && opts.fresh !== false) await resetServices();
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    LOG_FORMAT: 'pretty',
    DEMO_SEED: 'false',
    OUTBOX_SWEEP_SECONDS: '2',
    WEB_DIST: path.join(dataDir, 'no-web'),
    // Suites send many requests from one address; rate-limits.int-spec checks the real limits.
    RATE_LIMIT_SCALE: '100',
    ...(MODE === 'services'
      ? { DATABASE_URL, REDIS_URL, JWT_SECRET: 'integration-tests-secret-of-32-characters!' }
      : {}),
    ...opts.env,
  };
  const config = loadConfig(env);
  const app = await createApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    config,
    db: app.get(DataSource),
    close: () => app.close(),
  };
}

export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The e-mails written so far to `address` (embedded mail folder), oldest first, waiting for at least `atLeast`. */
export async function mailsTo(
  t: TestApp,
  address: string,
  atLeast = 1,
): Promise<{ subject: string; text: string }[]> {
  const { readdir, readFile } = await import('node:fs/promises');
  const { simpleParser } = await import('mailparser');
  return waitFor(`${atLeast} e-mail(s) to ${address}`, async () => {
    const files = await readdir(t.config.mailOutboxDir).catch(() => [] as string[]);
    const found: { subject: string; text: string; date: number }[] = [];
    for (const f of files) {
      const mail = await simpleParser(await readFile(path.join(t.config.mailOutboxDir, f)));
      const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
      if (to.some((a) => a.value.some((v) => v.address === address))) {
        found.push({ subject: mail.subject ?? '', text: mail.text ?? '', date: mail.date?.getTime() ?? 0 });
      }
    }
    return found.length >= atLeast ? found.sort((a, b) => a.date - b.date) : null;
  });
}
