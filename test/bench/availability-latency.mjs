// Several spaces' availability (issue #12): a site of 20 spaces asked in one request
// (GET /availability?siteId=…) next to the same 20 spaces asked one by one, in parallel
// (GET /spaces/{id}/availability × 20), for a day and for a week; p50/p95 of each.
//   npm run bench:availability -w test -- [--iterations 200] [--filler-sites 500]
// Needs the built API (npx nx run api:build) and the machine's PostgreSQL and Redis. See README.md.
/* global AbortSignal, URLSearchParams */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import {
  codeVersion,
  intOption,
  mulberry32,
  percentile,
  preflight,
  recreateDatabase,
  startApi,
  stopChild,
  waitHealthy,
} from './bench-kit.mjs';

// `pg` is this workspace's dependency; temporal-polyfill is the API's, installed at the root.
const require = createRequire(import.meta.url);
const pg = require('pg');
const { Temporal } = require('temporal-polyfill');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(root, 'apps/api/dist/main.js');
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/lieux_bench_availability';
const PARIS = 'Europe/Paris';
const SITE_SPACES = 20;

const { values: opts } = parseArgs({
  options: {
    iterations: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    'filler-sites': { type: 'string', default: '500' },
    port: { type: 'string', default: '3340' },
    'pool-size': { type: 'string', default: '10' },
    seed: { type: 'string', default: '12' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log(`node test/bench/availability-latency.mjs [options]   (see test/bench/README.md)
  --iterations N    measured rounds of each window (200); a round is the one request, then the 20
  --warmup N        unmeasured rounds of each window first (20)
  --filler-sites N  other sites, 4 spaces each with a booking a day over 120 days (500)
  --port N          port of the API it starts, 3300-3399 (3340)
  --pool-size N     the API's DATABASE_POOL_SIZE (10)
  --seed N          seed of the days drawn (12)
env: BENCH_DATABASE_URL (default ${DEFAULT_URL}), dropped and recreated;
     REDIS_URL (default redis://127.0.0.1:6379/9)`);
  process.exit(0);
}
const ITERATIONS = intOption(opts, 'iterations', 1, 100_000);
const WARMUP = intOption(opts, 'warmup', 0, 10_000);
const FILLER_SITES = intOption(opts, 'filler-sites', 0, 20_000);
const PORT = intOption(opts, 'port', 3300, 3399);
const POOL_SIZE = intOption(opts, 'pool-size', 1, 100);
const SEED = intOption(opts, 'seed', 0, 2 ** 31 - 1);
const DB_URL = process.env.BENCH_DATABASE_URL ?? DEFAULT_URL;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/9';
const BASE = `http://127.0.0.1:${PORT}`;

const rand = mulberry32(SEED);

// ---------------------------------------------------------------- the data

/**
 * After the API has migrated the database: filler sites whose bookings fill the tables and their indexes
 * (one booking a day per space, 1 to 3 hours, over 120 days from yesterday), then the measured site:
 * 20 spaces open 08:00–20:00, three bookings a day each over 60 days, one space with buffers, one with
 * hours of its own, and a closed day.
 */
async function seed(db) {
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '08:00', closes: '20:00' }));
  const {
    rows: [{ id: org }],
  } = await db.query(
    `INSERT INTO organisations (name, siret, legal_form, region_code, verification)
     VALUES ('Association Bench', '81234567600017', 'association', '76', 'verified') RETURNING id`,
  );
  const today = Temporal.Now.plainDateISO(PARIS);
  const midnight = (date) => date.toZonedDateTime(PARIS).toInstant().toString();
  await db.query(
    `WITH s AS (
       INSERT INTO sites (name, address, postcode, commune, departement_code, region_code, time_zone, latitude,
                          longitude, opening_hours)
       SELECT 'Site ' || g, '1 rue de la Poste', '34000', 'Montpellier', '34', '76', 'Europe/Paris', 43.6, 3.88, $1
         FROM generate_series(1, $2) g RETURNING id)
     INSERT INTO spaces (site_id, region_code, departement_code, name, kind, area_sqm, capacity, status)
     SELECT s.id, '76', '34', 'Salle ' || g, 'meeting_room', 20, 10, 'published' FROM s, generate_series(1, 4) g`,
    [JSON.stringify(hours), FILLER_SITES],
  );
  await db.query(
    `INSERT INTO bookings (space_id, organisation_id, status, period, blocked_period, title, attendees, price_cents)
     SELECT sp.id, $1, 'confirmed', r, r, 'Réunion', 4, 0
       FROM spaces sp, generate_series(-1, 118) d,
            LATERAL (SELECT $2::timestamptz + d * interval '1 day' + (8 + (hashtext(sp.id::text || d) & 7)) * interval '1 hour' AS s) x,
            LATERAL (SELECT tstzrange(x.s, x.s + (1 + (hashtext(d || sp.id::text) & 1)) * interval '1 hour') AS r) y`,
    [org, midnight(today)],
  );
  const {
    rows: [{ id: site }],
  } = await db.query(
    `INSERT INTO sites (name, address, postcode, commune, departement_code, region_code, time_zone, latitude,
                        longitude, opening_hours)
     VALUES ('La Poste Bench', '2 place de la Comédie', '34000', 'Montpellier', '34', '76', 'Europe/Paris', 43.61, 3.88, $1)
     RETURNING id`,
    [JSON.stringify(hours)],
  );
  const { rows: spaces } = await db.query(
    `INSERT INTO spaces (site_id, region_code, departement_code, name, kind, area_sqm, capacity, status,
                         buffer_before_minutes, buffer_after_minutes)
     SELECT $1, '76', '34', 'Salle ' || lpad(g::text, 2, '0'), 'meeting_room', 20, 10, 'published',
            CASE WHEN g = 1 THEN 15 ELSE 0 END, CASE WHEN g = 1 THEN 15 ELSE 0 END
       FROM generate_series(1, $2) g RETURNING id`,
    [site, SITE_SPACES],
  );
  await db.query(`UPDATE spaces SET opening_hours = $2 WHERE id = $1`, [
    spaces[1].id,
    JSON.stringify([1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '12:00' }))),
  ]);
  await db.query(
    `INSERT INTO bookings (space_id, organisation_id, status, period, blocked_period, title, attendees, price_cents)
     SELECT sp.id, $1, 'confirmed', tstzrange(s, e),
            tstzrange(s - make_interval(mins => sp.buffer_before_minutes), e + make_interval(mins => sp.buffer_after_minutes)),
            'Atelier', 4, 0
       FROM spaces sp, generate_series(0, 59) d, (VALUES (9, 10), (11, 12), (14, 16)) h (a, b),
            LATERAL (SELECT $3::timestamptz + d * interval '1 day' + h.a * interval '1 hour' AS s,
                            $3::timestamptz + d * interval '1 day' + h.b * interval '1 hour' AS e) x
      WHERE sp.id = ANY($2::uuid[])`,
    [org, spaces.map((s) => s.id), midnight(today)],
  );
  await db.query(
    `INSERT INTO site_closures (site_id, starts_on, ends_on, reason) VALUES ($1, $2, $2, 'Inventaire')`,
    [site, today.add({ days: 10 }).toString()],
  );
  await db.query('VACUUM ANALYZE');
  const {
    rows: [facts],
  } =
    await db.query(`SELECT (SELECT count(*) FROM sites)::int AS sites, (SELECT count(*) FROM spaces)::int AS spaces,
      (SELECT count(*) FROM bookings)::int AS bookings, current_setting('server_version') AS version`);
  return { site, spaces: spaces.map((s) => s.id), facts, today };
}

