// Lighthouse scores (performance, accessibility, best practices) of the home page, the search and a
// space's page, desktop preset, in Debian's Chromium. Lighthouse is fetched by `npm exec` (pinned 12.2.3:
// 13 wants Node 22), not installed with the project. Figures, not a CI check.
//   npx nx run-many -t build --projects=api,web && npm run bench:lighthouse -w test [-- --port 3390]
// Starts the built product in embedded mode on its own port and data directory (fresh demo data), or
// measures a running one with `--url http://host:port`. `--signed-in` measures each page signed in as the
// demo member (a fresh session per page: the refresh cookie is sent with Lighthouse's requests).
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const LIGHTHOUSE = 'lighthouse@12.2.3';
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const DEMO_MEMBER = { email: 'membre@demo.lieux-partages.fr', password: 'demo1234' };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    port: { type: 'string', default: '3390' },
    'signed-in': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

const work = mkdtempSync(path.join(os.tmpdir(), 'lieux-lighthouse-'));
let server;

async function startProduct() {
  const port = Number(options.port);
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: path.join(work, 'data') };
  env.LOG_LEVEL = 'warn';
  for (const k of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'JWT_SECRET', 'DEMO_PASSWORD', 'NODE_ENV'])
    delete env[k];
  const child = spawn(process.execPath, [path.join(root, 'apps/api/dist/main.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (d) => (errors += d));
  server = child;
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 480; i++) {
    if (child.exitCode !== null) throw new Error(`the product stopped (${child.exitCode}):\n${errors}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return base;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`the product did not answer in 240 s:\n${errors}`);
}

/** A fresh session's refresh cookie, as the browser would hold it after signing in. */
async function signInCookie(base) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_MEMBER),
  });
  if (!res.ok) throw new Error(`sign-in as ${DEMO_MEMBER.email}: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** A published space's id: signed out if the list is public, else as the demo member. */
async function someSpaceId(base) {
  let res = await fetch(`${base}/api/v1/spaces?limit=1`);
  if (res.status === 401) {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(DEMO_MEMBER),
    });
    const { accessToken } = await login.json();
    res = await fetch(`${base}/api/v1/spaces?limit=1`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
  }
  if (!res.ok) throw new Error(`GET /api/v1/spaces: ${res.status}`);
  const { items } = await res.json();
  if (!items?.length) throw new Error('no published space to measure');
  return items[0].id;
}

function lighthouse(url, outputPath, extraHeaders) {
  const args = [
    'exec',
    '--yes',
    `--package=${LIGHTHOUSE}`,
    '--',
    'lighthouse',
    url,
    '--preset=desktop',
    '--only-categories=performance,accessibility,best-practices',
    '--output=json',
    `--output-path=${outputPath}`,
    '--quiet',
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run',
  ];
  if (extraHeaders) args.push(`--extra-headers=${JSON.stringify(extraHeaders)}`);
  return new Promise((resolve, reject) => {
    execFile(
      'npm',
      args,
      { cwd: work, env: { ...process.env, CHROME_PATH: CHROME }, maxBuffer: 1 << 26 },
      (err, _o, stderr) =>
        err ? reject(new Error(`lighthouse ${url}: ${err.message}\n${stderr}`)) : resolve(),
    );
  });
}

try {
  const base = options.url?.replace(/\/$/, '') ?? (await startProduct());
  const pages = [
    { name: 'home', path: '/' },
    { name: 'search', path: '/espaces' },
    { name: 'space page', path: `/espaces/${await someSpaceId(base)}` },
  ];
  const rows = [];
  for (const [i, page] of pages.entries()) {
    const out = path.join(work, `report-${i}.json`);
    const headers = options['signed-in'] ? { Cookie: await signInCookie(base) } : undefined;
    await lighthouse(`${base}${page.path}`, out, headers);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    const score = (id) => Math.round((report.categories[id]?.score ?? NaN) * 100);
    const metric = (id) => report.audits[id]?.numericValue;
    rows.push({
      page: page.name,
      url: page.path,
      finalUrl: new URL(report.finalDisplayedUrl ?? report.finalUrl).pathname,
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      fcpMs: Math.round(metric('first-contentful-paint')),
      lcpMs: Math.round(metric('largest-contentful-paint')),
      tbtMs: Math.round(metric('total-blocking-time')),
      cls: Number(metric('cumulative-layout-shift')?.toFixed(3)),
      warnings: report.runWarnings ?? [],
    });
  }
  if (options.json) {
    console.log(JSON.stringify(rows, null, 2));
  } else {
    console.log(
      `Lighthouse ${LIGHTHOUSE.split('@')[1]}, desktop preset, ${CHROME}${options['signed-in'] ? ', signed in' : ''}\n`,
    );
    console.log(
      `${'page'.padEnd(11)} ${'perf'.padStart(4)} ${'a11y'.padStart(4)} ${'b.p.'.padStart(4)}  ${'FCP ms'.padStart(6)} ${'LCP ms'.padStart(6)} ${'TBT ms'.padStart(6)} ${'CLS'.padStart(5)}  shown`,
    );
    for (const r of rows) {
      console.log(
        `${r.page.padEnd(11)} ${String(r.performance).padStart(4)} ${String(r.accessibility).padStart(4)} ${String(r.bestPractices).padStart(4)}  ${String(r.fcpMs).padStart(6)} ${String(r.lcpMs).padStart(6)} ${String(r.tbtMs).padStart(6)} ${String(r.cls).padStart(5)}  ${r.finalUrl}`,
      );
      for (const w of r.warnings) console.log(`  warning: ${w}`);
    }
  }
} finally {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  rmSync(work, { recursive: true, force: true });
}
