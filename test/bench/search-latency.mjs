// Search latency over HTTP on the national data set (national-data.mjs): the three searches of issue #4,
// many times each with varied parameters, p50/p95 per search, then EXPLAIN (ANALYZE, BUFFERS) of the SQL
// of the slowest request.
//   npm run bench:search -w test -- [--iterations 200] [--clients 1]
// Needs the built API (npx nx run api:build) and the data set. See README.md.
/* global AbortSignal, URLSearchParams */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const pg = require('pg');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(root, 'apps/api/dist/main.js');
const REPOSITORY = path.join(root, 'apps/api/dist/sites/spaces.repository.js');
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/lieux_bench';
const EQUIPMENT = [
  'wifi',
  'screen',
  'projector',
  'videoconference',
  'whiteboard',
  'printer',
  'sound_system',
  'kitchenette',
  'coffee',
  'workbench',
  'sink',
  'shelving',
  'accessible_toilets',
  'parking',
];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const { values: opts } = parseArgs({
  options: {
    iterations: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    clients: { type: 'string', default: '1' },
    port: { type: 'string', default: '3320' },
    'pool-size': { type: 'string', default: '10' },
    seed: { type: 'string', default: '7' },
    'explain-all': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log(`node test/bench/search-latency.mjs [options]   (see test/bench/README.md)
  --iterations N  measured requests of each search (200)
  --warmup N      unmeasured requests of each search first (20)
  --clients N     concurrent HTTP clients (1)
  --port N        port of the API it starts, 3300-3399 (3320)
  --pool-size N   the API's DATABASE_POOL_SIZE (10)
  --seed N        seed of the parameters drawn (7)
  --explain-all   explain the slowest request of every search, not only of the worst one
env: BENCH_DATABASE_URL (default ${DEFAULT_URL}), filled by national-data.mjs first and only read here;
     REDIS_URL (default redis://127.0.0.1:6379/9)`);
  process.exit(0);
}
function intOption(name, min, max) {
  const v = Number(opts[name]);
  if (!Number.isInteger(v) || v < min || v > max) {
    console.error(`--${name} must be an integer from ${min} to ${max} (got ${opts[name]})`);
    process.exit(2);
  }
  return v;
}
const ITERATIONS = intOption('iterations', 1, 100_000);
const WARMUP = intOption('warmup', 0, 10_000);
const CLIENTS = intOption('clients', 1, 64);
const PORT = intOption('port', 3300, 3399);
const POOL_SIZE = intOption('pool-size', 1, 100);
const SEED = intOption('seed', 0, 2 ** 31 - 1);
const DB_URL = process.env.BENCH_DATABASE_URL ?? DEFAULT_URL;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/9';
const BASE = `http://127.0.0.1:${PORT}`;

function mulberry32(a) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const pick = (list) => list[Math.floor(rand() * list.length)];

// ---------------------------------------------------------------- the three searches

/**
 * Each search draws its parameters, and says both its query string and the repository filters the API
 * derives from it (apps/api/src/sites/spaces.service.ts), so that its SQL can be explained afterwards.
 */
function searches(world) {
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  return [
    {
      name: 'région + free 2 h window',
      draw() {
        const region = pick(world.regions);
        // A weekday-ish hour in France's afternoon or morning, 2 to 120 days ahead.
        const start = today + (2 + Math.floor(rand() * 118)) * DAY + (7 + Math.floor(rand() * 9)) * HOUR;
        const from = new Date(start).toISOString();
        const to = new Date(start + 2 * HOUR).toISOString();
        return {
          query: { region, from, to },
          filters: { regionCode: region, window: { start, end: start + 2 * HOUR } },
        };
      },
    },
    {
      name: 'near a point, 20 km, capacity ≥ 10',
      draw() {
        const s = pick(world.points);
        const lat = +(s.latitude + (rand() - 0.5) * 0.05).toFixed(5);
        const lon = +(s.longitude + (rand() - 0.5) * 0.05).toFixed(5);
        return {
          query: { near: `${lat},${lon}`, radiusKm: '20', minCapacity: '10' },
          filters: { near: { lat, lon, radiusKm: 20 }, minCapacity: 10 },
        };
      },
    },
    {
      name: 'département + equipment',
      draw() {
        const departement = pick(world.departements);
        const equipment = [pick(EQUIPMENT)];
        if (rand() < 0.5) equipment.push(pick(EQUIPMENT.filter((e) => e !== equipment[0])));
        return {
          query: { departement, equipment },
          filters: { departementCode: departement, equipment },
        };
      },
    },
  ];
}

function queryString(q) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) for (const x of [v].flat()) p.append(k, x);
  return p.toString();
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function request(draw) {
  const t0 = performance.now();
  const res = await fetch(`${BASE}/api/v1/spaces?${queryString(draw.query)}`, {
    signal: AbortSignal.timeout(30_000),
  });
  const body = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200)
    throw new Error(`HTTP ${res.status} for ${queryString(draw.query)}: ${body.slice(0, 300)}`);
  return { ms, items: JSON.parse(body).items.length };
}

