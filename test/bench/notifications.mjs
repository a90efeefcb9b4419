// Notifications: from a booking created through the API to its e-mail accepted by an SMTP server, with the
// API (RUN_JOBS=false) and worker processes (`main.js worker`) delivering, as in docker/compose.yaml.
//   npm run bench:notifications -w test -- [--rate 200] [--seconds 20] [--drain 3000] [--workers 2]
// Needs the built API (npx nx run api:build) and the machine's PostgreSQL and Redis. See README.md.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  codeVersion,
  intOption,
  percentile,
  preflight,
  recreateDatabase,
  startApi,
  stopChild,
  waitHealthy,
  seedBenchWorld,
} from './bench-kit.mjs';

// `pg` and `smtp-server` are this workspace's; ioredis the API's, installed at the root.
const require = createRequire(import.meta.url);
const pg = require('pg');
const { SMTPServer } = require('smtp-server');
const IORedis = require('ioredis');
const { holidaysBetween } = require('@lieux/scheduling');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PASSWORD = 'bench-password-123';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** One-hour bookings starting 07:00–19:00 UTC: inside 06:00–22:00 in Paris all year, on the 30-minute step. */
const FIRST_HOUR = 7;
const HOURS_PER_DAY = 13;
const ERRORS_SHOWN = 5;

const { values: opts } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    drain: { type: 'string', default: '3000' },
    floor: { type: 'string', default: '3000' },
    wait: { type: 'string', default: '120' },
    workers: { type: 'string', default: '2' },
    spaces: { type: 'string', default: '2000' },
    port: { type: 'string', default: '3360' },
    'smtp-port': { type: 'string', default: '2560' },
    'pool-size': { type: 'string', default: '10' },
    dist: { type: 'string', default: 'apps/api/dist' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log(`node test/bench/notifications.mjs [options]   (see test/bench/README.md)
  --rate N        bookings per second sent, open loop, in the latency phase (200)
  --seconds N     measured seconds of the latency phase (20)
  --warmup N      unmeasured seconds of bookings before them (3)
  --drain N       bookings queued before the workers start, in the drain phase; 0 skips it (3000)
  --floor N       e-mails the floor phase sends through the worker's mailer alone; 0 skips it (3000)
  --wait N        longest wait for the e-mails after each phase, in seconds (120)
  --workers N     worker processes (2)
  --spaces N      spaces seeded, 4 per site (2000)
  --port N        port of the API (3360)
  --smtp-port N   port of the SMTP sink this script starts (2560)
  --pool-size N   DATABASE_POOL_SIZE of the API and of each worker (10)
  --dist DIR      the built API to run, relative to the repository root (apps/api/dist)
env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/lieux_bench_notifications, dropped and
     recreated), REDIS_URL (default redis://127.0.0.1:6379/10; the queue's keys there are deleted)`);
  process.exit(0);
}

const RATE = intOption(opts, 'rate', 1, 5000);
const SECONDS = intOption(opts, 'seconds', 1, 600);
const WARMUP = intOption(opts, 'warmup', 0, 60);
const DRAIN = intOption(opts, 'drain', 0, 200_000);
const FLOOR = intOption(opts, 'floor', 0, 200_000);
const WAIT = intOption(opts, 'wait', 1, 3600);
const WORKERS = intOption(opts, 'workers', 1, 16);
const SPACES = intOption(opts, 'spaces', 1, 100_000);
const PORT = intOption(opts, 'port', 1024, 65535);
const SMTP_PORT = intOption(opts, 'smtp-port', 1024, 65535);
const POOL_SIZE = intOption(opts, 'pool-size', 1, 200);
const MAIN = path.resolve(root, opts.dist, 'main.js');
const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lieux_bench_notifications';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/10';
const QUEUE_KEYS = 'lieux:notifications*';

// ---------------------------------------------------------------- the SMTP sink

/**
 * Accepts every message; for each, when its last byte arrived (the moment the server answers 250), keyed
 * by its Message-ID, which the processor makes `<eventId.hash@domain>`.
 */
function startSink() {
  const accepted = new Map();
  const listeners = new Set();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, done) {
      let head = '';
      stream.on('data', (chunk) => {
        if (head.length < 16_384) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const at = performance.now();
        const id = /^message-id:\s*<([^>]+)>/im.exec(head)?.[1] ?? `unknown-${accepted.size}`;
        accepted.set(id, at);
        for (const l of listeners) l(at);
        done();
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(SMTP_PORT, '127.0.0.1', () => resolve({ server, accepted, listeners }));
  });
}

