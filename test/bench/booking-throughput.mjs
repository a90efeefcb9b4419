// Booking throughput: the API's full path (session, validation, rules, the one-statement write with its
// history, audit and outbox rows, the hand-off to the queue) against two ceilings measured in the same run at
// the same concurrency: the API's own write statement run alone by pg clients, and the raw INSERT of a row.
//   npm run bench:bookings -w test -- [--clients 8] [--seconds 20] [--database lieux_nat_write]
// Needs the built API and libs (npx nx run-many -t build --projects=contracts,scheduling,api), the machine's
// PostgreSQL and Redis. See README.md.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  codeVersion,
  cpuLines,
  cpuSnapshot,
  cpuSplit,
  databasePids,
  intOption,
  jsonRequest,
  latencySummary,
  lightConnection,
  portIsFree,
  startApi as startApiProcess,
  stopChild,
  waitHealthy,
  seedBenchWorld,
} from './bench-kit.mjs';

// `pg` is this workspace's dependency; argon2 and ioredis are the API's, installed at the root; the slots
// are laid by libs/scheduling (built), the rules the API itself books by.
const require = createRequire(import.meta.url);
const pg = require('pg');
const argon2 = require('argon2');
const IORedis = require('ioredis');
const { siteDays } = require('@lieux/scheduling');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUILT_API = path.join(root, 'apps/api/dist/main.js');
// Not lieux_bench: that one holds the national data set of the search and report benchmarks.
const BENCH_DB = 'lieux_bench_bookings';
const QUEUE_KEYS = 'lieux:notifications*';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Every phase books one-hour slots on days [2, 362) from today, each slot once across the phases. */
const DAYS = [2, 362];
const PASSWORD = 'bench-password-123';
/** The member the bench adds to a verified organisation of a data set it did not seed (`--database`). */
const MEMBER_EMAIL = 'bench-bookings@example.org';
const ERRORS_SHOWN = 5;
const PHASES = ['api', 'statement', 'raw'];

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
    database: { type: 'string' },
    main: { type: 'string' },
    phases: { type: 'string', default: PHASES.join(',') },
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
  --database NAME an existing database next to DATABASE_URL's (the national data set's copy), used as it
                  is: not recreated nor seeded; the bench adds one member to a verified organisation and
                  books the free spaces (no approval, no buffers) among the first --spaces
  --main FILE     the API build to start (apps/api/dist/main.js), e.g. an older build to compare
  --phases LIST   which of api,statement,raw to run, in that order (all three)
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
const MAIN = path.resolve(opts.main ?? BUILT_API);
const OWN_DB = opts.database === undefined;
const RUN = new Set(opts.phases.split(','));
if (![...RUN].every((p) => PHASES.includes(p)) || RUN.size === 0) {
  console.error(`--phases must list some of ${PHASES.join(',')} (got ${opts.phases})`);
  process.exit(2);
}
if (!OWN_DB && !/^[a-z_][a-z0-9_]*$/.test(opts.database)) {
  console.error(`--database must be a plain database name (got ${opts.database})`);
  process.exit(2);
}
if (!['off', 'api', 'worker'].includes(JOBS)) {
  console.error(`--jobs must be off, api or worker (got ${JOBS})`);
  process.exit(2);
}

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BENCH_URL = withPath(ADMIN_URL, `/${OWN_DB ? BENCH_DB : opts.database}`);
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

/**
 * Distinct one-hour slots on whole hours (on every step, 15 to 60 minutes, in every zone of the data),
 * inside the space's opening hours minus its site's closures and public holidays as libs/scheduling lays
 * them (the rules the API checks), off the bookings already there, handed out space after space so that
 * concurrent requests hit different spaces; one source for all the phases, so that no slot is taken twice.
 * `take()` answers null once every slot is used.
 */
