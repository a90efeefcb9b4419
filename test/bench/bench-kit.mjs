// What the benchmarks share: option parsing, seeded randomness, percentiles, and the API child process.
/* global AbortSignal, Buffer */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRequire } from 'node:module';

// argon2 is the API's dependency, installed at the root.
const require = createRequire(import.meta.url);

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
export function startApi({
  root,
  main,
  databaseUrl,
  redisUrl,
  port,
  poolSize,
  dataDir,
  env: extra = {},
  args = [],
}) {
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
  // BENCH_API_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": Node refuses --cpu-prof in NODE_OPTIONS.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return spawn(process.execPath, [...nodeArgs, main, ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
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

// ---------------------------------------------------------------- where the cores go (Linux /proc)

const USER_HZ = 100; // clock ticks per second in /proc/<pid>/stat on Linux

/** utime + stime of a process in ms (Linux), or null. */
export function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return null;
  }
}

/** CPU time of each local `postgres` process (or of those `pids` only) in ms, by pid (Linux), or null. */
function postgresCpuMs(pids) {
  if (process.platform !== 'linux') return null;
  const byPid = new Map();
  for (const pid of pids ? [...pids].map(String) : readdirSync('/proc')) {
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
 * CPU the postgres processes spent between two snapshots, in ms. Per process: backends come and go (a
 * pool closes connections idle for 10 s), and a total would lose the whole past of those that left.
 */
function postgresDelta(a, b) {
  if (!a || !b) return null;
  let ms = 0;
  for (const [pid, t] of b) ms += t - (a.get(pid) ?? 0);
  return ms;
}

/**
 * The machine's, PostgreSQL's, this process's and the named children's CPU so far (`cpuSplit`). `pgPids`:
 * only these PostgreSQL processes count (the backends of the database measured: on a shared machine the
 * others are other people's work), all of them otherwise.
 */
export function cpuSnapshot(children = {}, pgPids = null) {
  let busy = 0;
  let all = 0;
  for (const { times } of os.cpus()) {
    busy += times.user + times.nice + times.sys + times.irq;
    all += times.user + times.nice + times.sys + times.irq + times.idle;
  }
  const self = process.cpuUsage();
  const named = {};
  for (const [name, child] of Object.entries(children)) named[name] = child ? processCpuMs(child.pid) : null;
  return {
    at: performance.now(),
    busy,
    all,
    named,
    postgres: postgresCpuMs(pgPids),
    self: (self.user + self.system) / 1000,
  };
}

/**
 * Where the cores went between two snapshots, in cores (1.0 = one core fully busy): the machine, each
 * named child, PostgreSQL, this load generator and everything else (`other`, other people's work).
 */
export function cpuSplit(a, b) {
  const ms = b.at - a.at;
  const machine = ((b.busy - a.busy) / (b.all - a.all || 1)) * os.cpus().length;
  const named = {};
  for (const name of Object.keys(b.named)) {
    const x = a.named[name];
    const y = b.named[name];
    named[name] = x === null || y === null || x === undefined ? null : (y - x) / ms;
  }
  // Only the processes of the first snapshot: one that came after has no start to count from.
  const pgMs = postgresDelta(
    a.postgres,
    a.postgres && b.postgres && new Map([...b.postgres].filter(([p]) => a.postgres.has(p))),
  );
  const postgres = pgMs === null ? null : pgMs / ms;
  const generator = (b.self - a.self) / ms;
  const known = Object.values(named).reduce((t, x) => t + (x ?? 0), 0) + (postgres ?? 0) + generator;
  return { seconds: ms / 1000, machine, named, postgres, generator, other: Math.max(0, machine - known) };
}

/**
 * `cpu <name>: 1.66 of 2 cores busy = api 0.68 + PostgreSQL 0.69 + this load generator 0.23 + other 0.06`,
 * then, given the operations done, the CPU milliseconds each part spent per operation.
 */
export function cpuLines(name, cpu, operations) {
  if (!cpu) return [`cpu ${name}: n/a`];
  const c = (x) => (x === null ? 'n/a' : x.toFixed(2));
  const parts = [
    ...Object.entries(cpu.named).map(([n, x]) => [n, x]),
    ['PostgreSQL', cpu.postgres],
    ['this load generator', cpu.generator],
  ];
  const lines = [
    `cpu ${name}: ${c(cpu.machine)} of ${os.cpus().length} cores busy = ` +
      parts.map(([n, x]) => `${n} ${c(x)}`).join(' + ') +
      ` + other ${c(cpu.other)}`,
  ];
  if (operations > 0) {
    const per = (x) => (x === null ? 'n/a' : ((x * cpu.seconds * 1000) / operations).toFixed(3));
    lines.push(`     per operation (CPU ms): ` + parts.map(([n, x]) => `${n} ${per(x)}`).join(', '));
  }
  return lines;
}

// ---------------------------------------------------------------- a light HTTP client

/**
 * One keep-alive HTTP/1.1 connection sending one request at a time, written as a ready-made string and
 * read back by its status line and content length: the load generator's own CPU per request stays a
 * fraction of `fetch`'s (which parses and allocates headers, streams and promises for every request), so
 * that on a small machine the client is not what limits the server.
 */
/** The pids of the backends connected to the database `db` (a pg client) is on. */
export async function databasePids(db) {
  const { rows } = await db.query(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`,
  );
  return new Set(rows.map((r) => String(r.pid)));
}

export async function lightConnection({ host = '127.0.0.1', port }) {
  const socket = net.connect({ host, port });
  socket.setNoDelay(true);
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let waiting = null;
  let buf = null;
  const fail = (err) => {
    const w = waiting;
    waiting = null;
    w?.reject(err);
  };
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('the server closed the connection')));
  socket.on('data', (chunk) => {
    buf = buf ? Buffer.concat([buf, chunk]) : chunk;
    const headEnd = buf.indexOf('\r\n\r\n');
    if (headEnd < 0 || !waiting) return;
    const head = buf.toString('latin1', 0, headEnd);
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    let end;
    if (length) end = headEnd + 4 + Number(length[1]);
    else {
      // Chunked (no length known in advance): complete at the last, empty chunk.
      const last = buf.indexOf('\r\n0\r\n\r\n', headEnd + 2);
      if (last < 0) return;
      end = last + 7;
    }
    if (buf.length < end) return;
    const response = { status: Number(head.slice(9, 12)), body: buf.toString('utf8', headEnd + 4, end) };
    buf = buf.length > end ? buf.subarray(end) : null;
    const w = waiting;
    waiting = null;
    w.resolve(response);
  });
  return {
    /** Sends a whole request (head and body) and resolves to `{ status, body }`. */
    send(request) {
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        socket.write(request);
      });
    },
    close() {
      socket.removeAllListeners('close');
      socket.destroy();
    },
  };
}

/** The text of a JSON request on a light connection, its head written once per call. */
export function jsonRequest(method, pathname, { host, token }, body) {
  return (
    `${method} ${pathname} HTTP/1.1\r\nhost: ${host}\r\ncontent-type: application/json\r\n` +
    (token ? `authorization: Bearer ${token}\r\n` : '') +
    `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

// ---------------------------------------------------------------- a small world to book in

/**
 * One verified organisation, one member (`email`, argon2id `password`) and `spaces` published spaces, four
 * per site, on sites open 06:00–22:00 every day (30-minute step, no notice, 365-day horizon).
 */
export async function seedBenchWorld(db, { email, password, spaces: count }) {
  const argon2 = require('argon2');
  const hash = await argon2.hash(password, { type: argon2.argon2id });
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
     VALUES ($1, $2, 'Bench', $3) RETURNING id`,
    [email, hash, org],
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
    [JSON.stringify(hours), Math.ceil(count / 4)],
  );
  const { rows: spaces } = await db.query(
    `INSERT INTO spaces (site_id, region_code, departement_code, name, kind, area_sqm, capacity, status,
                         slot_step_minutes, min_notice_minutes, max_duration_minutes, horizon_days)
     SELECT s.id, '76', '34', 'Salle ' || g, 'meeting_room', 20, 10, 'published', 30, 0, 720, 365
       FROM unnest($1::uuid[]) s(id), generate_series(1, 4) g
      LIMIT $2 RETURNING id`,
    [sites.map((s) => s.id), count],
  );
  await db.query('ANALYZE');
  return { org, user, spaces: spaces.map((s) => s.id) };
}
