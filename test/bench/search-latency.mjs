// Search latency over HTTP on the national data set (national-data.mjs): the three searches of issue #4,
// many times each with varied parameters, p50/p95 per search; then the région search région by région
// (p50/p95 over HTTP, and PostgreSQL's own time under EXPLAIN ANALYZE); then EXPLAIN (ANALYZE, BUFFERS)
// of the SQL of the slowest request. Each figure at every client count asked (1 and 4 by default).
//   npm run bench:search -w test -- [--iterations 200] [--clients 1,4] [--dist apps/api/dist]
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
  intListOption,
  intOption,
  latencySummary,
  mulberry32,
  preflight,
  startApi,
  stopChild,
  waitHealthy,
} from './bench-kit.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
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
    clients: { type: 'string', default: '1,4' },
    'region-requests': { type: 'string', default: '30' },
    'explain-runs': { type: 'string', default: '5' },
    dist: { type: 'string', default: 'apps/api/dist' },
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
  --clients N,M   concurrent HTTP clients, one measurement per count (1,4)
  --region-requests N  measured région searches per région and client count (30)
  --explain-runs N     région searches per région timed under EXPLAIN ANALYZE (5)
  --dist DIR      the built API to start and explain, relative to the repository (apps/api/dist)
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
const CLIENT_COUNTS = intListOption(opts, 'clients', 1, 64);
const REGION_REQUESTS = intOption(opts, 'region-requests', 0, 10_000);
const EXPLAIN_RUNS = intOption(opts, 'explain-runs', 0, 100);
const DIST = path.resolve(root, opts.dist);
const MAIN = path.join(DIST, 'main.js');
const REPOSITORY = path.join(DIST, 'sites/spaces.repository.js');
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
      draw(region = pick(world.regions)) {
        // A weekday-ish hour in France's afternoon or morning, 2 to 120 days ahead.
        const start = today + (2 + Math.floor(rand() * 118)) * DAY + (7 + Math.floor(rand() * 9)) * HOUR;
        const from = new Date(start).toISOString();
        const to = new Date(start + 2 * HOUR).toISOString();
        return {
          query: { region, from, to },
          filters: {
            regionCode: region,
            window: { start, end: start + 2 * HOUR, holidays: world.holidays?.(start) },
          },
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

/** Runs the jobs ({ group, draw, measured }) on `clients` closed-loop clients; the measured ones by group. */
async function runJobs(jobs, clients) {
  const results = new Map();
  let next = 0;
  const client = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      const r = await request(job.draw);
      if (!job.measured) continue;
      if (!results.has(job.group)) results.set(job.group, []);
      results.get(job.group).push({ ...r, draw: job.draw });
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return results;
}

function summary(rs) {
  return {
    ...latencySummary(rs.map((r) => r.ms)),
    items: rs.reduce((a, r) => a + r.items, 0) / rs.length,
    empty: rs.filter((r) => r.items === 0).length,
    slowest: rs.reduce((a, b) => (b.ms > a.ms ? b : a)),
  };
}

/** WARMUP then ITERATIONS requests of each search, interleaved so that each sees the same conditions. */
async function run(list, clients) {
  const jobs = [];
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    for (const s of list) jobs.push({ group: s, draw: s.draw(), measured: i >= WARMUP });
  }
  const results = await runJobs(jobs, clients);
  return list.map((s) => ({ name: s.name, ...summary(results.get(s)) }));
}

/** REGION_REQUESTS région searches of each région, the régions in turn, after a few unmeasured ones. */
async function runRegions(regionSearch, regions, clients) {
  const jobs = [];
  for (let i = 0; i < Math.min(WARMUP, 3) + REGION_REQUESTS; i++) {
    for (const region of regions)
      jobs.push({ group: region, draw: regionSearch.draw(region), measured: i >= Math.min(WARMUP, 3) });
  }
  const results = await runJobs(jobs, clients);
  return new Map(regions.map((region) => [region, summary(results.get(region))]));
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
  const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
  const time = (what) => Number(new RegExp(`${what} Time: ([\\d.]+) ms`).exec(plan)?.[1] ?? NaN);
  return { ...captured, plan, planning: time('Planning'), execution: time('Execution') };
}

/**
 * PostgreSQL's time (planning + execution) for EXPLAIN_RUNS région searches of each région: the median, and
 * the least, which a loaded machine disturbs least.
 */
async function explainRegions(db, regionSearch, regions) {
  const out = new Map();
  for (const region of regions) {
    const times = [];
    for (let i = 0; i < EXPLAIN_RUNS; i++) {
      const { planning, execution } = await explain(db, regionSearch.draw(region).filters);
      times.push(planning + execution);
    }
    out.set(region, { p50: latencySummary(times).p50, min: Math.min(...times) });
  }
  return out;
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
      spacesByRegion: new Map(
        (
          await db.query(
            `SELECT region_code, count(*)::int AS n FROM spaces WHERE status = 'published' GROUP BY 1`,
          )
        ).rows.map((r) => [r.region_code, r.n]),
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

    // What the API passes a window search since issue #17 (the holidays around the window), when the
    // build measured knows it; an older build's repository ignores it.
    const { closedHolidays } = require(REPOSITORY);
    if (closedHolidays) {
      const codes = world.departements;
      world.holidays = (start) => closedHolidays(start, codes);
    }

    api = startApi({
      root,
      main: MAIN,
      databaseUrl: DB_URL,
      redisUrl: REDIS_URL,
      port: PORT,
      poolSize: POOL_SIZE,
      dataDir,
      // One address sends thousands of searches a minute.
      env: { RATE_LIMIT_SCALE: '1000' },
    });
    await waitHealthy(api, BASE);
    const list = searches(world);
    const regionSearch = list[0];
    const measured = [];
    for (const clients of CLIENT_COUNTS) {
      console.log(`searching: ${WARMUP} + ${ITERATIONS} requests of each search, ${clients} client(s) …`);
      const t0 = performance.now();
      const results = await run(list, clients);
      const seconds = (performance.now() - t0) / 1000;
      console.log(`searching by région: ${REGION_REQUESTS} requests per région, ${clients} client(s) …`);
      const regions =
        REGION_REQUESTS > 0 ? await runRegions(regionSearch, world.regions, clients) : new Map();
      measured.push({ clients, results, regions, seconds });
    }
    await stopChild(api);
    api = null;
    console.log(`explaining: ${EXPLAIN_RUNS} région searches per région, one at a time, API stopped …`);
    const pgTimes = EXPLAIN_RUNS > 0 ? await explainRegions(db, regionSearch, world.regions) : new Map();

    const f1 = (x) => x.toFixed(1).padStart(6);
    const lines = [
      '',
      '----- search latency over HTTP (Lieux Partagés) -----',
      `date:     ${new Date().toISOString()}`,
      `code:     ${codeVersion(root, MAIN)} (${path.relative(root, DIST)})`,
      `machine:  ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? '?'}), Node ${process.version}, PostgreSQL ${facts[0].version}; load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
      `data:     ${facts[0].sites} sites, ${facts[0].spaces} spaces, ${facts[0].bookings} bookings (${new URL(DB_URL).pathname.slice(1)})`,
      `params:   ${WARMUP} warm-up + ${ITERATIONS} measured requests per search, ${REGION_REQUESTS} per région, API pool ${POOL_SIZE}; load generator on the same machine`,
    ];
    for (const { clients, results, seconds } of measured) {
      lines.push(`--- ${clients} client(s), ${seconds.toFixed(0)} s`);
      for (const r of results) {
        lines.push(
          `${r.name.padEnd(36)} p50 ${f1(r.p50)} ms  p95 ${f1(r.p95)} ms  p99 ${f1(r.p99)} ms  max ${f1(r.max)} ms  ` +
            `(${r.items.toFixed(1)} results on average, ${r.empty} empty)`,
        );
      }
    }
    if (REGION_REQUESTS > 0) {
      lines.push(
        `--- région + free 2 h window, by région: p50 / p95 ms over HTTP per client count; PostgreSQL = planning + execution under EXPLAIN ANALYZE, median / least of ${EXPLAIN_RUNS}`,
        `région  spaces  ${CLIENT_COUNTS.map((c) => `${c} client(s) p50 / p95`.padStart(22)).join('  ')}  PostgreSQL p50 / min  results  empty`,
      );
      for (const region of world.regions) {
        const per = measured.map((m) => m.regions.get(region));
        lines.push(
          `${region.padEnd(6)}  ${String(world.spacesByRegion.get(region) ?? 0).padStart(6)}  ` +
            per.map((r) => `${f1(r.p50)} / ${f1(r.p95)}`.padStart(22)).join('  ') +
            `  ${f1(pgTimes.get(region)?.p50 ?? NaN)} / ${f1(pgTimes.get(region)?.min ?? NaN)} ms  ${per[0].items.toFixed(1).padStart(7)}  ${String(per.reduce((a, r) => a + r.empty, 0)).padStart(5)}`,
        );
      }
    }
    lines.push('------------------------------------------------------');
    console.log(lines.join('\n'));

    const results = measured[measured.length - 1].results;
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