async function slotSource(db, spaceIds) {
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  const window = { start: today + DAYS[0] * DAY, end: today + DAYS[1] * DAY };
  const from = new Date(window.start - DAY).toISOString().slice(0, 10);
  const to = new Date(window.end + DAY).toISOString().slice(0, 10);
  const { rows } = await db.query(
    `SELECT sp.id, s.time_zone, s.departement_code, coalesce(sp.opening_hours, s.opening_hours) AS hours,
            coalesce((SELECT json_agg(json_build_object('startsOn', to_char(c.starts_on, 'YYYY-MM-DD'),
                                        'endsOn', to_char(c.ends_on, 'YYYY-MM-DD'), 'reason', c.reason))
                        FROM site_closures c WHERE c.site_id = s.id AND c.starts_on <= $3 AND c.ends_on >= $2), '[]') AS closures,
            coalesce((SELECT json_agg(to_char(h.date, 'YYYY-MM-DD')) FROM site_holiday_openings h
                       WHERE h.site_id = s.id AND h.date BETWEEN $2 AND $3), '[]') AS openings,
            coalesce((SELECT json_agg(json_build_array(extract(epoch FROM lower(b.blocked_period)) * 1000,
                                                       extract(epoch FROM upper(b.blocked_period)) * 1000))
                        FROM bookings b WHERE b.space_id = sp.id AND b.status IN ('pending', 'confirmed')
                         AND b.blocked_period && tstzrange($2::date, $3::date)), '[]') AS taken
       FROM spaces sp JOIN sites s ON s.id = sp.site_id WHERE sp.id = ANY($1::uuid[]) ORDER BY sp.id`,
    [spaceIds, from, to],
  );
  const perSpace = rows.map((r) => {
    const { open } = siteDays(
      {
        timeZone: r.time_zone,
        departementCode: r.departement_code,
        openingHours: r.hours ?? [],
        closures: r.closures,
        holidayOpenings: r.openings,
      },
      window,
    );
    const taken = r.taken;
    const slots = [];
    for (const p of open) {
      for (let t = Math.ceil(p.start / HOUR) * HOUR; t + HOUR <= p.end; t += HOUR) {
        if (!taken.some(([a, b]) => a < t + HOUR && t < b)) slots.push(t);
      }
    }
    return { spaceId: r.id, slots };
  });
  const capacity = perSpace.reduce((n, s) => n + s.slots.length, 0);
  const longest = Math.max(0, ...perSpace.map((s) => s.slots.length));
  let round = 0;
  let i = 0;
  let handed = 0;
  return {
    capacity,
    take() {
      while (round < longest) {
        const s = perSpace[i];
        const start = s.slots[round];
        if (++i === perSpace.length) {
          i = 0;
          round++;
        }
        if (start !== undefined) {
          handed++;
          return { spaceId: s.spaceId, start, end: start + HOUR };
        }
      }
      return null;
    },
    get handed() {
      return handed;
    },
  };
}

// ---------------------------------------------------------------- measuring

const children = { api: null, worker: null }; // for their CPU time and to stop them

/** The children running, by the name the cpu lines give them. */
const running = () =>
  Object.fromEntries(
    [
      ['API', children.api],
      ['worker', children.worker],
    ].filter(([, c]) => c),
  );

/**
 * CLIENTS loops, each doing one operation after the other: first WARMUP seconds unmeasured, then SECONDS
 * measured. `op(slot, client)` resolves to null on success or to an error text. Stops early if slots run out.
 */
