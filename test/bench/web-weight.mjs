// What each page of the web app costs to load: the gzip (zlib level 9) kB of JavaScript and CSS a browser
// fetches for a route, read from the build's manifest (apps/web/dist/.vite/manifest.json), and a check of
// the budgets below. A size check, not a timing: CI runs it after the build and fails on a route over.
//   npx nx run web:build && npm run bench:web-weight -w test [-- --json]
// A route loads: the entry (index.html's script) and its static imports, the first words of the starting
// language (French; loaded before anything renders), then the route's own chunk (src/app/routes/x.tsx,
// lazy in router.tsx) and its static imports, the rest of the words unless the route is marked
// `firstWordsOnly` (src/lib/i18n.ts), and the CSS of each. Routes marked `withLazyParts` also count
// what their chunk imports on demand (the search's map, the space's calendar), which they show at once.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** kB gzip of JS+CSS; the issue's targets. A route without a budget is printed, not checked. */
const BUDGETS = {
  home: 150,
  search: 300,
};

/** Route modules named for what they show; the other route modules go by their file name. */
const ROUTES = {
  'src/app/routes/home.tsx': { name: 'home', firstWordsOnly: true },
  'src/app/routes/spaces.tsx': { name: 'search', lazyParts: /map/i },
  'src/app/routes/space.tsx': { name: 'space page', lazyParts: /calendar|map/i },
  'src/app/routes/login.tsx': { name: 'login' },
  'src/app/routes/my-bookings.tsx': { name: 'my bookings' },
  'src/app/routes/reports.tsx': { name: 'reports' },
};

/** Loaded before anything renders (src/lib/i18n.ts): French, the first part of its words. */
const AT_START = ['virtual:words/fr/first'];
/** What every page but the home page waits for: the rest of the words, the API's error messages. */
const ALL_WORDS = ['src/lib/translations.ts', 'virtual:words/fr/later'];
/** What the staff's pages wait for besides (router.tsx's `words: 'staff'`). */
const STAFF_WORDS = ['virtual:words/fr/staff'];
/** What an organisation's needs pages wait for besides (router.tsx's `words: 'needs'`). */
const NEEDS_WORDS = ['virtual:words/fr/needs'];
const NEEDS_PAGES = /^src\/app\/routes\/needs\.tsx$/;
/** What the projects' pages wait for besides (router.tsx's `words: 'projects'`). */
const PROJECT_WORDS = ['virtual:words/fr/projects'];
const PROJECT_PAGES = /^src\/app\/routes\/projects\.tsx$/;
/** What an organisation's integrations page waits for besides (router.tsx's `words: 'integrations'`). */
const INTEGRATION_WORDS = ['virtual:words/fr/integrations'];
const INTEGRATION_PAGES = /^src\/app\/routes\/integrations\.tsx$/;
/** What the pages that get a person an account or back in wait for besides (router.tsx's `words: 'access'`). */
const ACCESS_WORDS = ['virtual:words/fr/access'];
const ACCESS_PAGES = /^src\/app\/routes\/(register|registered|invitation|forgot-password|new-password)\.tsx$/;
const STAFF_PAGES =
  /^src\/app\/routes\/(verifications|today|manage-[a-z-]+|my-region|admin-[a-z]+|reports|unmet-demand)\.tsx$/;

const { values: options } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    // Another build to weigh (an older commit's, built with `npx vite build --manifest`).
    dist: { type: 'string', default: path.join(root, 'apps/web/dist') },
  },
});
const dist = path.resolve(options.dist);
const manifestFile = path.join(dist, '.vite/manifest.json');

if (!existsSync(manifestFile)) {
  console.error(`${path.relative(root, manifestFile)} is missing: run \`npx nx run web:build\` first.`);
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));

const gzipped = new Map();
function gzipBytes(file) {
  if (!gzipped.has(file))
    gzipped.set(file, gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length);
  return gzipped.get(file);
}

/**
 * The files (JS, CSS) of a chunk and of what it imports statically; its dynamic imports too where their
 * source path matches `lazyParts`, with everything they import.
 * `seen`: chunks already counted (the shell's), whose files are in `files` and whose imports are not
 * followed again: the entry's dynamic imports are every route.
 */
