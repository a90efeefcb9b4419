// Booking throughput: the API (full path: validation, rules, transaction with audit and outbox) against
// the raw single-statement INSERT on the same table and constraint, same concurrency, same run.
//   node test/bench/booking-throughput.mjs [--clients 8] [--seconds 20] [--spaces 2000]
// Needs the built API (npx nx run api:build) and the machine's PostgreSQL and Redis.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const pg = require('pg');
const argon2 = require('argon2');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values: opts } = parseArgs({
  options: {
    clients: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '20' },
    spaces: { type: 'string', default: '2000' },
    port: { type: 'string', default: '3300' },
  },
});
const CLIENTS = Number(opts.clients);
const SECONDS = Number(opts.seconds);
const SPACES = Number(opts.spaces);
const PORT = Number(opts.port);
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BENCH_DB = 'lieux_bench';
const benchUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${BENCH_DB}`;
  return u.toString();
})();
const main = path.join(root, 'apps/api/dist/main.js');
const HOUR = 3_600_000;

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

function summary(latencies, count, seconds) {
  const s = [...latencies].sort((a, b) => a - b);
  return {
    perSecond: count / seconds,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
  };
}

/** Distinct (space, hour) slots: whole hours 07:00–19:00 UTC, inside 06:00–22:00 Paris all year. */
function slotSource(startDay) {
  let n = 0;
  return () => {
    const i = n++;
    const space = i % SPACES;
    const k = Math.floor(i / SPACES);
    const day = startDay + Math.floor(k / 12);
    const hour = 7 + (k % 12);
    const start = Date.UTC(2027, 0, 1) + day * 24 * HOUR + hour * HOUR;
    return { space, start, end: start + HOUR };
  };
}

async function run(worker) {
  const until = Date.now() + SECONDS * 1000;
  const latencies = [];
  let ok = 0;
  const errors = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < until) {
        const t0 = performance.now();
        const err = await worker();
        latencies.push(performance.now() - t0);
        if (err) errors.push(err);
        else ok++;
      }
    }),
  );
  return { ...summary(latencies, ok, SECONDS), ok, errors };
}

async function seed(db) {
  const hash = await argon2.hash('bench-password-123', { type: argon2.argon2id });
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '06:00', closes: '22:00' }));
  const [{ id: org }] = (
    await db.query(
      `INSERT INTO organisations (name, siret, legal_form, region_code, verification)
       VALUES ('Association Bench', '81234567600017', 'association', '76', 'verified') RETURNING id`,
    )
  ).rows;
  const [{ id: user }] = (
    await db.query(
      `INSERT INTO users (email, password_hash, display_name, organisation_id) VALUES ('bench@example.org', $1, 'Bench', $2) RETURNING id`,
      [hash, org],
    )
  ).rows;
  await db.query(`INSERT INTO role_grants (user_id, role, organisation_id) VALUES ($1, 'member', $2)`, [
    user,
    org,
  ]);
  const { rows: sites } = await db.query(
    `INSERT INTO sites (name, address, postcode, commune, departement_code, region_code, time_zone, latitude, longitude, opening_hours)
     SELECT 'Site ' || g, '1 rue de la Poste', '34000', 'Montpellier', '34', '76', 'Europe/Paris', 43.6, 3.88, $1
       FROM generate_series(1, $2) g RETURNING id`,
    [JSON.stringify(hours), Math.ceil(SPACES / 4)],
  );
  const { rows: spaces } = await db.query(
    `INSERT INTO spaces (site_id, region_code, departement_code, name, kind, area_sqm, capacity, status, slot_step_minutes,
                         min_notice_minutes, max_duration_minutes, horizon_days)
     SELECT s.id, '76', '34', 'Salle ' || g, 'meeting_room', 20, 10, 'published', 30, 0, 720, 3650
       FROM unnest($1::uuid[]) s(id), generate_series(1, 4) g
      LIMIT $2 RETURNING id`,
    [sites.map((s) => s.id), SPACES],
  );
  return { org, user, spaces: spaces.map((s) => s.id) };
}

function startApi() {
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      DATABASE_URL: benchUrl,
      REDIS_URL,
      JWT_SECRET: 'benchmark-secret-benchmark-secret-0123456789',
      PORT: String(PORT),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      DEMO_SEED: 'false',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

async function waitHealthy() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/health`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the API did not become healthy in 60 s');
}

async function mainRun() {
  if (!existsSync(main)) throw new Error('Build the API first: npx nx run api:build');
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  await admin.end();

  const api = startApi();
  try {
    await waitHealthy();
    const db = new pg.Pool({ connectionString: benchUrl, max: CLIENTS + 2 });
    const world = await seed(db);
    const login = await fetch(`http://127.0.0.1:${PORT}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.org', password: 'bench-password-123' }),
    });
    const { accessToken } = await login.json();
    // Long enough for the run: the access token lives 15 minutes.

    const nextApi = slotSource(0);
    const apiResult = await run(async () => {
      const s = nextApi();
      const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({
          spaceId: world.spaces[s.space],
          start: new Date(s.start).toISOString(),
          end: new Date(s.end).toISOString(),
          title: 'Bench',
          attendees: 2,
        }),
      });
      const body = await res.text();
      return res.status === 201 ? null : `${res.status} ${body.slice(0, 200)}`;
    });

    const nextRaw = slotSource(400);
    const rawResult = await run(async () => {
      const s = nextRaw();
      const range = `[${new Date(s.start).toISOString()},${new Date(s.end).toISOString()})`;
      try {
        await db.query(
          `INSERT INTO bookings (space_id, organisation_id, booked_by, status, period, blocked_period, title, attendees, price_cents)
           VALUES ($1, $2, $3, 'confirmed', $4::tstzrange, $4::tstzrange, 'Raw', 2, 0)`,
          [world.spaces[s.space], world.org, world.user, range],
        );
        return null;
      } catch (e) {
        return e.message;
      }
    });
    const [{ server_version }] = (await db.query('SHOW server_version')).rows;
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM bookings`)).rows;
    await db.end();

    const f = (x) => x.toFixed(1);
    const lines = [
      '',
      'Booking throughput — Lieux Partagés',
      `command:   node test/bench/booking-throughput.mjs --clients ${CLIENTS} --seconds ${SECONDS} --spaces ${SPACES}`,
      `machine:   ${os.cpus().length} cores, Node ${process.version}, PostgreSQL ${server_version}, Redis at ${REDIS_URL}`,
      `API  POST /api/v1/bookings: ${f(apiResult.perSecond)} bookings/s, p50 ${f(apiResult.p50)} ms, p95 ${f(apiResult.p95)} ms, p99 ${f(apiResult.p99)} ms, ${apiResult.errors.length} errors`,
      `raw  INSERT (pg, same constraint): ${f(rawResult.perSecond)} rows/s, p50 ${f(rawResult.p50)} ms, p95 ${f(rawResult.p95)} ms, ${rawResult.errors.length} errors`,
      `ratio API / raw: ${((100 * apiResult.perSecond) / rawResult.perSecond).toFixed(1)} %`,
      `bookings in the table at the end: ${n}`,
    ];
    for (const e of [...apiResult.errors, ...rawResult.errors].slice(0, 5)) lines.push(`  error: ${e}`);
    console.log(lines.join('\n'));
    if (apiResult.errors.length || rawResult.errors.length) process.exitCode = 1;
  } finally {
    api.kill('SIGTERM');
    await new Promise((r) => api.on('exit', r));
  }
}

mainRun().catch((err) => {
  console.error(err);
  process.exit(1);
});
