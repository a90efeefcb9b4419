// What the benchmarks share: option parsing, seeded randomness, percentiles, and the API child process.
/* global AbortSignal */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** `--name` of parseArgs' values as an integer in [min, max], or exit 2 saying what is wrong. */
export function intOption(opts, name, min, max) {
  const v = Number(opts[name]);
  if (!Number.isInteger(v) || v < min || v > max) {
    console.error(`--${name} must be an integer from ${min} to ${max} (got ${opts[name]})`);
    process.exit(2);
  }
  return v;
}

/** A seeded generator of numbers in [0, 1): the same options draw the same data and parameters. */
export function mulberry32(a) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The nearest-rank percentile of an ascending list. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** p50, p95, p99 and max of a list of latencies, in its unit. */
export function latencySummary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
}

/** `--name` as a comma-separated list of integers, each in [min, max], or exit 2 saying what is wrong. */
export function intListOption(opts, name, min, max) {
  const list = String(opts[name]).split(',').map(Number);
  if (list.length === 0 || !list.every((v) => Number.isInteger(v) && v >= min && v <= max)) {
    console.error(`--${name} must be integers from ${min} to ${max}, comma-separated (got ${opts[name]})`);
    process.exit(2);
  }
  return list;
}

export function portIsFree(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** Waits up to 60 s for the API child at `base` to answer 200 on /api/health. */
export async function waitHealthy(child, base) {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the API exited during start-up (code ${child.exitCode ?? child.signalCode})`);
    }
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error('the API did not answer 200 on /api/health within 60 s');
}

/** SIGTERM, then SIGKILL if the child has not exited 10 s later. */
export async function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timeout = sleep(10_000).then(() => 'timeout');
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    console.error(`process ${child.pid} did not stop within 10 s of SIGTERM: SIGKILL`);
    child.kill('SIGKILL');
    await exited;
  }
}

/** The commit measured (and whether apps/ or libs/ differ from it) and when the API was built. */
export function codeVersion(root, main) {
  let commit = 'unknown commit';
  try {
    const git = (...args) => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8' }).trim();
    commit = git('rev-parse', '--short', 'HEAD');
    if (git('status', '--porcelain', '--', 'apps', 'libs'))
      commit += ' + uncommitted changes in apps/ or libs/';
  } catch {
    // not a git checkout
  }
  return `${commit}; apps/api/dist built ${statSync(main).mtime.toISOString()}`;
}

/** Drops and recreates the database `url` names, which must be local and not one of the shared ones. */
export async function recreateDatabase(pg, url) {
  const target = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
    throw new Error(
      `BENCH_DATABASE_URL must point at this machine, not ${target.hostname}: the database is dropped`,
    );
  }
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name) || ['postgres', 'test', 'template0', 'template1'].includes(name)) {
    throw new Error(`refusing to drop the database "${name}": name a database of its own`);
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  return name;
}

/**
 * The built API (`main`) in services mode on `databaseUrl`, jobs left to nobody (searches and reads queue
 * none), logs as JSON from warnings up; `env` adds or overrides variables.
 */
export function startApi({ root, main, databaseUrl, redisUrl, port, poolSize, dataDir, env: extra = {} }) {
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: String(poolSize),
    REDIS_URL: redisUrl,
    JWT_SECRET: 'benchmark-secret-benchmark-secret-0123456789',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    DEMO_SEED: 'false',
    RUN_JOBS: 'false',
    OUTBOX_SWEEP_SECONDS: '3600',
    ...extra,
  };
  delete env.SMTP_URL;
  return spawn(process.execPath, [main], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Before anything runs: the built files are there, the services are this machine's, the port is free. */
export async function preflight({ root, files, databaseUrl, redisUrl, port }) {
  for (const f of files) {
    if (!existsSync(f))
      throw new Error(`${path.relative(root, f)} is missing: build the API first (npx nx run api:build)`);
  }
  for (const [u, what] of [
    [databaseUrl, 'BENCH_DATABASE_URL'],
    [redisUrl, 'REDIS_URL'],
  ]) {
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(u).hostname))
      throw new Error(`${what} must be local`);
  }
  if (!(await portIsFree(port)))
    throw new Error(`something already listens on 127.0.0.1:${port}: choose another --port`);
}