async function drive(source, op, db) {
  const result = { ok: 0, failed: 0, errors: [], latencies: [], exhausted: false, elapsed: 0 };
  let cpuStart;
  let pids;
  let measuring = false;
  const until = performance.now() + (WARMUP + SECONDS) * 1000;
  // PostgreSQL's CPU is that of the database's backends only: the machine's others serve other work.
  const measure = sleep(WARMUP * 1000).then(async () => {
    pids = await databasePids(db);
    cpuStart = cpuSnapshot(running(), pids);
    measuring = true;
  });
  const loop = async (_, client) => {
    for (;;) {
      if (performance.now() >= until) return;
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
  await measure;
  const cpu = cpuSplit(cpuStart, cpuSnapshot(running(), pids));
  // Requests under way at the deadline finish and count: the time runs until the last one answers.
  result.elapsed = (performance.now() - cpuStart.at) / 1000;
  return {
    ...result,
    ...latencySummary(result.latencies),
    latencies: undefined,
    cpu,
    perSecond: result.elapsed > 0 ? result.ok / result.elapsed : 0,
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

/** The API (or, with `args` ['worker'], a worker process) on the bench's database and Redis. */
function startApi(dataDir, args = []) {
  return startApiProcess({
    root,
    main: MAIN,
    databaseUrl: BENCH_URL,
    redisUrl: REDIS_URL,
    port: PORT,
    poolSize: POOL_SIZE,
    dataDir,
    args,
    env: {
      ACCESS_TOKEN_TTL_SECONDS: '86400',
      RUN_JOBS: String(JOBS === 'api'),
      // With nobody delivering, every event would look stuck after 30 s and the relay would hand the whole
      // backlog out again at each sweep: work that a kept-up worker pool never causes. Keep it out.
      OUTBOX_SWEEP_SECONDS: JOBS === 'off' ? '3600' : '30',
    },
  });
}

/**
 * On a data set the bench did not make: its member of the first verified organisation (added once), and
 * the first SPACES published spaces it may book at once and for free, one hour long, with no buffers.
 */
async function adopt(db) {
  const {
    rows: [found],
  } = await db.query(`SELECT id, organisation_id FROM users WHERE email = $1`, [MEMBER_EMAIL]);
  let member = found && { user: found.id, org: found.organisation_id };
  if (!member) {
    const {
      rows: [o],
    } = await db.query(`SELECT id FROM organisations WHERE verification = 'verified' ORDER BY id LIMIT 1`);
    if (!o) throw new Error('the database holds no verified organisation to book for');
    const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id });
    const {
      rows: [u],
    } = await db.query(
      `INSERT INTO users (email, password_hash, display_name, organisation_id)
       VALUES ($1, $2, 'Bench bookings', $3) RETURNING id`,
      [MEMBER_EMAIL, hash, o.id],
    );
    await db.query(`INSERT INTO role_grants (user_id, role, organisation_id) VALUES ($1, 'member', $2)`, [
      u.id,
      o.id,
    ]);
    member = { user: u.id, org: o.id };
  }
  const { rows } = await db.query(
    `SELECT id FROM spaces
      WHERE status = 'published' AND NOT approval_required AND hourly_rate_cents = 0 AND audience = 'all'
        AND capacity >= 2 AND buffer_before_minutes = 0 AND buffer_after_minutes = 0 AND min_duration_minutes <= 60
        AND max_duration_minutes >= 60 AND min_notice_minutes <= 24 * 60 AND horizon_days >= $2
      ORDER BY id LIMIT $1`,
    [SPACES, DAYS[1]],
  );
  if (rows.length === 0) throw new Error('the database holds no space the bench can book');
  return { ...member, spaces: rows.map((r) => r.id) };
}

async function login() {
  const res = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: MEMBER_EMAIL, password: PASSWORD }),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${body.slice(0, 300)}`);
  return JSON.parse(body).accessToken;
}

// ---------------------------------------------------------------- the phases

async function benchApi(source, token, db) {
  const connections = await Promise.all(
    Array.from({ length: CLIENTS }, () => lightConnection({ port: PORT })),
  );
  const target = { host: `127.0.0.1:${PORT}`, token };
  try {
    return await drive(
      source,
      async (s, i) => {
        const body = `{"spaceId":"${s.spaceId}","start":"${new Date(s.start).toISOString()}","end":"${new Date(
          s.end,
        ).toISOString()}","title":"Bench","attendees":2}`;
        const res = await connections[i].send(jsonRequest('POST', '/api/v1/bookings', target, body));
        return res.status === 201 ? null : `HTTP ${res.status} ${res.body.slice(0, 300)}`;
      },
      db,
    );
  } finally {
    for (const c of connections) c.close();
  }
}

