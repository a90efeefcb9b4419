// Occupancy report latency over HTTP on the national data set (national-data.mjs): p50/p95 of a
// région-month, a région-year and a national-year report, after a full rebuild of the rollups.
//   npm run bench:occupancy -w test -- [--requests 50] [--group site] [--no-rebuild]
// Needs the built API (npx nx run api:build) and the data set (npm run bench:national-data -w test).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const pg = require('pg');
const argon2 = require('argon2');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(root, 'apps/api/dist/main.js');
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lieux_bench';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/9';

const { values: opts } = parseArgs({
  options: {
    requests: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '5' },
    group: { type: 'string', default: 'site' },
    port: { type: 'string', default: '3390' },
    'no-rebuild': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log(`node test/bench/occupancy-reports.mjs [options]   (see test/bench/README.md)
  --requests N   measured requests per report, one after the other (50)
  --warmup N     unmeasured requests per report first (5)
  --group G      groupBy of the reports: site, space, kind, month, week, legalForm (site)
  --port N       port of the API it starts (3390)
  --no-rebuild   keep the rollups as they are instead of rebuilding them first
env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/lieux_bench), REDIS_URL (db 9 by default)`);
  process.exit(0);
}
const REQUESTS = Number(opts.requests);
const WARMUP = Number(opts.warmup);
const PORT = Number(opts.port);
const BASE = `http://127.0.0.1:${PORT}`;

const iso = (d) => d.toISOString().slice(0, 10);
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
  };
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const { rows: counts } = await db.query(`SELECT (SELECT count(*) FROM spaces)::int AS spaces,
      (SELECT count(*) FROM bookings)::int AS bookings, (SELECT count(*) FROM sites)::int AS sites`);
  const [{ region_code: region, n }] = (
    await db.query(`SELECT region_code, count(*)::int AS n FROM spaces GROUP BY 1 ORDER BY 2 DESC LIMIT 1`)
  ).rows;
  const p = periods();
  console.log(
    `data: ${counts[0].sites} sites, ${counts[0].spaces} spaces, ${counts[0].bookings} bookings; ` +
      `région ${region} (${n} spaces); ${os.cpus().length} CPUs`,
  );

  const env = {
    ...process.env,
    DATABASE_URL,
    REDIS_URL,
    JWT_SECRET: 'occupancy-benchmark-secret-of-32-characters!',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    DEMO_SEED: 'false',
    // The benchmark measures reading: no job recomputes rollups meanwhile.
    RUN_JOBS: 'false',
    PORT: String(PORT),
    HOST: '127.0.0.1',
    DATA_DIR: path.join(os.tmpdir(), 'lieux-bench-occupancy'),
  };

  if (!opts['no-rebuild']) {
    const t0 = performance.now();
    const r = spawnSync('node', [MAIN, 'occupancy:rebuild', p.coverage.from, p.coverage.to], {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`rebuild failed (${r.status})`);
    console.log(
      `rebuild of ${p.coverage.from} – ${p.coverage.to}: ${((performance.now() - t0) / 1000).toFixed(1)} s (process included)`,
    );
  }
  const { rows: size } = await db.query(`SELECT
      (SELECT count(*) FROM occupancy_days)::int AS days, (SELECT count(*) FROM occupancy_months)::int AS months,
      (SELECT count(*) FROM occupancy_org_months)::int AS org_months,
      pg_size_pretty(pg_total_relation_size('occupancy_days') + pg_total_relation_size('occupancy_org_days')
        + pg_total_relation_size('occupancy_months') + pg_total_relation_size('occupancy_org_months')) AS size`);
  console.log(
    `rollups: ${size[0].days} space-days, ${size[0].months} space-months, ${size[0].org_months} organisation-months, ${size[0].size}`,
  );

  // One admin and one delegate of the région, made for this run.
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

  const api = spawn('node', [MAIN], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const stop = () => api.exitCode === null && api.kill('SIGTERM');
  process.on('SIGINT', () => {
    stop();
    process.exit(130);
  });
  try {
    for (let i = 0; ; i++) {
      const ok = await fetch(`${BASE}/api/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (i > 600) throw new Error('the API did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const token = async (email) => {
      const res = await fetch(`${BASE}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'bench-password-123' }),
      });
      if (!res.ok) throw new Error(`login ${res.status}`);
      return (await res.json()).accessToken;
    };
    const delegate = await token(people.delegate);
    const admin = await token(people.admin);

    const cases = [
      ['région-month', delegate, `region:${region}`, p.month],
      ['région-year', delegate, `region:${region}`, p.year],
      ['national-year', admin, 'national', p.year],
      ['région-year CSV', delegate, `region:${region}`, p.year, 'text/csv'],
    ];
    console.log(
      `\n${REQUESTS} requests each after ${WARMUP} unmeasured, one at a time, groupBy=${opts.group}`,
    );
    console.log('report            period                    rows   p50 ms   p95 ms   max ms');
    for (const [name, tok, scope, period, accept = 'application/json'] of cases) {
      const url = `${BASE}/api/v1/reports/occupancy?scope=${scope}&from=${period.from}&to=${period.to}&groupBy=${opts.group}`;
      const times = [];
      let rows = 0;
      for (let i = 0; i < WARMUP + REQUESTS; i++) {
        const t0 = performance.now();
        const res = await fetch(url, { headers: { authorization: `Bearer ${tok}`, accept } });
        const body = await res.text();
        const ms = performance.now() - t0;
        if (!res.ok) throw new Error(`${name}: ${res.status} ${body.slice(0, 300)}`);
        if (i >= WARMUP) times.push(ms);
        rows = accept === 'text/csv' ? body.trim().split('\r\n').length - 2 : JSON.parse(body).rows.length;
      }
      times.sort((a, b) => a - b);
      console.log(
        `${name.padEnd(17)} ${`${period.from} – ${period.to}`.padEnd(25)} ${String(rows).padStart(5)} ${percentile(
          times,
          50,
        )
          .toFixed(1)
          .padStart(
            8,
          )} ${percentile(times, 95).toFixed(1).padStart(8)} ${times[times.length - 1].toFixed(1).padStart(8)}`,
      );
    }
  } finally {
    stop();
    await db.query(
      `DELETE FROM role_grants WHERE user_id IN (SELECT id FROM users WHERE email LIKE 'bench-%@example.org' AND display_name = 'Banc d’essai')`,
    );
    await db.query(
      `DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE email LIKE 'bench-%@example.org' AND display_name = 'Banc d’essai')`,
    );
    await db
      .query(`DELETE FROM users WHERE email LIKE 'bench-%@example.org' AND display_name = 'Banc d’essai'`)
      .catch(() => undefined);
    await db.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