// ---------------------------------------------------------------- measuring CPU

const USER_HZ = 100; // clock ticks per second in /proc/<pid>/stat on Linux

/** utime + stime of a process in ms (Linux), or 0 once it is gone. */
function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return 0;
  }
}

function pidsNamed(comm) {
  const pids = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm) pids.push(pid);
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * What each party has spent, in ms. PostgreSQL: the backends connected to the bench's database only (the
 * machine's server is shared), read from `pg_stat_activity` when the snapshot is taken; Redis: the whole
 * server (shared too: other users' commands count).
 */
class CpuMeter {
  constructor(db, dbName) {
    this.db = db;
    this.dbName = dbName;
    this.backends = [];
    this.redisPids = pidsNamed('redis-server');
  }

  postgresPids() {
    return pidsNamed('postgres');
  }

  /** Reads which backends serve the bench's database (the pools open connections as they need them). */
  async refresh() {
    const { rows } = await this.db.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [
      this.dbName,
    ]);
    this.backends = rows.map((r) => String(r.pid));
  }

  snapshot(children) {
    const sum = (pids) => pids.reduce((ms, pid) => ms + processCpuMs(pid), 0);
    const self = process.cpuUsage();
    let busy = 0;
    let all = 0;
    for (const { times } of os.cpus()) {
      busy += times.user + times.nice + times.sys + times.irq;
      all += times.user + times.nice + times.sys + times.irq + times.idle;
    }
    return {
      at: performance.now(),
      busy,
      all,
      api: children.api ? processCpuMs(children.api.pid) : 0,
      workers: sum(children.workers.map((w) => w.pid)),
      postgres: new Map(this.postgresPids().map((pid) => [pid, processCpuMs(pid)])),
      redis: sum(this.redisPids),
      bench: (self.user + self.system) / 1000,
    };
  }
}

/** Cores each party used between two snapshots, and ms of CPU per e-mail. */
function cpuSplit(a, b, emails, backends) {
  const ms = b.at - a.at;
  let postgres = 0;
  // The bench database's backends at the end; one opened meanwhile counts from its start.
  for (const pid of backends) postgres += (b.postgres.get(pid) ?? 0) - (a.postgres.get(pid) ?? 0);
  const spent = {
    api: b.api - a.api,
    workers: b.workers - a.workers,
    postgres,
    redis: b.redis - a.redis,
    bench: b.bench - a.bench,
  };
  const machine = ((b.busy - a.busy) / (b.all - a.all || 1)) * os.cpus().length;
  const ours = Object.values(spent).reduce((x, y) => x + y, 0) / ms;
  return { ms, spent, machine, other: Math.max(0, machine - ours), emails };
}

function cpuLines(name, c) {
  if (!c) return [`cpu ${name}: n/a`];
  const cores = (x) => (x / c.ms).toFixed(2);
  const per = (x) => (c.emails > 0 ? (x / c.emails).toFixed(2) : 'n/a');
  const s = c.spent;
  return [
    `cpu ${name}: ${c.machine.toFixed(2)} of ${os.cpus().length} cores busy = API ${cores(s.api)} + workers ${cores(s.workers)} + ` +
      `PostgreSQL ${cores(s.postgres)} + Redis ${cores(s.redis)} + this script (client, SMTP sink) ${cores(s.bench)} + ` +
      `other ${c.other.toFixed(2)}`,
    `cpu ${name} per e-mail (ms): API ${per(s.api)}, workers ${per(s.workers)}, PostgreSQL ${per(s.postgres)}, ` +
      `Redis ${per(s.redis)}, this script ${per(s.bench)}  (${c.emails} e-mails)`,
  ];
}

// ---------------------------------------------------------------- the light client

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** POST with node:http (a `fetch` costs several times its CPU): resolves to [status, body]. */
function post(pathname, body, token) {
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: PORT,
        path: pathname,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': data.length,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve([res.statusCode, Buffer.concat(chunks).toString('utf8')]));
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', reject);
    req.end(data);
  });
}

