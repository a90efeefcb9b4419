// ESS needs on the national data set (national-data.mjs) plus generated open needs (issue 14's numbers):
// matching one recurring need (20 occurrences, 20 km) p50/p95 over HTTP, re-matching after a space is
// published (time until need_matches holds it), and the unmet-demand map of a région p50/p95.
//   npm run bench:needs -w test -- [--needs 20000] [--requests 50] [--port 3392]
// Needs the built API (npx nx run api:build) and the data set (npm run bench:national-data -w test).
import { spawn } from 'node:child_process';
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
  mulberry32,
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
// BENCH_API_MAIN: another build to compare with (a copy of apps/api/dist inside the repository).
const MAIN = path.resolve(process.env.BENCH_API_MAIN ?? path.join(root, 'apps/api/dist/main.js'));
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lieux_bench';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/9';
const PURPOSE = 'Banc d’essai des besoins';
const PASSWORD = 'bench-password-123';

const { values: opts } = parseArgs({
  options: {
    needs: { type: 'string', default: '20000' },
    requests: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '5' },
    port: { type: 'string', default: '3392' },
    seed: { type: 'string', default: '20261205' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log(`node test/bench/needs.mjs [options]   (see test/bench/README.md)
  --needs N      live needs generated (replacing those of a previous run), spread like the organisations (20000)
  --requests N   measured requests per case, one after the other (50)
  --warmup N     unmeasured requests per case first (5)
  --port N       port of the API it starts (3392)
  --seed N       seed of the pseudo-random choices (20261205)
env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/lieux_bench), REDIS_URL (db 9 by default),
     BENCH_API_MAIN (another build's main.js, to compare)`);
  process.exit(0);
}
const NEEDS = intOption(opts, 'needs', 0, 1_000_000);
const REQUESTS = intOption(opts, 'requests', 1, 100_000);
const WARMUP = intOption(opts, 'warmup', 0, 10_000);
const PORT = intOption(opts, 'port', 1024, 65_535);
const rand = mulberry32(intOption(opts, 'seed', 0, 2 ** 31 - 1));
const BASE = `http://127.0.0.1:${PORT}`;
const API = `${BASE}/api/v1`;

const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (list) => list[Math.floor(rand() * list.length)];
function weighted(pairs) {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [v, w] of pairs) if ((r -= w) < 0) return v;
  return pairs[pairs.length - 1][0];
}
const isoDate = (d) => d.toISOString().slice(0, 10);
const addDays = (d, n) => new Date(d.getTime() + n * 86_400_000);
const fmt = (ms) => ms.toFixed(1).padStart(8);

const KINDS = [
  [null, 15],
  ['meeting_room', 30],
  ['workshop', 15],
  ['office', 15],
  ['event_hall', 8],
  ['coworking', 8],
  ['storage', 6],
  ['counter_corner', 3],
];
const THEMES = [
  'insertion',
  'alimentation',
  'numerique',
  'culture',
  'services_proximite',
  'acces_droits',
  'sport',
];
const SLOTS = [
  ['09:00', '12:00'],
  ['14:00', '17:00'],
  ['18:00', '20:00'],
  ['10:00', '16:00'],
];

/**
 * NEEDS live needs: each of an organisation drawn at random (organisations are spread over the régions
 * by population), around the commune of a site of its région drawn at random (sites are drawn by commune
 * population: more needs in big communes); one in seven names a département instead. Seven in ten are
 * open (no match), the others matched. Written straight to the table, as declaring them would leave them.
 */
async function generateNeeds(db) {
  await db.query(`DELETE FROM needs WHERE purpose = $1`, [PURPOSE]);
  const { rows: orgs } = await db.query(
    `SELECT id, region_code FROM organisations WHERE verification = 'verified' ORDER BY id`,
  );
  const { rows: sites } = await db.query(
    `SELECT commune_code, departement_code, region_code, latitude, longitude FROM sites ORDER BY id`,
  );
  const sitesByRegion = new Map();
  for (const s of sites) {
    if (!sitesByRegion.has(s.region_code)) sitesByRegion.set(s.region_code, []);
    sitesByRegion.get(s.region_code).push(s);
  }
  const today = new Date(`${isoDate(new Date())}T00:00:00Z`);
  const columns = [
    'organisation_id',
    'kind',
    'min_area_m2',
    'attendees',
    'date_from',
    'date_until',
    'start_time',
    'end_time',
    'weekdays',
    'per_week',
    'commune_code',
    'radius_km',
    'departement_code',
    'region_code',
    'latitude',
    'longitude',
    'purpose',
    'theme',
    'contactable',
    'status',
    'match_count',
    'occurrences_wanted',
    'hours_wanted',
  ];
  const BATCH = 1000;
  for (let done = 0; done < NEEDS; done += BATCH) {
    const values = [];
    const rows = [];
    for (let i = done; i < Math.min(NEEDS, done + BATCH); i++) {
      const org = pick(orgs);
      const site = pick(sitesByRegion.get(org.region_code) ?? sites);
      const byDepartement = rand() < 1 / 7;
      const weeks = int(4, 26);
      const from = addDays(today, int(1, 60));
      const until = addDays(from, weeks * 7 - 1);
      const perWeek = rand() < 0.2 ? int(1, 3) : null;
      const weekdays = perWeek ? [1, 2, 3, 4, 5] : [int(1, 6)];
      const [start, end] = pick(SLOTS);
      const occurrences = perWeek ? perWeek * weeks : weeks;
      const hours = (Number(end.slice(0, 2)) - Number(start.slice(0, 2))) * occurrences;
      const matched = rand() < 0.3;
      const kind = weighted(KINDS);
      const jitter = () => (rand() - 0.5) * 0.01;
      const row = [
        org.id,
        kind,
        weighted([
          [null, 30],
          [int(8, 19), 25],
          [int(20, 49), 30],
          [int(50, 99), 10],
          [int(100, 300), 5],
        ]),
        int(1, 40),
        isoDate(from),
        isoDate(until),
        start,
        end,
        weekdays,
        perWeek,
        byDepartement ? null : site.commune_code,
        byDepartement ? null : pick([5, 10, 20, 30]),
        site.departement_code,
        site.region_code,
        site.latitude + jitter(),
        site.longitude + jitter(),
        PURPOSE,
        pick(THEMES),
        rand() < 0.4,
        matched ? 'matched' : 'open',
        matched ? int(1, 5) : 0,
        occurrences,
        hours,
      ];
      rows.push(`(${row.map((v) => `$${values.push(v)}`).join(', ')})`);
    }
    await db.query(`INSERT INTO needs (${columns.join(', ')}) VALUES ${rows.join(', ')}`, values);
  }
  await db.query(`ANALYZE needs`);
}

async function person(db, hash, role, scope = {}) {
  const email = `bench-needs-${role}-${Date.now()}-${int(0, 1e9)}@example.org`;
  const {
    rows: [u],
  } = await db.query(
    `INSERT INTO users (email, password_hash, display_name, organisation_id) VALUES ($1, $2, 'Banc d’essai', $3)
     RETURNING id`,
    [email, hash, scope.organisationId ?? null],
  );
  await db.query(
    `INSERT INTO role_grants (user_id, role, organisation_id, region_code) VALUES ($1, $2, $3, $4)`,
    [u.id, role, scope.organisationId ?? null, scope.regionCode ?? null],
  );
  const res = await fetch(`${API}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login of the ${role}: ${res.status}`);
  return (await res.json()).accessToken;
}

/** p50/p95/max of `call` run WARMUP + REQUESTS times one after the other; `call` throws on a bad answer. */
async function measure(call) {
  const times = [];
  let last;
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const t0 = performance.now();
    last = await call();
    if (i >= WARMUP) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1], last };
}

