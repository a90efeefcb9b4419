/// <reference types="vitest/config" />
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { constants } from 'node:zlib';
import { defineConfig, runnerImport, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const contractsRoutes = here('../../libs/contracts/src/routes.ts');

/**
 * The browser calls a route by its method and path (`call(ROUTES.x, …)`); the route table's schemas are
 * the API's to check. Served whole, the table would bring every schema, zod and its OpenAPI extension
 * into the first chunk: the web gets it without them, and each form brings the schemas it validates with.
 */
function routeTableWithoutSchemas(): Plugin {
  const ROUTE_ENTRIES = 'virtual:route-table/entries';
  let source: Promise<string> | undefined;
  let routesIn: Promise<typeof import('../../libs/contracts/src/routes')> | undefined;
  const routesModule = () =>
    (routesIn ??= runnerImport<typeof import('../../libs/contracts/src/routes')>(contractsRoutes, {
      configFile: false,
      logLevel: 'silent',
    }).then((loaded) => loaded.module));
  async function lightTable(): Promise<string> {
    const routes = await routesModule();
    const known = ['ROUTES', 'API_BASE_PATH', 'fullPath', 'z'];
    const unknown = Object.keys(routes).filter((name) => !known.includes(name));
    if (unknown.length > 0) {
      throw new Error(
        `routes.ts exports ${unknown.join(', ')}: say in vite.config.ts what the web gets of it`,
      );
    }
    return [
      // A namespace of one module per route rather than one object: a chunk gets the routes its pages
      // call (`ROUTES.x`), and the first chunk only the few the shell calls, not the whole table.
      `export * as ROUTES from ${JSON.stringify(ROUTE_ENTRIES)};`,
      `export const API_BASE_PATH = ${JSON.stringify(routes.API_BASE_PATH)};`,
      `export function fullPath(r) { return r.absolute ? r.path : API_BASE_PATH + r.path; }`,
    ].join('\n');
  }
  /** The routes one by one, each its own export and module. */
  async function entries(): Promise<string> {
    const routes = await routesModule();
    return Object.keys(routes.ROUTES)
      .map((name) => `export { default as ${name} } from ${JSON.stringify(`${ROUTE_ENTRIES}/${name}`)};`)
      .join('\n');
  }
  /** One route without its schemas: its method and path. */
  async function entry(name: string): Promise<string> {
    const { ROUTES } = await routesModule();
    const r = ROUTES[name as keyof typeof ROUTES];
    const light = { method: r.method, path: r.path, ...('absolute' in r ? { absolute: r.absolute } : {}) };
    return `export default ${JSON.stringify(light)};`;
  }
  return {
    name: 'lieux:route-table-without-schemas',
    enforce: 'pre',
    resolveId(id) {
      return id === ROUTE_ENTRIES || id.startsWith(`${ROUTE_ENTRIES}/`) ? `\0${id}` : null;
    },
    load(id) {
      if (id.startsWith(`\0${ROUTE_ENTRIES}/`)) return entry(id.slice(ROUTE_ENTRIES.length + 2));
      if (id === `\0${ROUTE_ENTRIES}`) return entries();
      if (id !== contractsRoutes) return null;
      source ??= lightTable();
      return source;
    },
  };
}

/**
 * The words the first page needs (src/lib/i18n.ts): the shell's (layout, guards, error page) and the home
 * page's. Every other page waits for the rest of its language before it renders. A listed key a locale
 * file does not have yet is skipped.
 */
const FIRST_WORDS = ['app', 'banner', 'common', 'errors', 'forbidden', 'home', 'nav', 'notFound'];

/**
 * The words of the staff's pages only (site managers, delegates, admins: router.tsx's `words: 'staff'`),
 * fetched by those pages on top of the rest: an organisation's pages never wait for them.
 */
const STAFF_WORDS = [
  'accounts',
  // The door page and the check-in page its QR code opens (router.tsx): a member's page that takes them too.
  'checkIn',
  'adminAccounts',
  'adminQuotas',
  'audit',
  'manage',
  'needsNearby',
  'quotas',
  'region',
  'reports',
  'requests',
  'siteManage',
  'today',
  'unmetDemand',
  'upcoming',
  'verifications',
  'work',
];

/**
 * The words of the projects' pages only (router.tsx's `words: 'projects'`, issue 15), fetched by those
 * pages and the report dialog on top of the rest: the other pages never wait for them.
 */
const PROJECT_WORDS = ['projects'];

/**
 * The words of an organisation's needs pages only (router.tsx's `words: 'needs'`): the search and the
 * other pages never wait for them.
 */
const NEEDS_WORDS = ['needs'];

/**
 * The words of an organisation's integrations page only (its webhooks: router.tsx's `words: 'integrations'`),
 * fetched by that page on top of the rest: the search and the other pages never wait for them.
 */
const INTEGRATION_WORDS = ['webhooks'];

/**
 * The words of the pages that get a person an account or back in (router.tsx's `words: 'access'`): sign-up,
 * invitation, forgotten and new password. Seldom visited: the search never waits for them.
 */
const ACCESS_WORDS = ['register', 'registered', 'invitation', 'forgotPassword', 'passwordForm'];

/** The error words a first page may show (a failed load, a lost network); the others come later. */
const FIRST_ERRORS = [
  'UNKNOWN',
  'NETWORK_ERROR',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'TOO_MANY_REQUESTS',
];

/** The part of one error's words: the first part has only the few a first page may show. */
function errorsOf(errors: Record<string, unknown>, part: string): Record<string, unknown> {
  const entries = Object.entries(errors).filter(
    ([code]) => FIRST_ERRORS.includes(code) === (part === 'first'),
  );
  return Object.fromEntries(entries);
}

const wordsPart = (key: string) =>
  FIRST_WORDS.includes(key)
    ? 'first'
    : STAFF_WORDS.includes(key)
      ? 'staff'
      : PROJECT_WORDS.includes(key)
        ? 'projects'
        : NEEDS_WORDS.includes(key)
          ? 'needs'
          : INTEGRATION_WORDS.includes(key)
            ? 'integrations'
            : ACCESS_WORDS.includes(key)
              ? 'access'
              : 'later';

/**
 * `virtual:words/<fr|en>/<first|later|staff|projects|needs|integrations|access>`: one locale file in parts, so the first page fetches only
 * the first part of one language, and the staff's words only come with the staff's pages. The locale files
 * stay whole, one per language, for the translators.
 */
function wordsInTwoParts(): Plugin {
  const prefix = 'virtual:words/';
  return {
    name: 'lieux:words-in-two-parts',
    resolveId(id) {
      return id.startsWith(prefix) ? `\0${id}` : null;
    },
    async load(id) {
      const match = /^\0virtual:words\/(fr|en)\/(first|later|staff|projects|needs|integrations|access)$/.exec(
        id,
      );
      if (!match) return null;
      const [, lang, part] = match;
      const file = here(`src/locales/${lang}.json`);
      this.addWatchFile(file);
      const words = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      const chosen = Object.entries(words)
        .filter(([key]) => wordsPart(key) === part || (key === 'errors' && part === 'later'))
        .map(([key, value]) =>
          key === 'errors' ? [key, errorsOf(value as Record<string, unknown>, part)] : [key, value],
        );
      return `export default ${JSON.stringify(Object.fromEntries(chosen))};`;
    },
  };
}

export default defineConfig({
  root: here('.'),
  plugins: [
    routeTableWithoutSchemas(),
    wordsInTwoParts(),
    react(),
    // Brotli and gzip files beside each asset, at their strongest once at build time rather than at
    // every request: the API sends them as they are (@fastify/static's `preCompressed`).
    compression({
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
      exclude: [/\.map$/],
    }),
  ],
  resolve: {
    alias: {
      '@lieux/contracts': here('../../libs/contracts/src/index.ts'),
      '@lieux/scheduling': here('../../libs/scheduling/src/index.ts'),
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    sourcemap: true,
    // test/bench/web-weight.mjs reads which files each route loads from it.
    manifest: true,
    rolldownOptions: {
      output: {
        advancedChunks: {
          // A group holds its packages only, not what they import (React stays in the first chunk).
          includeDependenciesRecursively: false,
          groups: [
            // Each in one chunk rather than one per part some pages share: every map uses Leaflet and
            // most of its React bindings, and every form the form library and its zod resolver. (The
            // bindings with Leaflet itself: a chunk of them alone and Leaflet's would import each other.)
            // Its style sheet stays with the map's own.
            {
              name: 'leaflet',
              test: /node_modules[\\/](leaflet|@react-leaflet|react-leaflet)[\\/].*\.[cm]?js$/,
            },
            { name: 'forms', test: /node_modules[\\/](react-hook-form|@hookform[\\/]resolvers)[\\/]/ },
          ],
        },
      },
      treeshake: {
        // The shared libraries' modules only declare (schemas, tables, functions): what a chunk does not
        // use of them stays out of it. zod's set-up in contracts' common.ts is the one effect to keep.
        // Everything else keeps what its package says (zod's locales are side-effect free).
        moduleSideEffects: (id) =>
          /\/libs\/(contracts|scheduling)\/src\//.test(id)
            ? id.endsWith('/libs/contracts/src/common.ts')
            : undefined,
      },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.spec.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    // One module graph per worker rather than per file: a fresh one (happy-dom, React and every word of
    // both languages loaded again by the setup) cost each file about a second and the run ten times its
    // tests' time. The setup cleans up after each test, and the tests undo their own stubs and timers.
    isolate: false,
  },
});
