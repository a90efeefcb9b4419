// Occupancy report latency over HTTP on the national data set (national-data.mjs): every grouping of a
// région-month, a région-year, a national-year and a national twelve months that cut two months, with
// the API's CPU and PostgreSQL's CPU per request and the bytes on the wire, compressed or not; optionally
// against another build of the API on another copy of the data, request by request in turn.
//   npm run bench:occupancy -w test -- [--requests 20] [--groups site,kind] [--no-rebuild]
//   ... --compare-main /path/to/old/dist/main.js --compare-database postgres://…/lieux_old
// Needs the built API (npx nx run api:build) and the data set (npm run bench:national-data -w test).
/* global Buffer */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  codeVersion,
  intOption,
  percentile,
  preflight,
  startApi,
  stopChild,
  waitHealthy,
} from './bench-kit.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');
const argon2 = require('argon2');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(root, 'apps/api/dist/main.js');
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lieux_bench';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/9';
const GROUPS = ['site', 'space', 'kind', 'month', 'week', 'legalForm', 'theme'];
const REPORTS = ['région-month', 'région-year', 'national-year', 'national-cut-year', 'csv'];

const { values: opts } = parseArgs({
  options: {
    requests: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    groups: { type: 'string', default: GROUPS.join(',') },
    reports: { type: 'string', default: REPORTS.join(',') },
    port: { type: 'string', default: '3390' },
    'no-rebuild': { type: 'boolean', default: false },
    'compare-main': { type: 'string' },
    'compare-database': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log(`node test/bench/occupancy-reports.mjs [options]   (see test/bench/README.md)
  --requests N            measured requests per report and code (20)
  --warmup N              unmeasured requests per report and code first (3)
  --groups A,B            groupBy values measured (${GROUPS.join(',')})
  --reports A,B           reports measured (${REPORTS.join(',')})
  --port N                port of the API it starts; the compared one takes the next (3390)
  --no-rebuild            keep the rollups as they are instead of rebuilding them first
  --compare-main FILE     another build's main.js, measured in turn with this one ("before")
  --compare-database URL  the database that build reads (a copy of the data set with its own schema)
env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/lieux_bench), REDIS_URL (db 9 by default)`);
  process.exit(0);
}
const REQUESTS = intOption(opts, 'requests', 1, 10_000);
const WARMUP = intOption(opts, 'warmup', 0, 1_000);
const PORT = intOption(opts, 'port', 1024, 65_000);
const groups = opts.groups.split(',').filter((g) => GROUPS.includes(g));
const reports = opts.reports.split(',').filter((r) => REPORTS.includes(r));
if ((opts['compare-main'] === undefined) !== (opts['compare-database'] === undefined)) {
  console.error('--compare-main and --compare-database go together');
  process.exit(2);
}

const iso = (d) => d.toISOString().slice(0, 10);
const plusDays = (s, n) => iso(new Date(Date.parse(`${s}T00:00:00Z`) + n * 86_400_000));
/** The data set holds a year of bookings centred on the day it was made: its months, whole. */
function periods() {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 6, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 7, 0));
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const monthEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0));
  const yearEnd = new Date(Date.UTC(first.getUTCFullYear() + 1, first.getUTCMonth(), 0));
  return {
    coverage: { from: iso(first), to: iso(last) },
    month: { from: iso(month), to: iso(monthEnd) },
    year: { from: iso(first), to: iso(yearEnd) },
    // Twelve months from the 15th: both ends cut a month.
    cut: { from: plusDays(iso(first), 14), to: plusDays(iso(yearEnd), 14) },
  };
}

/** Cumulated CPU (user + system) of a process, in ms, from /proc (Linux). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks at USER_HZ = 100
  } catch {
    return 0; // a backend that has gone
  }
}

/**
 * PostgreSQL CPU between two readings: backends present at the end, less what they had used at the start
 * (a pool connection closed meanwhile takes its share with it: these figures understate, never overstate).
 */
const pgDelta = (before, after) => [...after].reduce((s, [pid, ms]) => s + ms - (before.get(pid) ?? 0), 0);