/** CLIENTS pg connections running `statement(slot)` (a query config) one after the other. */
async function benchSql(source, statement, db) {
  const clients = Array.from({ length: CLIENTS }, () => new pg.Client({ connectionString: BENCH_URL }));
  await Promise.all(clients.map((c) => c.connect()));
  try {
    return await drive(
      source,
      async (s, i) => {
        try {
          await clients[i].query(statement(s));
          return null;
        } catch (e) {
          return `SQLSTATE ${e.code}: ${e.message}`;
        }
      },
      db,
    );
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}

const isoRange = (s) => `[${new Date(s.start).toISOString()},${new Date(s.end).toISOString()})`;

/** The raw row: a confirmed booking, `period` = `blocked_period`, one prepared statement. */
function rawInsert(world) {
  const text = `INSERT INTO bookings (space_id, organisation_id, booked_by, status, period, blocked_period, title,
                                      attendees, price_cents)
                VALUES ($1, $2, $3, 'confirmed', $4::tstzrange, $4::tstzrange, 'Raw', 2, 0)`;
  return (s) => ({ name: 'bench_raw_insert', text, values: [s.spaceId, world.org, world.user, isoRange(s)] });
}

/**
 * The API's own write (its compiled `INSERT_BOOKING`, with the space's lock, history, audit and outbox
 * rows, and its parameters as `insertParams` lays them) for a free booking confirmed at once: what
 * `POST /bookings` costs PostgreSQL at the least, without the session check, the read or HTTP.
 */
function apiStatement(world) {
  const file = path.join(path.dirname(BUILT_API), 'bookings/bookings.repository.js');
  const { INSERT_BOOKING, insertParams } = require(file);
  if (!INSERT_BOOKING || !insertParams) throw new Error(`${file} exports no INSERT_BOOKING: rebuild the API`);
  return (s) => {
    const period = { start: s.start, end: s.end };
    const row = {
      id: randomUUID(),
      spaceId: s.spaceId,
      organisationId: world.org,
      bookedBy: world.user,
      status: 'confirmed',
      period,
      blocked: period,
      title: 'Bench',
      attendees: 2,
      priceCents: 0,
      listPriceCents: 0,
      discountPercent: 0,
      discountBasis: null,
      createdAt: new Date(),
    };
    const changes = {
      status: [null, 'confirmed'],
      start: new Date(s.start).toISOString(),
      end: new Date(s.end).toISOString(),
      title: 'Bench',
      attendees: 2,
      priceCents: 0,
    };
    return {
      name: INSERT_BOOKING.name,
      text: INSERT_BOOKING.text,
      values: insertParams(row, 'booking.confirmed', changes, null, randomUUID()),
    };
  };
}

// ---------------------------------------------------------------- the report

/** A folder relative to the repository root when it is inside it. */
function where(dir) {
  const rel = path.relative(root, dir);
  return rel === '' ? 'the repository root' : rel.startsWith('..') ? dir : rel;
}

const JOBS_TEXT = {
  off: 'left in Redis (RUN_JOBS=false, OUTBOX_SWEEP_SECONDS=3600)',
  api: 'delivered by the API process (RUN_JOBS=true)',
  worker: 'delivered by one worker process (RUN_JOBS=false + main.js worker)',
};

const LABELS = {
  api: 'API        POST /api/v1/bookings     ',
  statement: "statement  the API's write alone     ",
  raw: 'raw        INSERT of one row         ',
};

function report(results, facts) {
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
    `date:     ${new Date().toISOString()}; load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} at the end`,
    `code:     ${codeVersion(root, MAIN)}${MAIN === BUILT_API ? '' : ` (${MAIN})`}`,
    `machine:  ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? '?'}), ${os.platform()} ${os.release()}, ` +
      `Node ${process.version}, PostgreSQL ${facts.pgVersion}, Redis ${facts.redisVersion}`,
    `data:     ${OWN_DB ? `seeded in ${BENCH_DB}` : `database ${opts.database} as it was`}, ${facts.spaces} spaces booked ` +
      `(${f0(facts.capacity)} free one-hour slots), ${f0(facts.before)} bookings before the run`,
    `params:   ${CLIENTS} clients, ${SECONDS} s measured after ${WARMUP} s warm-up per phase, ` +
      `jobs ${JOBS_TEXT[JOBS]}, API pool ${POOL_SIZE}; load generator on the same machine`,
  ];
  for (const [name, r] of Object.entries(results)) {
    lines.push(
      `${LABELS[name]}${f0(r.perSecond).padStart(6)}/s  p50 ${f1(r.p50)} ms  p95 ${f1(r.p95)} ms  ` +
        `p99 ${f1(r.p99)} ms  (${r.ok} done, ${r.failed} errors)`,
    );
  }
  const { api, statement, raw } = results;
  const ratio = (a, b) => (a && b ? `${f1((100 * a.perSecond) / b.perSecond)} %` : null);
  const ratios = [
    ['API / raw', ratio(api, raw)],
    ['API / statement', ratio(api, statement)],
    ['statement / raw', ratio(statement, raw)],
  ].filter(([, r]) => r);
  if (ratios.length) lines.push(`ratios:   ${ratios.map(([n, r]) => `${n} ${r}`).join(', ')}`);
  for (const [name, r] of Object.entries(results)) lines.push(...cpuLines(`${name} phase`, r.cpu, r.ok));
  if (api?.cpu) {
    const perRequest = (api.cpu.generator * api.cpu.seconds * 1000) / Math.max(1, api.ok + api.failed);
    lines.push(`client:   the light HTTP client spent ${perRequest.toFixed(3)} ms CPU per request`);
  }
  lines.push(
    `table:    ${facts.bookings} bookings at the end (warm-up included), ${facts.outbox} outbox events, ${facts.delivered} delivered` +
      (facts.drain
        ? facts.drain.left === 0
          ? ` (the backlog drained ${f1(facts.drain.seconds)} s after the API phase)`
          : ` (${facts.drain.left} still waiting ${f1(facts.drain.seconds)} s after the API phase)`
        : ''),
    '-----------------------------------------------',
  );
  const busiest = Math.max(...Object.values(results).map((r) => r.cpu?.other ?? 0));
  if (busiest > 0.2) {
    lines.push(
      `warning: other processes took up to ${busiest.toFixed(2)} cores during a phase: the figures understate; ` +
        'compare CPU per operation, or run again on a quiet machine',
    );
  }
  if (Object.values(results).some((r) => r.exhausted)) {
    lines.push('note: the slots ran out before the end: use more --spaces for figures over the whole time');
  }
  for (const [name, r] of Object.entries(results)) {
    for (const e of r.errors) lines.push(`${name} error: ${e}`);
  }
  console.log(lines.join('\n'));
}