async function getOk(url, token, accept = 'application/json') {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept } });
  const body = await res.text();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${body.slice(0, 300)}`);
  return body;
}

async function main() {
  await preflight({ root, files: [MAIN], databaseUrl: DATABASE_URL, redisUrl: REDIS_URL, port: PORT });
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const {
    rows: [counts],
  } =
    await db.query(`SELECT (SELECT count(*) FROM sites)::int AS sites, (SELECT count(*) FROM spaces)::int AS spaces,
      (SELECT count(*) FROM bookings)::int AS bookings`);
  if (counts.sites === 0)
    throw new Error('no site: make the data set first (npm run bench:national-data -w test)');
  let t0 = performance.now();
  await generateNeeds(db);
  const {
    rows: [live],
  } = await db.query(`SELECT count(*) FILTER (WHERE status = 'open')::int AS open,
      count(*) FILTER (WHERE status = 'matched')::int AS matched FROM needs`);
  const {
    rows: [{ region_code: region, n: regionNeeds }],
  } = await db.query(`SELECT region_code, count(*)::int AS n FROM needs WHERE status = 'open'
                       GROUP BY 1 ORDER BY 2 DESC LIMIT 1`);
  console.log(`${codeVersion(root, MAIN)}; ${os.cpus().length} CPUs`);
  console.log(
    `data: ${counts.sites} sites, ${counts.spaces} spaces, ${counts.bookings} bookings; ` +
      `${live.open} open + ${live.matched} matched needs (${((performance.now() - t0) / 1000).toFixed(1)} s to write ${NEEDS}); ` +
      `région ${region}: ${regionNeeds} open needs`,
  );

  const api = startApi({
    root,
    main: MAIN,
    databaseUrl: DATABASE_URL,
    redisUrl: REDIS_URL,
    port: PORT,
    poolSize: 10,
    dataDir: path.join(os.tmpdir(), 'lieux-bench-needs'),
  });
  let worker = null;
  process.on('SIGINT', () => {
    api.kill('SIGTERM');
    worker?.kill('SIGTERM');
    process.exit(130);
  });
  try {
    await waitHealthy(api, BASE);
    const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id });
    const admin = await person(db, hash, 'admin');
    const delegate = await person(db, hash, 'delegate', { regionCode: region });

    // ------------------------------------------------------------ the unmet-demand map of a région
    console.log(`\nunmet demand: ${REQUESTS} requests each after ${WARMUP} unmeasured, one at a time`);
    console.log('case                                   rows   p50 ms   p95 ms   max ms');
    const cases = [
      [`région ${region} by département`, delegate, `scope=region:${region}`],
      [`région ${region} by commune`, delegate, `scope=region:${region}&groupBy=commune`],
      [`région ${region} by commune, CSV`, delegate, `scope=region:${region}&groupBy=commune`, 'text/csv'],
      [`région ${region}, workshops`, delegate, `scope=region:${region}&kind=workshop`],
      ['national by département (admin)', admin, 'scope=national'],
    ];
    for (const [name, token, query, accept] of cases) {
      const r = await measure(() => getOk(`${API}/reports/unmet-demand?${query}`, token, accept));
      const rows = accept ? r.last.trim().split('\r\n').length - 2 : JSON.parse(r.last).rows.length;
      console.log(`${name.padEnd(36)} ${String(rows).padStart(6)} ${fmt(r.p50)} ${fmt(r.p95)} ${fmt(r.max)}`);
    }

    // ------------------------------------------------------------ matching one recurring need
    // A member of an organisation of the région, around the commune with the most sites there.
    const {
      rows: [org],
    } = await db.query(
      `SELECT id FROM organisations WHERE region_code = $1 AND verification = 'verified' ORDER BY id LIMIT 1`,
      [region],
    );
    const member = await person(db, hash, 'member', { organisationId: org.id });
    const {
      rows: [city],
    } = await db.query(
      `SELECT commune_code, min(latitude) AS latitude, min(longitude) AS longitude FROM sites WHERE region_code = $1
        GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
      [region],
    );
    // Twenty Tuesdays from the second week on.
    const now = new Date();
    const firstTuesday = addDays(now, 7 + ((2 - now.getUTCDay() + 7) % 7));
    const need = {
      kind: 'meeting_room',
      minAreaM2: 15,
      attendees: 6,
      schedule: {
        from: isoDate(firstTuesday),
        until: isoDate(addDays(firstTuesday, 19 * 7)),
        startTime: '14:00',
        endTime: '17:00',
        weekdays: [2],
      },
      place: { communeCode: city.commune_code, radiusKm: 20 },
      purpose: 'Banc d’essai : un atelier chaque mardi',
      theme: 'insertion',
    };
    t0 = performance.now();
    const created = await fetch(`${API}/needs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${member}`, 'content-type': 'application/json' },
      body: JSON.stringify(need),
    });
    if (created.status === 404 || created.status === 405) {
      console.log(
        '\nmatching and re-matching: POST /needs is not served by this build (needs-core not merged): skipped',
      );
      return;
    }
    if (!created.ok)
      throw new Error(`POST /needs: ${created.status} ${(await created.text()).slice(0, 300)}`);
    const needId = (await created.json()).id;
    const declared = performance.now() - t0;
    // Matched after the answer: until its stored matches are written.
    let matchedAfter = null;
    while (performance.now() - t0 < 60_000) {
      const { rows } = await db.query(
        `SELECT match_count FROM needs WHERE id = $1 AND matched_at IS NOT NULL`,
        [needId],
      );
      if (rows.length) {
        matchedAfter = `${(performance.now() - t0).toFixed(0)} ms after the request (${rows[0].match_count} spaces)`;
        break;
      }
      await sleep(10);
    }
    console.log(`\nmatching: one need, 20 Tuesdays 14:00–17:00, 20 km around ${city.commune_code}`);
    console.log(
      `POST /needs answered in ${declared.toFixed(0)} ms; matched ${matchedAfter ?? 'not within 60 s'}`,
    );
    const m = await measure(() => getOk(`${API}/needs/${needId}/matches`, member));
    const matches = JSON.parse(m.last).items;
    console.log(
      `GET /needs/{id}/matches              ${String(matches.length).padStart(6)} ${fmt(m.p50)} ${fmt(m.p95)} ${fmt(m.max)}`,
    );

    // ------------------------------------------------------------ re-matching after a space is published
    // A draft space that meets the need, at the site of the need's commune; published through the API.
    const {
      rows: [site],
    } = await db.query(
      `SELECT id, region_code, departement_code FROM sites WHERE commune_code = $1 ORDER BY id LIMIT 1`,
      [city.commune_code],
    );
    const {
      rows: [space],
    } = await db.query(
      `INSERT INTO spaces (site_id, region_code, departement_code, name, kind, area_sqm, capacity, status, horizon_days,
                           max_duration_minutes, min_notice_minutes)
       VALUES ($1, $2, $3, 'Banc d’essai : salle neuve', 'meeting_room', 40, 12, 'draft', 365, 480, 0) RETURNING id`,
      [site.id, site.region_code, site.departement_code],
    );
    // Re-matching is a job: a worker process runs it, as in production (the API runs none here).
    const {
      rows: [{ n: dirty }],
    } = await db.query(`SELECT count(*)::int AS n FROM occupancy_dirty`);
    if (dirty > 0)
      console.log(`(the worker also drains ${dirty} occupancy changes left by the data set meanwhile)`);
    worker = spawn(process.execPath, [MAIN, 'worker'], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL,
        REDIS_URL,
        JWT_SECRET: 'benchmark-secret-benchmark-secret-0123456789',
        DATA_DIR: path.join(os.tmpdir(), 'lieux-bench-needs-worker'),
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
        NEED_MAIL_SWEEP_SECONDS: '3600',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    // What the queue held before (earlier runs' leftovers) drained first: only the publication is timed.
    for (let i = 0; i < 600; i++) {
      const { rows } = await db.query(`SELECT 1 FROM need_dirty LIMIT 1`);
      if (!rows.length && i >= 30) break;
      await sleep(100);
    }
    t0 = performance.now();
    const published = await fetch(`${API}/spaces/${space.id}/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
    });
    if (!published.ok)
      throw new Error(`publish: ${published.status} ${(await published.text()).slice(0, 300)}`);
    const answered = performance.now() - t0;
    let seen = null;
    while (performance.now() - t0 < 30_000) {
      const { rows } = await db.query(`SELECT 1 FROM need_matches WHERE need_id = $1 AND space_id = $2`, [
        needId,
        space.id,
      ]);
      if (rows.length) {
        seen = performance.now() - t0;
        break;
      }
      await sleep(10);
    }
    const { rows: served } = await db.query(
      `SELECT count(*)::int AS n FROM need_matches WHERE space_id = $1`,
      [space.id],
    );
    console.log(
      `re-matching after publishing a space: publish answered in ${answered.toFixed(0)} ms; ` +
        (seen === null
          ? 'need_matches did not list it within 30 s'
          : `need_matches lists it ${seen.toFixed(0)} ms after the request (${served[0].n} needs now matched to it)`),
    );
    await db.query(`DELETE FROM needs WHERE id = $1`, [needId]);
    await db.query(`UPDATE spaces SET status = 'archived' WHERE id = $1`, [space.id]);
  } finally {
    await stopChild(worker);
    await stopChild(api);
    await db.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
