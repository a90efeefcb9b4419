// Search latency over HTTP on the national data set (national-data.mjs): the three searches of issue #4,
// many times each with varied parameters, p50/p95 per search, then EXPLAIN (ANALYZE, BUFFERS) of the SQL
// of the slowest request.
//   npm run bench:search -w test -- [--iterations 200] [--clients 1]
// Needs the built API (npx nx run api:build) and the data set. See README.md.
/* global AbortSignal, URLSearchParams */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  codeVersion,
  intOption,
  mulberry32,
  percentile,
  preflight,
  startApi,
  stopChild,
  waitHealthy,
} from './bench-kit.mjs';

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
const ITERATIONS = intOption(opts, 'iterations', 1, 100_000);
const WARMUP = intOption(opts, 'warmup', 0, 10_000);
const CLIENTS = intOption(opts, 'clients', 1, 64);
const PORT = intOption(opts, 'port', 3300, 3399);
const POOL_SIZE = intOption(opts, 'pool-size', 1, 100);
const SEED = intOption(opts, 'seed', 0, 2 ** 31 - 1);
const DB_URL = process.env.BENCH_DATABASE_URL ?? DEFAULT_URL;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/9';
const BASE = `http://127.0.0.1:${PORT}`;

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

async function main() {
  await preflight({ root, files: [MAIN, REPOSITORY], databaseUrl: DB_URL, redisUrl: REDIS_URL, port: PORT });

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

    api = startApi({
      root,
      main: MAIN,
      databaseUrl: DB_URL,
      redisUrl: REDIS_URL,
      port: PORT,
      poolSize: POOL_SIZE,
      dataDir,
    });
    await waitHealthy(api, BASE);
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
      `code:     ${codeVersion(root, MAIN)}`,
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
