// Booking throughput: the API's full path (validation, rules, transaction with audit and outbox, hand-off
// to the queue) against the raw single-statement INSERT on the same table and constraint, at the same
// concurrency, in the same run.
//   npm run bench:bookings -w test -- [--clients 8] [--seconds 20] [--spaces 2000] [--jobs off|api|worker]
// Needs the built API (npx nx run api:build) and the machine's PostgreSQL and Redis. See README.md.
/* global AbortSignal */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { codeVersion, intOption, percentile, portIsFree, stopChild, waitHealthy } from './bench-kit.mjs';

// `pg` is this workspace's dependency; argon2 and ioredis are the API's, installed at the root.
const require = createRequire(import.meta.url);
const pg = require('pg');
const argon2 = require('argon2');
const IORedis = require('ioredis');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(root, 'apps/api/dist/main.js');
// Not lieux_bench: that one holds the national data set of the search and report benchmarks.
const BENCH_DB = 'lieux_bench_bookings';
const QUEUE_KEYS = 'lieux:notifications*';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Start hours in UTC: 07:00–19:00 starts end by 20:00 UTC, inside 06:00–22:00 Paris all year. */
const FIRST_HOUR = 7;
const HOURS_PER_DAY = 13;
/** The API books days [2, 182) from today; the raw INSERTs days [182, 362): never the same slot. */
const API_DAYS = [2, 182];
const RAW_DAYS = [182, 362];
const PASSWORD = 'bench-password-123';
const ERRORS_SHOWN = 5;

const { values: opts } = parseArgs({
  options: {
    clients: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    spaces: { type: 'string', default: '2000' },
    port: { type: 'string', default: '3300' },
    jobs: { type: 'string', default: 'off' },
    'pool-size': { type: 'string', default: '10' },
    'redis-db': { type: 'string', default: '9' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log(`node test/bench/booking-throughput.mjs [options]   (see test/bench/README.md)
  --clients N     concurrent clients, HTTP then pg (8)
  --seconds N     measured seconds per phase (20)
  --warmup N      unmeasured seconds before each phase, for the JIT and the pools (5)
  --spaces N      spaces seeded, 4 per site (2000)
  --port N        port of the API child, 3300-3399 (3300)
  --jobs MODE     who delivers the e-mail jobs (to .eml files in a temporary folder) (off):
                  off: nobody, RUN_JOBS=false and they wait in Redis; api: the API process too
                  (RUN_JOBS=true, like npm start); worker: one \`main.js worker\` process next to it
  --pool-size N   the API's DATABASE_POOL_SIZE (10, its default)
  --redis-db N    Redis logical database used when REDIS_URL names none (9)
env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; ${BENCH_DB} is created next to it),
     REDIS_URL (default redis://127.0.0.1:6379)`);
  process.exit(0);
}

const CLIENTS = intOption(opts, 'clients', 1, 256);
const SECONDS = intOption(opts, 'seconds', 1, 600);
const WARMUP = intOption(opts, 'warmup', 0, 60);
const SPACES = intOption(opts, 'spaces', 1, 100_000);
const PORT = intOption(opts, 'port', 3300, 3399);
const POOL_SIZE = intOption(opts, 'pool-size', 1, 200);
const REDIS_DB = intOption(opts, 'redis-db', 0, 15);
const JOBS = opts.jobs;
if (!['off', 'api', 'worker'].includes(JOBS)) {
  console.error(`--jobs must be off, api or worker (got ${JOBS})`);
  process.exit(2);
}

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BENCH_URL = withPath(ADMIN_URL, `/${BENCH_DB}`);
// Its own logical database by default: the integration suites run workers on db 0's `notifications` queue.
const REDIS_URL = (() => {
  const base = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  return new URL(base).pathname.length > 1 ? base : withPath(base, `/${REDIS_DB}`);
})();
const BASE = `http://127.0.0.1:${PORT}`;

function withPath(url, pathname) {
  const u = new URL(url);
  u.pathname = pathname;
  return u.toString();
}

function assertLocal(url, what) {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) {
    throw new Error(`${what} must point at this machine (127.0.0.1), not ${host}: the bench drops databases`);
  }
}

// ---------------------------------------------------------------- slots

/** French public holidays of a year as YYYY-MM-DD (national ones, plus Alsace-Moselle's two). */
function frenchHolidays(year) {
  // Anonymous Gregorian algorithm for Easter Sunday.
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  const easter = Date.UTC(year, month - 1, day);
  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  const fixed = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25', '12-26'];
  return [...fixed.map((md) => `${year}-${md}`), ...[-2, 1, 39, 50].map((n) => iso(easter + n * DAY))];
}

/**
 * Distinct (space, day, hour) slots handed out in order, space first so that concurrent requests hit
 * different spaces. One-hour bookings on whole UTC hours: on the 30-minute step in Paris all year.
 * Holidays are skipped (a site may be closed on them). Returns null once the range is used up.
 */
function slotSource(spaces, [fromDay, toDay]) {
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  const years = new Set();
  const days = [];
  for (let n = fromDay; n < toDay; n++) days.push(today + n * DAY);
  for (const t of days) years.add(new Date(t).getUTCFullYear());
  const holidays = new Set([...years].flatMap(frenchHolidays));
  const open = days.filter((t) => !holidays.has(new Date(t).toISOString().slice(0, 10)));
  const capacity = open.length * HOURS_PER_DAY * spaces.length;
  let next = 0;
  return {
    capacity,
    take() {
      if (next >= capacity) return null;
      const i = next++;
      const k = Math.floor(i / spaces.length);
      const start = open[Math.floor(k / HOURS_PER_DAY)] + (FIRST_HOUR + (k % HOURS_PER_DAY)) * HOUR;
      return { spaceId: spaces[i % spaces.length], start, end: start + HOUR };
    },
  };
}

// ---------------------------------------------------------------- measuring

const USER_HZ = 100; // clock ticks per second in /proc/<pid>/stat on Linux
const children = { api: null, worker: null }; // for their CPU time and to stop them

/** utime + stime of a process in ms (Linux), or null. */
function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return null;
  }
}