/** One GET, the body's bytes as they came over the socket (no decompression). */
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
function get(url, headers) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** Adds an admin and a delegate of `region` for the run; answers their e-mails and a cleaner. */
async function benchPeople(db, region) {
  const hash = await argon2.hash('bench-password-123', { type: argon2.argon2id });
  const people = {};
  for (const [role, regionCode] of [
    ['admin', null],
    ['delegate', region],
  ]) {
    const email = `bench-${role}-${Date.now()}@example.org`;
    const {
      rows: [u],
    } = await db.query(
      `INSERT INTO users (email, password_hash, display_name) VALUES ($1, $2, 'Banc d’essai') RETURNING id`,
      [email, hash],
    );
    await db.query(`INSERT INTO role_grants (user_id, role, region_code) VALUES ($1, $2, $3)`, [
      u.id,
      role,
      regionCode,
    ]);
    people[role] = email;
  }
  const clean = async () => {
    const mine = `SELECT id FROM users WHERE email LIKE 'bench-%@example.org' AND display_name = 'Banc d’essai'`;
    await db.query(`DELETE FROM role_grants WHERE user_id IN (${mine})`);
    await db.query(`DELETE FROM sessions WHERE user_id IN (${mine})`);
    await db.query(`DELETE FROM users WHERE id IN (${mine})`).catch(() => undefined);
  };
  return { people, clean };
}

/** The API of one build on one database, with its tokens and the PIDs of its PostgreSQL backends. */
async function startCode(name, main, databaseUrl, port, region) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const { people, clean } = await benchPeople(db, region);
  const base = `http://127.0.0.1:${port}`;
  const child = startApi({
    root,
    main,
    databaseUrl,
    redisUrl: REDIS_URL,
    port,
    poolSize: 10,
    dataDir: path.join(os.tmpdir(), `lieux-bench-occupancy-${port}`),
  });
  await waitHealthy(child, base);
  const token = async (email) => {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'bench-password-123' }),
    });
    if (!res.ok) throw new Error(`${name}: login ${res.status}`);
    return (await res.json()).accessToken;
  };
  const dbName = new URL(databaseUrl).pathname.slice(1);
  const backends = async () =>
    (
      await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [
        dbName,
      ])
    ).rows.map((r) => r.pid);
  const code = {
    name,
    base,
    child,
    delegate: await token(people.delegate),
    admin: await token(people.admin),
    /** Signs in again when a token has expired (a long run outlives the access tokens). */
    renew: async (who) => {
      code[who] = await token(people[who]);
    },
    /** CPU so far of the API process, and of each of its database's backends, in ms. */
    cpu: async () => ({
      node: cpuMs(child.pid),
      pg: new Map((await backends()).map((pid) => [pid, cpuMs(pid)])),
    }),
    stop: async () => {
      await stopChild(child);
      await clean();
      await db.end();
    },
  };
  return code;
}

