import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import IORedis from 'ioredis';
import { Client, escapeIdentifier } from 'pg';
import { openDatabase } from '../src/database/data-source';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

/**
 * The databases the integration suites boot on. The Jest global setup migrates one template per run; each
 * boot then starts from a copy of it, since an empty embedded PostgreSQL (initdb) plus every migration
 * took 8–17 s per boot. The template is migrated by the application's own `openDatabase`, so a copy
 * holds exactly what a first start of the product would.
 *
 * Services mode: one database and one queue prefix per Jest worker, named after DATABASE_URL's database
 * (`<db>_tpl`, `<db>_w1`, `<db>_w2`…), so that workers run side by side on one PostgreSQL and one Redis.
 */

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Set by the global setup for the workers, which inherit its environment. */
const PGDATA_TEMPLATE = 'LP_TEST_PGDATA_TEMPLATE';

/** Migrates an embedded PostgreSQL into a folder of its own, closed cleanly so that its files can be copied. */
export async function makeEmbeddedTemplate(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lp-template-'));
  const pg = await startEmbeddedPostgres(dataDir, 2);
  try {
    await (await openDatabase(pg.url, 1, false)).destroy();
  } finally {
    await pg.stop();
  }
  process.env[PGDATA_TEMPLATE] = path.join(dataDir, 'pgdata');
}

export function removeEmbeddedTemplate(): void {
  const template = process.env[PGDATA_TEMPLATE];
  if (template) rmSync(path.dirname(template), { recursive: true, force: true });
}

/**
 * Gives an embedded data folder its migrated database. A folder that holds one already is a restart on its
 * data and stays as it is; without a template (a run without the global setup) the boot migrates as usual.
 */
export function seedEmbeddedDataDir(dataDir: string): void {
  const template = process.env[PGDATA_TEMPLATE];
  const pgdata = path.join(dataDir, 'pgdata');
  if (template && !existsSync(pgdata)) cpSync(template, pgdata, { recursive: true });
}

const baseName = decodeURIComponent(new URL(DATABASE_URL).pathname.slice(1)) || 'postgres';
const templateName = `${baseName}_tpl`;
const workerId = process.env.JEST_WORKER_ID ?? '1';
const workerName = `${baseName}_w${workerId}`;

function urlOf(database: string): string {
  const url = new URL(DATABASE_URL);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** This worker's database. */
export const WORKER_DATABASE_URL = urlOf(workerName);
/** This worker's queues: Bull keys start with it, so no worker takes another's jobs. */
export const WORKER_REDIS_PREFIX = `lp-test-w${workerId}`;

/** Talks to the server through DATABASE_URL's database, which no test boots on. */
async function onServer<T>(work: (pg: Client) => Promise<T>): Promise<T> {
  const pg = new Client({ connectionString: DATABASE_URL });
  await pg.connect();
  try {
    return await work(pg);
  } finally {
    await pg.end();
  }
}

const databases = (pg: Client) =>
  pg.query<{ datname: string }>(`SELECT datname FROM pg_database`).then((r) => r.rows.map((d) => d.datname));
const copyOfTemplate = (name: string) =>
  `CREATE DATABASE ${escapeIdentifier(name)} TEMPLATE ${escapeIdentifier(templateName)}`;

export async function makeServicesTemplate(): Promise<void> {
  await onServer(async (pg) => {
    await pg.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(templateName)} WITH (FORCE)`);
    await pg.query(`CREATE DATABASE ${escapeIdentifier(templateName)}`);
  });
  await (await openDatabase(urlOf(templateName), 1, true)).destroy();
}

/** Drops the template and the workers' databases of this run, and empties the workers' queues. */
export async function removeServicesRun(): Promise<void> {
  const worker = /^(.*)_w\d+$/;
  await onServer(async (pg) => {
    for (const d of await databases(pg))
      if (d === templateName || worker.exec(d)?.[1] === baseName)
        await pg.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(d)} WITH (FORCE)`);
  });
  await clearQueues('lp-test-w*');
}

/** A worker database copied from the template, and this worker's queues emptied. */
export async function freshWorkerServices(): Promise<void> {
  await onServer(async (pg) => {
    // FORCE: a process a suite started and did not wait for (a second API, a worker) may still be connected.
    await pg.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(workerName)} WITH (FORCE)`);
    await pg.query(copyOfTemplate(workerName));
  });
  await clearQueues(WORKER_REDIS_PREFIX);
}

/** This worker's queues emptied, for a suite that boots on a database of its own. */
export const clearWorkerQueues = (): Promise<void> => clearQueues(WORKER_REDIS_PREFIX);

async function clearQueues(prefix: string): Promise<void> {
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

/** For `fresh: false`: the worker's database as the last boot left it, made from the template if none yet. */
export async function existingWorkerServices(): Promise<void> {
  await onServer(async (pg) => {
    if (!(await databases(pg)).includes(workerName)) await pg.query(copyOfTemplate(workerName));
  });
}

/** A database beside the run's own, named after it (`<db>_restore`…), for a suite that needs one more. */
export function siblingDatabase(suffix: string): { name: string; url: string } {
  const name = `${baseName}_${suffix}`;
  return { name, url: urlOf(name) };
}

/** Runs one statement on the server (CREATE / DROP DATABASE cannot run inside the target). */
export async function onServerRun(sql: string): Promise<void> {
  await onServer((pg) => pg.query(sql));
}

export async function freshDatabase(name: string): Promise<void> {
  await onServerRun(`DROP DATABASE IF EXISTS ${escapeIdentifier(name)} WITH (FORCE)`);
  await onServerRun(`CREATE DATABASE ${escapeIdentifier(name)}`);
}