/** WARMUP then ITERATIONS requests of each search, interleaved so that each sees the same conditions. */
async function run(list) {
  const jobs = [];
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    for (const s of list) jobs.push({ search: s, draw: s.draw(), measured: i >= WARMUP });
  }
  const results = new Map(list.map((s) => [s, []]));
  let next = 0;
  const client = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      const r = await request(job.draw);
      if (job.measured) results.get(job.search).push({ ...r, draw: job.draw });
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return list.map((s) => {
    const rs = results.get(s);
    const sorted = rs.map((r) => r.ms).sort((a, b) => a - b);
    const slowest = rs.reduce((a, b) => (b.ms > a.ms ? b : a));
    return {
      name: s.name,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1],
      items: rs.reduce((a, r) => a + r.items, 0) / rs.length,
      empty: rs.filter((r) => r.items === 0).length,
      slowest,
    };
  });
}

/** The SQL the API's repository sends for these filters, run under EXPLAIN (ANALYZE, BUFFERS). */
async function explain(db, filters) {
  const { SpacesRepository } = require(REPOSITORY);
  let captured;
  const repo = new SpacesRepository({
    query: async (sql, params) => {
      captured = { sql, params };
      return [];
    },
  });
  await repo.search(filters, 51);
  const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${captured.sql}`, captured.params);
  return { ...captured, plan: rows.map((r) => r['QUERY PLAN']).join('\n') };
}

// ---------------------------------------------------------------- the API process

function portIsFree(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

function startApi(dataDir) {
  const env = {
    ...process.env,
    DATABASE_URL: DB_URL,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    REDIS_URL,
    JWT_SECRET: 'benchmark-secret-benchmark-secret-0123456789',
    PORT: String(PORT),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    DEMO_SEED: 'false',
    RUN_JOBS: 'false',
    OUTBOX_SWEEP_SECONDS: '3600',
  };
  delete env.SMTP_URL;
  return spawn(process.execPath, [MAIN], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
}

async function waitHealthy(child) {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the API exited during start-up (code ${child.exitCode ?? child.signalCode})`);
    }
    try {
      const res = await fetch(`${BASE}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error('the API did not answer 200 on /api/health within 60 s');
}

async function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  if ((await Promise.race([exited, sleep(10_000).then(() => 'timeout')])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

function codeVersion() {
  let commit = 'unknown commit';
  try {
    const git = (...args) => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8' }).trim();
    commit = git('rev-parse', '--short', 'HEAD');
    if (git('status', '--porcelain', '--', 'apps', 'libs'))
      commit += ' + uncommitted changes in apps/ or libs/';
  } catch {
    // not a git checkout
  }
  return `${commit}; apps/api/dist built ${statSync(MAIN).mtime.toISOString()}`;
}

async function main() {
  for (const f of [MAIN, REPOSITORY]) {
    if (!existsSync(f))
      throw new Error(`${path.relative(root, f)} is missing: build the API first (npx nx run api:build)`);
  }
  for (const [u, what] of [
    [DB_URL, 'BENCH_DATABASE_URL'],
    [REDIS_URL, 'REDIS_URL'],
  ]) {
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(u).hostname))
      throw new Error(`${what} must be local`);
  }
  if (!(await portIsFree(PORT)))
    throw new Error(`something already listens on 127.0.0.1:${PORT}: choose another --port`);

  const db = new pg.Client({ connectionString: DB_URL });
  await db.connect();
  let api;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lieux-search-'));
  const stop = async () => {
    await stopChild(api);
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const { rows: facts } = await db.query(`SELECT
        (SELECT count(*) FROM sites)::int AS sites, (SELECT count(*) FROM spaces)::int AS spaces,
        (SELECT count(*) FROM bookings)::int AS bookings, current_setting('server_version') AS version`);
    if (facts[0].bookings === 0)
      throw new Error('no bookings: fill the database with national-data.mjs first');
    const world = {
      regions: (await db.query(`SELECT DISTINCT region_code FROM spaces ORDER BY 1`)).rows.map(
        (r) => r.region_code,
      ),
      departements: (await db.query(`SELECT DISTINCT departement_code FROM spaces ORDER BY 1`)).rows.map(
        (r) => r.departement_code,
      ),
      // Points where people are: random sites, so dense areas are searched more often, as they would be.
      points: (
        await db.query(`SELECT latitude, longitude FROM sites ORDER BY hashtext(id::text || $1) LIMIT 2000`, [
          String(SEED),
        ])
      ).rows,
    };

    api = startApi(dataDir);
    await waitHealthy(api);
    console.log(`searching: ${WARMUP} + ${ITERATIONS} requests of each search, ${CLIENTS} client(s) …`);
    const t0 = performance.now();
    const results = await run(searches(world));
    const seconds = (performance.now() - t0) / 1000;
    await stopChild(api);
    api = null;

    const f1 = (x) => x.toFixed(1).padStart(6);
    const lines = [
      '',
      '----- search latency over HTTP (Lieux Partagés) -----',
      `date:     ${new Date().toISOString()}`,
      `code:     ${codeVersion()}`,
      `machine:  ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? '?'}), Node ${process.version}, PostgreSQL ${facts[0].version}`,
      `data:     ${facts[0].sites} sites, ${facts[0].spaces} spaces, ${facts[0].bookings} bookings (${new URL(DB_URL).pathname.slice(1)})`,
      `params:   ${WARMUP} warm-up + ${ITERATIONS} measured requests per search, ${CLIENTS} client(s), API pool ${POOL_SIZE}, ${seconds.toFixed(0)} s; load generator on the same machine`,
      ...results.map(
        (r) =>
          `${r.name.padEnd(36)} p50 ${f1(r.p50)} ms  p95 ${f1(r.p95)} ms  p99 ${f1(r.p99)} ms  max ${f1(r.max)} ms  ` +
          `(${r.items.toFixed(1)} results on average, ${r.empty} empty)`,
      ),
      '------------------------------------------------------',
    ];
    console.log(lines.join('\n'));

    const worst = results.reduce((a, b) => (b.p95 > a.p95 ? b : a));
    for (const r of opts['explain-all'] ? results : [worst]) {
      const { sql, params, plan } = await explain(db, r.slowest.draw.filters);
      console.log(
        `\n${r === worst ? 'slowest search by p95' : 'search'}: ${r.name}; its slowest request (${r.slowest.ms.toFixed(1)} ms over HTTP):\n` +
          `GET /api/v1/spaces?${queryString(r.slowest.draw.query)}\n\n` +
          `${sql.replace(/\s+/g, ' ').trim()}\nparameters: ${JSON.stringify(params)}\n\n` +
          `EXPLAIN (ANALYZE, BUFFERS), run now:\n${plan}`,
      );
    }
  } finally {
    await stopChild(api);
    await db.end();
    rmSync(dataDir, { recursive: true, force: true });
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
}

main().catch((err) => {
  console.error(`search-latency: ${err.message}`);
  process.exitCode = 1;
});