async function main() {
  const compare = opts['compare-main'];
  await preflight({
    root,
    files: [MAIN, ...(compare ? [compare] : [])],
    databaseUrl: DATABASE_URL,
    redisUrl: REDIS_URL,
    port: PORT,
  });
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const {
    rows: [counts],
  } = await db.query(`SELECT (SELECT count(*) FROM spaces)::int AS spaces,
      (SELECT count(*) FROM bookings)::int AS bookings, (SELECT count(*) FROM sites)::int AS sites`);
  const [{ region_code: region, n }] = (
    await db.query(`SELECT region_code, count(*)::int AS n FROM spaces GROUP BY 1 ORDER BY 2 DESC LIMIT 1`)
  ).rows;
  const p = periods();
  console.log('----- occupancy reports (Lieux Partagés) -----');
  console.log(`command:  node ${path.relative(root, process.argv[1])} ${process.argv.slice(2).join(' ')}`);
  console.log(
    `date:     ${new Date().toISOString()}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`code:     new = ${codeVersion(root, MAIN)}${compare ? `; before = ${compare}` : ''}`);
  console.log(
    `data:     ${counts.sites} sites, ${counts.spaces} spaces, ${counts.bookings} bookings; région ${region} (${n} spaces); ${os.cpus().length} CPUs`,
  );

  if (!opts['no-rebuild']) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [MAIN, 'occupancy:rebuild', p.coverage.from, p.coverage.to], {
      env: {
        ...process.env,
        DATABASE_URL,
        REDIS_URL,
        // Required with DATABASE_URL even by a command that serves nothing (the configuration is one).
        JWT_SECRET: 'benchmark-secret-benchmark-secret-0123456789',
        LOG_LEVEL: 'warn',
        DEMO_SEED: 'false',
        RUN_JOBS: 'false',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`rebuild failed (${r.status})`);
    console.log(
      `rebuild of ${p.coverage.from} – ${p.coverage.to}: ${((performance.now() - t0) / 1000).toFixed(1)} s (process included)`,
    );
  }
  await db.end();

  const codes = [await startCode('new', MAIN, DATABASE_URL, PORT, region)];
  if (compare) codes.unshift(await startCode('before', compare, opts['compare-database'], PORT + 1, region));
  const stopAll = () => Promise.all(codes.map((c) => c.stop()));
  process.on('SIGINT', () => stopAll().finally(() => process.exit(130)));
  try {
    const cases = [
      ['région-month', 'delegate', `region:${region}`, p.month],
      ['région-year', 'delegate', `region:${region}`, p.year],
      ['national-year', 'admin', 'national', p.year],
      ['national-cut-year', 'admin', 'national', p.cut],
    ]
      .filter(([name]) => reports.includes(name))
      .flatMap(([name, who, scope, period]) => groups.map((g) => ({ name, who, scope, period, group: g })));
    if (reports.includes('csv'))
      cases.push(
        {
          name: 'région-year CSV',
          who: 'delegate',
          scope: `region:${region}`,
          period: p.year,
          group: 'site',
          csv: true,
        },
        {
          name: 'national-year CSV',
          who: 'admin',
          scope: 'national',
          period: p.year,
          group: 'site',
          csv: true,
        },
      );
    console.log(
      `\nperiods: month ${p.month.from} – ${p.month.to}; year ${p.year.from} – ${p.year.to}; cut year ${p.cut.from} – ${p.cut.to}`,
    );
    console.log(
      `${REQUESTS} requests per report and code after ${WARMUP} unmeasured, one at a time, the codes in turn; ` +
        'accept-encoding: br, gzip; CPU ms per request of the API process and of its PostgreSQL backends',
    );
    console.log(
      'report             groupBy    code     rows   p50 ms   p95 ms  API cpu   PG cpu   wire bytes  identity bytes',
    );
    for (const c of cases) {
      const times = new Map(codes.map((code) => [code.name, []]));
      const cpu0 = new Map();
      const path_ = `/api/v1/reports/occupancy?scope=${c.scope}&from=${c.period.from}&to=${c.period.to}&groupBy=${c.group}`;
      const accept = c.csv ? 'text/csv' : 'application/json';
      let wire = new Map();
      for (let i = 0; i < WARMUP + REQUESTS; i++) {
        if (i === WARMUP) for (const code of codes) cpu0.set(code.name, await code.cpu());
        // Alternate which code goes first, so that neither always follows the other.
        for (const code of i % 2 ? [...codes].reverse() : codes) {
          const headers = () => ({
            authorization: `Bearer ${code[c.who]}`,
            accept,
            'accept-encoding': 'br, gzip',
          });
          let t0 = performance.now();
          let res = await get(`${code.base}${path_}`, headers());
          if (res.status === 401) {
            await code.renew(c.who);
            t0 = performance.now();
            res = await get(`${code.base}${path_}`, headers());
          }
          const ms = performance.now() - t0;
          if (res.status !== 200)
            throw new Error(`${code.name} ${c.name} ${c.group}: ${res.status} ${res.body.slice(0, 300)}`);
          if (i >= WARMUP) times.get(code.name).push(ms);
          wire.set(code.name, res.body.length);
        }
      }
      const answers = [];
      for (const code of codes) {
        const after = await code.cpu();
        const before = cpu0.get(code.name);
        const plain = await get(`${code.base}${path_}`, { authorization: `Bearer ${code[c.who]}`, accept });
        answers.push(plain.body);
        const text = plain.body.toString('utf8');
        const rows = c.csv ? text.trim().split('\r\n').length - 2 : JSON.parse(text).rows.length;
        const t = times.get(code.name).sort((a, b) => a - b);
        console.log(
          [
            c.name.padEnd(18),
            c.group.padEnd(10),
            code.name.padEnd(6),
            String(rows).padStart(6),
            percentile(t, 50).toFixed(1).padStart(8),
            percentile(t, 95).toFixed(1).padStart(8),
            ((after.node - before.node) / REQUESTS).toFixed(1).padStart(8),
            (pgDelta(before.pg, after.pg) / REQUESTS).toFixed(1).padStart(8),
            wire.get(code.name).toLocaleString('en').padStart(12),
            plain.body.length.toLocaleString('en').padStart(15),
          ].join(' '),
        );
      }
      // Two builds that should answer alike: say whether they did, byte for byte.
      if (answers.length === 2 && !answers[0].equals(answers[1]))
        console.log(`  ${c.name} ${c.group}: the two builds' answers differ`);
    }
    // The most memory each API process held at once over the run (Linux's high-water mark of its RSS).
    for (const code of codes) {
      const peak = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${code.child.pid}/status`, 'utf8'))?.[1];
      console.log(`API ${code.name}: peak resident memory ${peak ? Math.round(peak / 1024) : '?'} MB`);
    }
    console.log(
      `load average at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await stopAll();
    agent.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