function collect(key, files, { lazyParts, seen = new Set() } = {}) {
  if (seen.has(key)) return files;
  seen.add(key);
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the manifest`);
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) collect(imported, files, { lazyParts, seen });
  for (const imported of chunk.dynamicImports ?? []) {
    if (lazyParts?.test(imported)) collect(imported, files, { lazyParts: /./, seen });
  }
  return files;
}

function weigh(files) {
  let js = 0;
  let css = 0;
  for (const file of files) {
    if (file.endsWith('.css')) css += gzipBytes(file);
    else js += gzipBytes(file);
  }
  return { js: js / 1000, css: css / 1000, total: (js + css) / 1000 };
}

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const shellChunks = new Set();
const shell = collect(entry, new Set(), { seen: shellChunks });
// An older build, whose words came with the entry, has none of these: nothing to add then.
const present = (keys) => keys.filter((key) => manifest[key]);
for (const key of present(AT_START)) collect(key, shell, { seen: shellChunks });

const routeModules = Object.keys(manifest)
  .filter((key) => manifest[key].isDynamicEntry && /^src\/app\/routes\/[^/]+\.tsx$/.test(key))
  .sort((a, b) => (ROUTES[a] ? 0 : 1) - (ROUTES[b] ? 0 : 1) || a.localeCompare(b));

const rows = [{ route: 'shell (every route)', module: entry, ...weigh(shell) }];
for (const key of routeModules) {
  const described = ROUTES[key] ?? { name: path.basename(key, '.tsx') };
  const seen = new Set(shellChunks);
  const files = collect(key, new Set(shell), { lazyParts: described.lazyParts, seen });
  if (!described.firstWordsOnly) for (const words of present(ALL_WORDS)) collect(words, files, { seen });
  if (STAFF_PAGES.test(key)) for (const words of present(STAFF_WORDS)) collect(words, files, { seen });
  if (NEEDS_PAGES.test(key)) for (const words of present(NEEDS_WORDS)) collect(words, files, { seen });
  if (PROJECT_PAGES.test(key)) for (const words of present(PROJECT_WORDS)) collect(words, files, { seen });
  if (INTEGRATION_PAGES.test(key))
    for (const words of present(INTEGRATION_WORDS)) collect(words, files, { seen });
  if (ACCESS_PAGES.test(key)) for (const words of present(ACCESS_WORDS)) collect(words, files, { seen });
  rows.push({ route: described.name, module: key, ...weigh(files), budget: BUDGETS[described.name] });
}
const notes = [];
// Until the home page has its module, `/` loads the shell and redirects: the shell answers for it.
for (const [key, described] of Object.entries(ROUTES)) {
  if (!manifest[key] && BUDGETS[described.name] !== undefined) {
    rows.push({
      route: `${described.name} (shell only)`,
      module: key,
      ...weigh(shell),
      budget: BUDGETS[described.name],
    });
    notes.push(`${key} is not built: ${described.name} is measured as the shell alone.`);
  }
}
for (const row of rows) row.over = row.budget !== undefined && row.total > row.budget;

if (options.json) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const kB = (n) => n.toFixed(1).padStart(7);
  console.log(
    `Web weight: kB gzip (zlib level 9) of the JS and CSS each route loads (${dist.startsWith(root) ? path.relative(root, dist) : dist})\n`,
  );
  console.log(
    `${'route'.padEnd(26)} ${'JS'.padStart(7)} ${'CSS'.padStart(7)} ${'total'.padStart(7)}  budget`,
  );
  for (const row of rows) {
    const budget = row.budget === undefined ? '' : `${row.budget}${row.over ? '  OVER' : '  ok'}`;
    console.log(`${row.route.padEnd(26)} ${kB(row.js)} ${kB(row.css)} ${kB(row.total)}  ${budget}`);
  }
  if (notes.length > 0) console.log(`\n${notes.join('\n')}`);
}

const over = rows.filter((row) => row.over);
if (over.length > 0) {
  console.error(
    `\nOver budget: ${over.map((row) => `${row.route} ${row.total.toFixed(1)} kB > ${row.budget} kB`).join(', ')}`,
  );
  process.exit(1);
}