// ---------------------------------------------------------------- the API process

// ---------------------------------------------------------------- the run

async function getJson(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`HTTP ${res.status} for ${url}: ${body.slice(0, 300)}`);
  return JSON.parse(body);
}

/** A window of `days` local days in Paris, starting 1 to 30 days ahead. */
function drawWindow(today, days) {
  const start = today.add({ days: 1 + Math.floor(rand() * 30) });
  const instant = (d) => d.toZonedDateTime(PARIS).toInstant().toString();
  return new URLSearchParams({ from: instant(start), to: instant(start.add({ days })) }).toString();
}

const one = (world, window) => getJson(`${BASE}/api/v1/availability?siteId=${world.site}&${window}`);
const each = (world, window) =>
  Promise.all(world.spaces.map((id) => getJson(`${BASE}/api/v1/spaces/${id}/availability?${window}`)));

/** Both ways give the same intervals, space by space: otherwise the comparison means nothing. */
async function checkSame(world) {
  const window = drawWindow(world.today, 7);
  const [many, singles] = await Promise.all([one(world, window), each(world, window)]);
  const byId = new Map(many.items.map(({ spaceId, ...a }) => [spaceId, a]));
  if (
    many.items.length !== SITE_SPACES ||
    !world.spaces.every((id, i) => isDeepStrictEqual(byId.get(id), singles[i]))
  )
    throw new Error('the one request and the 20 single requests disagree');
  return many.items.reduce((n, a) => n + a.busy.length, 0);
}