// ---------------------------------------------------------------- the run

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

  console.log(
    `preparing: database ${new URL(BENCH_URL).pathname.slice(1)}, Redis ${REDIS_URL}, API on :${PORT}`,
  );
  if (OWN_DB) await recreateDatabase();
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
    // The API migrates the database as it starts: the seed and the statement need its schema.
    children.api = startApi(dataDir);
    await waitHealthy(children.api, BASE);
    if (JOBS === 'worker') children.worker = startApi(dataDir, ['worker']);
    db = new pg.Client({ connectionString: BENCH_URL });
    await db.connect();
    const before = (await db.query(`SELECT count(*)::int AS n FROM bookings`)).rows[0].n;
    const world = OWN_DB
      ? await seedBenchWorld(db, { email: MEMBER_EMAIL, password: PASSWORD, spaces: SPACES })
      : await adopt(db);
    const source = await slotSource(db, world.spaces);
    const results = {};
    let drain = null;

    if (RUN.has('api')) {
      const token = await login();
      console.log(`API phase: ${CLIENTS} clients, ${WARMUP} s + ${SECONDS} s …`);
      results.api = await benchApi(source, token, db);
      drain = JOBS === 'off' ? null : await waitDelivered(db);
    }
    // The ceilings have the machine to themselves: no API, and no e-mail backlog being delivered meanwhile.
    await stopAll();
    children.api = null;
    children.worker = null;
    if (RUN.has('statement')) {
      console.log(`statement phase: ${CLIENTS} pg clients, ${WARMUP} s + ${SECONDS} s …`);
      results.statement = await benchSql(source, apiStatement(world), db);
    }
    if (RUN.has('raw')) {
      console.log(`raw phase: ${CLIENTS} pg clients, ${WARMUP} s + ${SECONDS} s …`);
      results.raw = await benchSql(source, rawInsert(world), db);
    }

    const pgVersion = (await db.query('SHOW server_version')).rows[0].server_version;
    const { bookings, outbox, delivered } = (
      await db.query(
        `SELECT (SELECT count(*) FROM bookings)::int AS bookings, (SELECT count(*) FROM outbox)::int AS outbox,
                (SELECT count(*) FROM outbox WHERE done_at IS NOT NULL)::int AS delivered`,
      )
    ).rows[0];
    const redisVersion = await redisServerVersion();
    report(results, {
      pgVersion,
      redisVersion,
      bookings,
      outbox,
      delivered,
      drain,
      before,
      spaces: world.spaces.length,
      capacity: source.capacity,
    });
    if (Object.values(results).some((r) => r.failed)) process.exitCode = 1;
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