/** Distinct (space, day, hour) slots, spaces first so that concurrent requests hit different spaces. */
function slotSource(spaces) {
  const today = new Date();
  const first = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) + 2 * DAY;
  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  const holidays = new Set(holidaysBetween(iso(first), iso(first + 363 * DAY), '34').map((h) => h.date));
  const days = [];
  for (let n = 0; n < 360; n++) if (!holidays.has(iso(first + n * DAY))) days.push(first + n * DAY);
  let next = 0;
  return () => {
    const i = next++;
    const k = Math.floor(i / spaces.length);
    if (k >= days.length * HOURS_PER_DAY) throw new Error('slots used up: seed more --spaces');
    const start = days[Math.floor(k / HOURS_PER_DAY)] + (FIRST_HOUR + (k % HOURS_PER_DAY)) * HOUR;
    return { spaceId: spaces[i % spaces.length], start, end: start + HOUR };
  };
}

function book(slot, token) {
  return post(
    '/api/v1/bookings',
    {
      spaceId: slot.spaceId,
      start: new Date(slot.start).toISOString(),
      end: new Date(slot.end).toISOString(),
      title: 'Bench',
      attendees: 2,
    },
    token,
  );
}

/** One booking: when it was sent and created (the 201 arrived), its id; or the error. */
async function timedBooking(slot, token, result) {
  const sent = performance.now();
  try {
    const [status, body] = await book(slot, token);
    const created = performance.now();
    result.http.push(created - sent);
    if (status === 201) return { id: JSON.parse(body).id, created };
    result.failed++;
    if (result.errors.length < ERRORS_SHOWN) result.errors.push(`HTTP ${status} ${body.slice(0, 200)}`);
  } catch (e) {
    result.failed++;
    if (result.errors.length < ERRORS_SHOWN) result.errors.push(e.message);
  }
  return null;
}

/**
 * Open loop: a booking every 1/RATE s whatever the answers, WARMUP s unmeasured then SECONDS measured.
 * A late answer does not delay the next request, so queueing in the API shows in the latencies.
 */
async function openLoop(take, token) {
  const result = { bookings: [], http: [], failed: 0, errors: [], late: 0 };
  const total = RATE * (WARMUP + SECONDS);
  const warm = RATE * WARMUP;
  const inFlight = [];
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    else if (wait < -50) result.late++;
    const measured = i >= warm;
    inFlight.push(
      timedBooking(take(), token, result).then((b) => {
        if (b && measured) result.bookings.push(b);
      }),
    );
  }
  await Promise.all(inFlight);
  result.start = t0 + WARMUP * 1000;
  result.end = t0 + (WARMUP + SECONDS) * 1000;
  return result;
}

/** Closed loop, `clients` at a time, for the drain phase's backlog. */
async function closedLoop(n, clients, take, token) {
  const result = { bookings: [], http: [], failed: 0, errors: [] };
  let left = n;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (left-- > 0) {
        const b = await timedBooking(take(), token, result);
        if (b) result.bookings.push(b);
      }
    }),
  );
  return result;
}

// ---------------------------------------------------------------- set-up