/** CPU time of each local `postgres` process in ms, by pid (Linux), or null. */
function postgresCpuMs() {
  if (process.platform !== 'linux') return null;
  const byPid = new Map();
  for (const pid of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres')
        byPid.set(pid, processCpuMs(pid) ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return byPid;
}

/**
 * CPU the postgres processes spent between two snapshots, in ms. Per process: backends come and go (the
 * API's pool closes connections idle for 10 s), and a total would lose the whole past of those that left.
 */
function postgresDelta(a, b) {
  if (!a || !b) return null;
  let ms = 0;
  for (const [pid, t] of b) ms += t - (a.get(pid) ?? 0);
  return ms;
}

function cpuSnapshot() {
  let busy = 0;
  let all = 0;
  for (const { times } of os.cpus()) {
    busy += times.user + times.nice + times.sys + times.irq;
    all += times.user + times.nice + times.sys + times.irq + times.idle;
  }
  const self = process.cpuUsage();
  return {
    at: performance.now(),
    busy,
    all,
    api: children.api ? processCpuMs(children.api.pid) : null,
    worker: children.worker ? processCpuMs(children.worker.pid) : null,
    postgres: postgresCpuMs(),
    self: (self.user + self.system) / 1000,
  };
}

/** Where the cores went between two snapshots, in cores (1.0 = one core fully busy). */
function cpuSplit(a, b) {
  const ms = b.at - a.at;
  const cores = (x, y) => (x === null || y === null ? null : (y - x) / ms);
  const machine = ((b.busy - a.busy) / (b.all - a.all || 1)) * os.cpus().length;
  const api = cores(a.api, b.api);
  const worker = cores(a.worker, b.worker);
  const pgMs = postgresDelta(a.postgres, b.postgres);
  const postgres = pgMs === null ? null : pgMs / ms;
  const generator = cores(a.self, b.self);
  const other = Math.max(0, machine - (api ?? 0) - (worker ?? 0) - (postgres ?? 0) - generator);
  return { machine, api, worker, postgres, generator, other };
}

/**
 * CLIENTS loops, each doing one operation after the other: first WARMUP seconds unmeasured, then SECONDS
 * measured. `op(slot, client)` resolves to null on success or to an error text. Stops early if slots run out.
 */
async function drive(source, op) {
  const result = { ok: 0, failed: 0, errors: [], latencies: [], exhausted: false, elapsed: 0 };
  let cpuStart;
  const warmupEnd = performance.now() + WARMUP * 1000;
  let measuredStart = 0;
  let measuring = false;
  const until = warmupEnd + SECONDS * 1000;
  const loop = async (_, client) => {
    for (;;) {
      const now = performance.now();
      if (now >= until) return;
      if (!measuring && now >= warmupEnd) {
        measuring = true;
        cpuStart = cpuSnapshot();
        measuredStart = cpuStart.at;
      }
      const slot = source.take();
      if (!slot) {
        result.exhausted = true;
        return;
      }
      const t0 = performance.now();
      const counted = measuring;
      let err;
      try {
        err = await op(slot, client);
      } catch (e) {
        err = e.message;
      }
      const t1 = performance.now();
      if (!counted) continue;
      result.latencies.push(t1 - t0);
      if (err) {
        result.failed++;
        if (result.errors.length < ERRORS_SHOWN) result.errors.push(err);
      } else {
        result.ok++;
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, loop));
  const cpu = measuring ? cpuSplit(cpuStart, cpuSnapshot()) : null;
  // Requests under way at the deadline finish and count: the time runs until the last one answers.
  result.elapsed = measuring ? (performance.now() - measuredStart) / 1000 : 0;
  const sorted = result.latencies.sort((a, b) => a - b);
  return {
    ...result,
    latencies: undefined,
    cpu,
    perSecond: result.elapsed > 0 ? result.ok / result.elapsed : 0,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

// ---------------------------------------------------------------- set-up

async function recreateDatabase() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  } finally {
    await admin.end();
  }
}

async function clearQueue() {
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    // Bounded: SCAN in pages of 1,000 keys until the cursor comes back to 0.
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', QUEUE_KEYS, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

function childEnv(dataDir) {
  const env = {
    ...process.env,
    DATABASE_URL: BENCH_URL,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    REDIS_URL,
    JWT_SECRET: 'benchmark-secret-benchmark-secret-0123456789',
    ACCESS_TOKEN_TTL_SECONDS: '86400',
    PORT: String(PORT),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    DEMO_SEED: 'false',
    RUN_JOBS: String(JOBS === 'api'),
  };
  // With nobody delivering, every event would look stuck after 30 s and the relay would hand the whole
  // backlog out again at each sweep: work that a kept-up worker pool never causes. Keep it out.
  if (JOBS === 'off') env.OUTBOX_SWEEP_SECONDS = '3600';
  // E-mails go to .eml files under the temporary DATA_DIR, never to a real SMTP server.
  delete env.SMTP_URL;
  return env;
}

function startApi(dataDir) {
  const env = childEnv(dataDir);
  // BENCH_API_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": Node refuses --cpu-prof in NODE_OPTIONS.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return spawn(process.execPath, [...nodeArgs, MAIN], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** A worker process (`main.js worker`): started once the API has applied the migrations. */
function startWorker(dataDir) {
  const env = childEnv(dataDir);
  return spawn(process.execPath, [MAIN, 'worker'], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** One verified organisation, one member, SPACES published spaces on sites open 06:00–22:00 daily. */
async function seed(db) {
  const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id });
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '06:00', closes: '22:00' }));
  const {
    rows: [{ id: org }],
  } = await db.query(
    `INSERT INTO organisations (name, siret, legal_form, region_code, verification)
     VALUES ('Association Bench', '81234567600017', 'association', '76', 'verified') RETURNING id`,
  );
  const {
    rows: [{ id: user }],
  } = await db.query(
    `INSERT INTO users (email, password_hash, display_name, organisation_id)
     VALUES ('bench@example.org', $1, 'Bench', $2) RETURNING id`,
    [hash, org],
  );
  await db.query(`INSERT INTO role_grants (user_id, role, organisation_id) VALUES ($1, 'member', $2)`, [
    user,
    org,
  ]);
  const { rows: sites } = await db.query(
    `INSERT INTO sites (name, address, postcode, commune, departement_code, region_code, time_zone, latitude,
                        longitude, opening_hours)
     SELECT 'Site ' || g, '1 rue de la Poste', '34000', 'Montpellier', '34', '76', 'Europe/Paris', 43.6, 3.88, $1
       FROM generate_series(1, $2) g RETURNING id`,
    [JSON.stringify(hours), Math.ceil(SPACES / 4)],
  );
  const { rows: spaces } = await db.query(
    `INSERT INTO spaces (site_id, region_code, departement_code, name, kind, area_sqm, capacity, status,
                         slot_step_minutes, min_notice_minutes, max_duration_minutes, horizon_days)
     SELECT s.id, '76', '34', 'Salle ' || g, 'meeting_room', 20, 10, 'published', 30, 0, 720, 365
       FROM unnest($1::uuid[]) s(id), generate_series(1, 4) g
      LIMIT $2 RETURNING id`,
    [sites.map((s) => s.id), SPACES],
  );
  await db.query('ANALYZE');
  return { org, user, spaces: spaces.map((s) => s.id) };
}

async function login() {
  const res = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.org', password: PASSWORD }),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${body.slice(0, 300)}`);
  return JSON.parse(body).accessToken;
}

// ---------------------------------------------------------------- the run

async function benchApi(world, token) {
  const source = slotSource(world.spaces, API_DAYS);
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const result = await drive(source, async (s) => {
    const res = await fetch(`${BASE}/api/v1/bookings`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        spaceId: s.spaceId,
        start: new Date(s.start).toISOString(),
        end: new Date(s.end).toISOString(),
        title: 'Bench',
        attendees: 2,
      }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = await res.text();
    return res.status === 201 ? null : `HTTP ${res.status} ${body.slice(0, 300)}`;
  });
  return { ...result, capacity: source.capacity };
}

async function benchRaw(world) {
  const source = slotSource(world.spaces, RAW_DAYS);
  const clients = Array.from({ length: CLIENTS }, () => new pg.Client({ connectionString: BENCH_URL }));
  await Promise.all(clients.map((c) => c.connect()));
  try {
    const result = await drive(source, async (s, i) => {
      const range = `[${new Date(s.start).toISOString()},${new Date(s.end).toISOString()})`;
      try {
        await clients[i].query(
          `INSERT INTO bookings (space_id, organisation_id, booked_by, status, period, blocked_period, title,
                                attendees, price_cents)
           VALUES ($1, $2, $3, 'confirmed', $4::tstzrange, $4::tstzrange, 'Raw', 2, 0)`,
          [s.spaceId, world.org, world.user, range],
        );
        return null;
      } catch (e) {
        return `SQLSTATE ${e.code}: ${e.message}`;
      }
    });
    return { ...result, capacity: source.capacity };
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}

/** A folder relative to the repository root when it is inside it. */
function where(dir) {
  const rel = path.relative(root, dir);
  return rel === '' ? 'the repository root' : rel.startsWith('..') ? dir : rel;
}

/** `cores busy: API 0.95 + PostgreSQL 0.70 + …` of one phase, as a line. */
function cpuLine(name, cpu) {
  if (!cpu) return `cpu ${name}: n/a`;
  const c = (x) => (x === null ? 'n/a' : x.toFixed(2));
  return (
    `cpu ${name}: ${c(cpu.machine)} of ${os.cpus().length} cores busy = ` +
    (cpu.api === null ? '' : `API process ${c(cpu.api)} + `) +
    (cpu.worker === null ? '' : `worker ${c(cpu.worker)} + `) +
    `PostgreSQL ${c(cpu.postgres)} + this load generator ${c(cpu.generator)} + other ${c(cpu.other)}`
  );
}

const JOBS_TEXT = {
  off: 'left in Redis (RUN_JOBS=false, OUTBOX_SWEEP_SECONDS=3600)',
  api: 'delivered by the API process (RUN_JOBS=true)',
  worker: 'delivered by one worker process (RUN_JOBS=false + main.js worker)',
};

function report(api, raw, facts) {
  const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
  const f0 = (x) => Math.round(x).toLocaleString('en-US');
  const args = process.argv.slice(2).join(' ');
  const command =
    process.env.npm_lifecycle_event === 'bench:bookings'
      ? `npm run bench:bookings -w test${args ? ` -- ${args}` : ''}   (from the repository root)`
      : `node ${path.relative(process.cwd(), process.argv[1])} ${args}`.trim() +
        `   (in ${where(process.cwd())})`;
  const lines = [
    '',
    '----- booking throughput (Lieux Partagés) -----',
    `command:  ${command}`,
    `date:     ${new Date().toISOString()}`,
    `code:     ${codeVersion(root, MAIN)}`,
    `machine:  ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? '?'}), ${os.platform()} ${os.release()}, ` +
      `Node ${process.version}, PostgreSQL ${facts.pgVersion}, Redis ${facts.redisVersion}`,
    `params:   ${CLIENTS} clients, ${SECONDS} s measured after ${WARMUP} s warm-up per phase, ${SPACES} spaces, ` +
      `jobs ${JOBS_TEXT[JOBS]}, ` +
      `API pool ${POOL_SIZE}; load generator on the same machine`,
    `API  POST /api/v1/bookings   ${f0(api.perSecond).padStart(6)} bookings/s  p50 ${f1(api.p50)} ms  p95 ${f1(api.p95)} ms  ` +
      `p99 ${f1(api.p99)} ms  (${api.ok} created, ${api.failed} errors)`,
    `raw  INSERT, one statement   ${f0(raw.perSecond).padStart(6)} rows/s      p50 ${f1(raw.p50)} ms  p95 ${f1(raw.p95)} ms  ` +
      `p99 ${f1(raw.p99)} ms  (${raw.ok} rows, ${raw.failed} errors)`,
    `ratio API / raw: ${f1((100 * api.perSecond) / raw.perSecond)} %`,
    cpuLine('API phase', api.cpu),
    cpuLine('raw phase', raw.cpu),
    `table:    ${facts.bookings} bookings at the end (warm-up included), ${facts.outbox} outbox events, ${facts.delivered} delivered` +
      (facts.drain
        ? facts.drain.left === 0
          ? ` (the backlog drained ${f1(facts.drain.seconds)} s after the API phase)`
          : ` (${facts.drain.left} still waiting ${f1(facts.drain.seconds)} s after the API phase)`
        : ''),
    '-----------------------------------------------',
  ];
  const busiest = Math.max(api.cpu?.other ?? 0, raw.cpu?.other ?? 0);
  if (busiest > 0.2) {
    lines.push(
      `warning: other processes took up to ${busiest.toFixed(2)} cores during a phase: the figures understate; ` +
        'run again on a quiet machine',
    );
  }
  if (api.exhausted || raw.exhausted) {
    lines.push('note: the slots ran out before the end: use more --spaces for figures over the whole time');
  }
  for (const [name, r] of [
    ['API', api],
    ['raw', raw],
  ]) {
    for (const e of r.errors) lines.push(`${name} error: ${e}`);
  }
  console.log(lines.join('\n'));
}

async function run() {
  if (!existsSync(MAIN)) {
    throw new Error(
      `${path.relative(root, MAIN)} is missing: build the API first with \`npx nx run api:build\``,
    );
  }
  assertLocal(ADMIN_URL, 'DATABASE_URL');
  assertLocal(REDIS_URL, 'REDIS_URL');
  if (!(await portIsFree(PORT))) {
    throw new Error(`something already listens on 127.0.0.1:${PORT}: choose another --port (3300-3399)`);
  }

  console.log(`preparing: database ${BENCH_DB}, Redis ${REDIS_URL}, API on :${PORT}`);
  await recreateDatabase();
  await clearQueue();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lieux-bench-'));
  let db;
  const stopAll = () => Promise.all([stopChild(children.worker), stopChild(children.api)]);
  const stop = async (signal) => {
    console.error(`\n${signal}: stopping the API`);
    await stopAll();
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    children.api = startApi(dataDir);
    await waitHealthy(children.api, BASE);
    if (JOBS === 'worker') children.worker = startWorker(dataDir);
    db = new pg.Client({ connectionString: BENCH_URL });
    await db.connect();
    const world = await seed(db);
    const token = await login();

    console.log(`API phase: ${CLIENTS} clients, ${WARMUP} s + ${SECONDS} s …`);
    const apiResult = await benchApi(world, token);
    const drain = JOBS === 'off' ? null : await waitDelivered(db);
    // The raw phase has the machine to itself: no API, and no e-mail backlog being delivered meanwhile.
    await stopAll();
    children.api = null;
    children.worker = null;
    console.log(`raw phase: ${CLIENTS} pg clients, ${WARMUP} s + ${SECONDS} s …`);
    const rawResult = await benchRaw(world);

    const pgVersion = (await db.query('SHOW server_version')).rows[0].server_version;
    const { bookings, outbox, delivered } = (
      await db.query(
        `SELECT (SELECT count(*) FROM bookings)::int AS bookings, (SELECT count(*) FROM outbox)::int AS outbox,
                (SELECT count(*) FROM outbox WHERE done_at IS NOT NULL)::int AS delivered`,
      )
    ).rows[0];
    const redisVersion = await redisServerVersion();
    report(apiResult, rawResult, { pgVersion, redisVersion, bookings, outbox, delivered, drain });
    if (apiResult.failed || rawResult.failed) process.exitCode = 1;
  } finally {
    await db?.end().catch(() => undefined);
    await stopAll();
    await clearQueue().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
}

/** With jobs on: how long after the API phase the e-mail backlog took to drain (bounded: 120 s). */
async function waitDelivered(db) {
  const t0 = performance.now();
  for (let i = 0; i < 240; i++) {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE done_at IS NULL`);
    if (rows[0].n === 0) return { seconds: (performance.now() - t0) / 1000, left: 0 };
    if (i === 0) console.log(`waiting for the workers to deliver ${rows[0].n} e-mails left …`);
    await sleep(500);
  }
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE done_at IS NULL`);
  return { seconds: (performance.now() - t0) / 1000, left: rows[0].n };
}

async function redisServerVersion() {
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    return /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? '?';
  } catch {
    return '?';
  } finally {
    redis.disconnect();
  }
}

run().catch((err) => {
  console.error(`booking-throughput: ${err.message}`);
  process.exitCode = 1;
});