async function timed(work) {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

async function measure(world) {
  const results = {};
  for (const [label, days] of [
    ['one day', 1],
    ['one week', 7],
  ]) {
    const oneMs = [];
    const eachMs = [];
    for (let i = 0; i < WARMUP + ITERATIONS; i++) {
      const window = drawWindow(world.today, days);
      // Alternated, so that both see the same moments of a shared machine.
      const a = await timed(() => one(world, window));
      const b = await timed(() => each(world, window));
      if (i >= WARMUP) {
        oneMs.push(a);
        eachMs.push(b);
      }
    }
    const stats = (list) => {
      const sorted = [...list].sort((x, y) => x - y);
      return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
    };
    results[label] = { one: stats(oneMs), each: stats(eachMs) };
  }
  return results;
}

async function main() {
  await preflight({ root, files: [MAIN], databaseUrl: DB_URL, redisUrl: REDIS_URL, port: PORT });

  console.log(`preparing: database ${new URL(DB_URL).pathname.slice(1)}, API on :${PORT}`);
  await recreateDatabase(pg, DB_URL);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lieux-availability-'));
  let api;
  const db = new pg.Client({ connectionString: DB_URL });
  const stop = async () => {
    await stopChild(api);
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    // The API migrates the empty database as it starts.
    api = startApi({
      root,
      main: MAIN,
      databaseUrl: DB_URL,
      redisUrl: REDIS_URL,
      port: PORT,
      poolSize: POOL_SIZE,
      dataDir,
      // One address sends thousands of requests a minute here.
      env: { RATE_LIMIT_SCALE: '1000' },
    });
    await waitHealthy(api, BASE);
    await db.connect();
    const t0 = performance.now();
    const world = await seed(db);
    console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s; checking both ways agree …`);
    const busy = await checkSame(world);
    console.log(`measuring: ${WARMUP} + ${ITERATIONS} rounds per window …`);
    const results = await measure(world);

    const f1 = (x) => x.toFixed(1).padStart(6);
    const { facts } = world;
    console.log(
      [
        '',
        '----- several spaces’ availability (Lieux Partagés) -----',
        `date:     ${new Date().toISOString()}`,
        `code:     ${codeVersion(root, MAIN)}`,
        `machine:  ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? '?'}), Node ${process.version}, PostgreSQL ${facts.version}`,
        `data:     ${facts.sites} sites, ${facts.spaces} spaces, ${facts.bookings} bookings; the measured site: ${SITE_SPACES} spaces, ${busy} busy blocks in the week checked`,
        `params:   ${WARMUP} warm-up + ${ITERATIONS} measured rounds per window, one client, API pool ${POOL_SIZE}; load generator on the same machine`,
        ...Object.entries(results).flatMap(([label, r]) => [
          `${label.padEnd(9)} 1 request  (/availability?siteId)      p50 ${f1(r.one.p50)} ms  p95 ${f1(r.one.p95)} ms`,
          `${label.padEnd(9)} 20 requests in parallel (one each)   p50 ${f1(r.each.p50)} ms  p95 ${f1(r.each.p95)} ms`,
        ]),
        '----------------------------------------------------------',
      ].join('\n'),
    );
  } finally {
    await stopChild(api);
    await db.end().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
}

main().catch((err) => {
  console.error(`availability-latency: ${err.message}`);
  process.exitCode = 1;
});