async function clearQueue() {
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
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

/** `main.js worker` processes delivering to the sink. */
function startWorkers(dataDir) {
  const env = {
    ...process.env,
    DATABASE_URL,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    REDIS_URL,
    JWT_SECRET: 'benchmark-secret-benchmark-secret-0123456789',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    DEMO_SEED: 'false',
    RUN_JOBS: 'false',
    SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
    // A backlog waiting longer than the default 30 s is not lost: keep the sweep from handing it out again.
    OUTBOX_SWEEP_SECONDS: '300',
    // A stopped worker leaves what it holds to the others: no need to wait the default 25 s for it.
    SHUTDOWN_TIMEOUT_SECONDS: '5',
  };
  // BENCH_WORKER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": a profile of each worker.
  const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return Array.from({ length: WORKERS }, () =>
    spawn(process.execPath, [...nodeArgs, MAIN, 'worker'], {
      cwd: root,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    }),
  );
}

/** Event id → booking id, from the outbox. */
async function eventsOfBookings(db) {
  const { rows } = await db.query(
    `SELECT id, payload->>'bookingId' AS booking FROM outbox WHERE type = 'booking.confirmed'`,
  );
  return new Map(rows.map((r) => [r.id, r.booking]));
}

/** Booking id → when the sink accepted its e-mail. */
async function acceptedByBooking(db, sink) {
  const bookingOf = await eventsOfBookings(db);
  const out = new Map();
  for (const [messageId, at] of sink.accepted) {
    const booking = bookingOf.get(messageId.split('.')[0]);
    if (booking) out.set(booking, at);
  }
  return out;
}

/** Resolves once every one of `bookings` has its e-mail, or after WAIT s. */
async function waitEmails(db, sink, bookings) {
  const giveUpAt = performance.now() + WAIT * 1000;
  for (;;) {
    const byBooking = await acceptedByBooking(db, sink);
    const missing = bookings.filter((b) => !byBooking.has(b.id)).length;
    if (missing === 0 || performance.now() > giveUpAt) return { byBooking, missing };
    await sleep(500);
  }
}

// ---------------------------------------------------------------- the run

const children = { api: null, workers: [] };

async function stopAll() {
  await Promise.all([...children.workers.map(stopChild), stopChild(children.api)]);
}

async function latencyPhase(db, sink, meter, take, token) {
  console.log(`latency phase: ${RATE} bookings/s, ${WARMUP} s + ${SECONDS} s, ${WORKERS} workers …`);
  let cpuStart;
  const started = sleep(WARMUP * 1000).then(() => (cpuStart = meter.snapshot(children)));
  const counted = new Set();
  const inWindow = (at) => at >= cpuStart?.at;
  const load = await openLoop(take, token);
  await started;
  const cpuEnd = meter.snapshot(children);
  const emailsInWindow = [...sink.accepted.values()].filter((at) => inWindow(at) && at <= cpuEnd.at).length;
  await meter.refresh();
  const cpu = cpuSplit(cpuStart, cpuEnd, emailsInWindow, meter.backends);
  const { byBooking, missing } = await waitEmails(db, sink, load.bookings);
  const latencies = [];
  for (const b of load.bookings) {
    const at = byBooking.get(b.id);
    if (at !== undefined) latencies.push(at - b.created);
    counted.add(b.id);
  }
  latencies.sort((a, b) => a - b);
  const httpSorted = load.http.sort((a, b) => a - b);
  return {
    load,
    latencies,
    missing,
    httpP95: percentile(httpSorted, 95),
    emailsPerSecond: emailsInWindow / (cpu.ms / 1000),
    cpu,
  };
}

async function drainPhase(db, sink, meter, take, token, dataDir) {
  console.log(`drain phase: stopping the workers, queueing ${DRAIN} bookings' e-mails …`);
  await Promise.all(children.workers.map(stopChild));
  children.workers = [];
  const backlog = await closedLoop(DRAIN, 16, take, token);
  // The API hands every commit's event to the queue: wait until none is left to hand out.
  for (let i = 0; i < 120; i++) {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE enqueued_at IS NULL AND done_at IS NULL`,
    );
    if (rows[0].n === 0) break;
    await sleep(500);
  }
  // The workers' other jobs (occupancy rollups, needs re-matching) would take the backlog's bookings too:
  // the drain measures the e-mails alone.
  await db.query(`DELETE FROM occupancy_dirty`);
  await db.query(`DELETE FROM need_dirty`);
  const ids = new Set(backlog.bookings.map((b) => b.id));
  const bookingOf = await eventsOfBookings(db);
  const isBacklog = (messageId) => ids.has(bookingOf.get(messageId.split('.')[0]));
  console.log(`drain phase: ${backlog.bookings.length} e-mails queued, starting ${WORKERS} workers …`);
  let first;
  let last;
  let cpuStart;
  let cpuEnd;
  let n = 0;
  const listener = (at) => {
    n++;
    // The first e-mail starts the clock (the workers' start-up is not counted), the last stops it.
    if (!first) {
      first = at;
      cpuStart = meter.snapshot(children);
    }
    last = at;
    if (n === backlog.bookings.length) cpuEnd = meter.snapshot(children);
  };
  const before = sink.accepted.size;
  sink.listeners.add(listener);
  children.workers = startWorkers(dataDir);
  const { missing } = await waitEmails(db, sink, backlog.bookings);
  sink.listeners.delete(listener);
  cpuEnd ??= meter.snapshot(children);
  await meter.refresh();
  const delivered = [...sink.accepted.keys()].slice(before).filter(isBacklog).length;
  const seconds = first && last > first ? (last - first) / 1000 : NaN;
  return {
    queued: backlog.bookings.length,
    failed: backlog.failed,
    errors: backlog.errors,
    delivered,
    missing,
    seconds,
    perSecond: (n - 1) / seconds,
    cpu: cpuStart ? cpuSplit(cpuStart, cpuEnd, n, meter.backends) : null,
  };
}

/**
 * The cost of the e-mail alone: WORKERS processes write a booking confirmation with the API's own code and
 * send it through its own pooled mailer to the sink, 16 at a time as a worker's jobs, with no database and
 * no queue. What a pipeline with a database and a queue could not go below on this machine.
 */
async function floorPhase(sink, meter) {
  console.log(`floor phase: ${FLOOR} e-mails from ${WORKERS} senders, no database, no queue …`);
  const per = Math.ceil(FLOOR / WORKERS);
  const total = per * WORKERS;
  const isFloor = (id) => id.startsWith('floor-');
  const senders = { api: null, workers: [] };
  let first;
  let last;
  let cpuStart;
  let cpuEnd;
  let n = 0;
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  const before = new Set(sink.accepted.keys());
  const listener = (at) => {
    // The sink calls listeners without the id: count the floor's own messages, the only ones now.
    n++;
    if (!first) {
      first = at;
      cpuStart = meter.snapshot(senders);
    }
    last = at;
    if (n === total) {
      cpuEnd = meter.snapshot(senders);
      done();
    }
  };
  sink.listeners.add(listener);
  senders.workers = Array.from({ length: WORKERS }, (_, w) =>
    spawn(
      process.execPath,
      [
        path.join(root, 'test/bench/mail-floor-sender.mjs'),
        path.dirname(MAIN),
        `smtp://127.0.0.1:${SMTP_PORT}`,
        String(per),
        '16',
        String(w),
      ],
      { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
    ),
  );
  await Promise.race([finished, sleep(WAIT * 1000)]);
  sink.listeners.delete(listener);
  cpuEnd ??= meter.snapshot(senders);
  await Promise.all(senders.workers.map(stopChild));
  const accepted = [...sink.accepted.keys()].filter((id) => isFloor(id) && !before.has(id)).length;
  const seconds = first && last > first ? (last - first) / 1000 : NaN;
  return {
    total,
    accepted,
    seconds,
    perSecond: (n - 1) / seconds,
    cpu: cpuStart ? cpuSplit(cpuStart, cpuEnd, n, []) : null,
  };
}

function report(lat, drain, floor, facts) {
  const f0 = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
  const ms = (x) => (Number.isFinite(x) ? `${Math.round(x).toLocaleString('en-US')} ms` : 'n/a');
  const args = process.argv.slice(2).join(' ');
  const l = lat.latencies;
  const lines = [
    '',
    '----- notifications: booking → e-mail accepted by SMTP (Lieux Partagés) -----',
    `command:  node ${path.relative(process.cwd(), process.argv[1])} ${args}`.trim() +
      `   (in ${process.cwd()})`,
    `date:     ${new Date().toISOString()}   uptime: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} (load 1/5/15 min)`,
    `code:     ${codeVersion(root, MAIN)}${opts.dist === 'apps/api/dist' ? '' : ` (${opts.dist})`}`,
    `machine:  ${os.cpus().length} cores, Node ${process.version}, PostgreSQL ${facts.pgVersion}, Redis ${facts.redisVersion}`,
    `params:   ${RATE} bookings/s open loop, ${SECONDS} s measured after ${WARMUP} s, ${WORKERS} worker processes, ` +
      `API RUN_JOBS=false, pools ${POOL_SIZE}; SMTP sink (smtp-server) and client in this process`,
    `latency  booking created (201 received) → e-mail accepted: p50 ${ms(percentile(l, 50))}  p95 ${ms(percentile(l, 95))}  ` +
      `p99 ${ms(percentile(l, 99))}  max ${ms(l[l.length - 1])}`,
    `         ${lat.load.bookings.length} bookings measured, ${l.length} e-mails matched, ${lat.missing} not delivered ` +
      `within ${WAIT} s after; ${lat.load.failed} booking errors, HTTP p95 ${ms(lat.httpP95)}` +
      (lat.load.late ? `, ${lat.load.late} requests sent > 50 ms late (client behind)` : ''),
    `sustained ${f0(lat.emailsPerSecond)} e-mails/s accepted during the measured seconds (bookings sent: ${RATE}/s)`,
    ...cpuLines('latency phase', lat.cpu),
  ];
  if (drain) {
    lines.push(
      `drain    ${drain.queued} e-mails queued, ${WORKERS} workers: ${f0(drain.perSecond)} e-mails/s ` +
        `(${drain.delivered} in ${Number.isFinite(drain.seconds) ? drain.seconds.toFixed(1) : 'n/a'} s, first to last; ` +
        `${drain.missing} not delivered within ${WAIT} s)`,
      ...cpuLines('drain phase', drain.cpu),
    );
  }
  if (floor) {
    const c = floor.cpu;
    const per = (x) => (c && c.emails > 0 ? (x / c.emails).toFixed(2) : 'n/a');
    lines.push(
      `floor    ${floor.total} e-mails, ${WORKERS} senders (the worker's mailer and booking e-mail, no database, ` +
        `no queue): ${f0(floor.perSecond)} e-mails/s (${floor.accepted} in ${Number.isFinite(floor.seconds) ? floor.seconds.toFixed(1) : 'n/a'} s)`,
      c
        ? `cpu floor per e-mail (ms): senders ${per(c.spent.workers)}, this script (SMTP sink) ${per(c.spent.bench)}; ` +
            `${c.machine.toFixed(2)} of ${os.cpus().length} cores busy`
        : 'cpu floor: n/a',
    );
  }
  lines.push(`-----------------------------------------------------------------------------`);
  for (const e of [...lat.load.errors, ...(drain?.errors ?? [])]) lines.push(`booking error: ${e}`);
  console.log(lines.join('\n'));
}

async function run() {
  await preflight({ root, files: [MAIN], databaseUrl: DATABASE_URL, redisUrl: REDIS_URL, port: PORT });
  const dbName = await recreateDatabase(pg, DATABASE_URL);
  console.log(
    `preparing: database ${dbName}, Redis ${REDIS_URL}, API on :${PORT}, SMTP sink on :${SMTP_PORT}`,
  );
  await clearQueue();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lieux-bench-notify-'));
  const sink = await startSink();
  let db;
  const stop = async (signal) => {
    console.error(`\n${signal}: stopping the API and the workers`);
    await stopAll();
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    children.api = startApi({
      root,
      main: MAIN,
      databaseUrl: DATABASE_URL,
      redisUrl: REDIS_URL,
      port: PORT,
      poolSize: POOL_SIZE,
      dataDir,
      env: { ACCESS_TOKEN_TTL_SECONDS: '86400', OUTBOX_SWEEP_SECONDS: '300' },
    });
    await waitHealthy(children.api, `http://127.0.0.1:${PORT}`);
    db = new pg.Client({ connectionString: DATABASE_URL });
    await db.connect();
    const take = slotSource(
      (await seedBenchWorld(db, { email: 'bench@example.org', password: PASSWORD, spaces: SPACES })).spaces,
    );
    const [status, body] = await post('/api/v1/auth/login', {
      email: 'bench@example.org',
      password: PASSWORD,
    });
    if (status !== 200) throw new Error(`login answered ${status}: ${body.slice(0, 300)}`);
    const token = JSON.parse(body).accessToken;
    children.workers = startWorkers(dataDir);
    // The workers are up once one e-mail has gone through.
    const probe = { http: [], errors: [], failed: 0 };
    const first = await timedBooking(take(), token, probe);
    if (!first) throw new Error(`the first booking failed: ${probe.errors[0]}`);
    await waitEmails(db, sink, [first]);

    const meter = new CpuMeter(db, dbName);
    const lat = await latencyPhase(db, sink, meter, take, token);
    const drain = DRAIN > 0 ? await drainPhase(db, sink, meter, take, token, dataDir) : null;
    // The pipeline's workers stop first: the floor has the machine to itself.
    await Promise.all(children.workers.map(stopChild));
    children.workers = [];
    const floor = FLOOR > 0 ? await floorPhase(sink, meter) : null;
    const pgVersion = (await db.query('SHOW server_version')).rows[0].server_version;
    const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
    const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? '?';
    redis.disconnect();
    report(lat, drain, floor, { pgVersion, redisVersion });
    if (lat.load.failed || lat.missing || drain?.missing || (floor && floor.accepted < floor.total))
      process.exitCode = 1;
  } finally {
    await stopAll();
    await db?.end().catch(() => undefined);
    sink.server.close();
    agent.destroy();
    await clearQueue().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
}

run().catch((err) => {
  console.error(`notifications: ${err.message}`);
  process.exitCode = 1;
});
