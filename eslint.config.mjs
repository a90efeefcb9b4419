import nx from '@nx/eslint-plugin';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import { readdirSync } from 'node:fs';

// Module boundaries (ARCHITECTURE.md): an API module calls another's service, never its repository, and
// its SQL lives in its `*.repository.ts`; a web feature imports no other feature.

/**
 * Where SQL may be written besides repositories: the database layer (connections, migrations, prepared
 * statements) and the demo seed, which fills every module's tables.
 */
const API_SQL_PLACES = ['apps/api/src/database/**', 'apps/api/src/demo/**'];

/**
 * The files allowed another module's repository. The booking path reads the space (with its site) in the
 * same statement as the booker's facts, one round trip on the hot path (PERFORMANCE.md), so it takes the
 * sites module's SELECT_SPACE fragment and row mapper rather than a second query through SpacesService;
 * matching a need selects its candidate spaces in one query the same way.
 */
const API_CROSS_MODULE_READS = [
  'apps/api/src/bookings/bookings.repository.ts',
  // Matching's one candidate query reads the catalogue's columns, as the booking path's creation read does.
  'apps/api/src/needs/needs.repository.ts',
];

const SQL_START = '^\\s*(SELECT|INSERT|UPDATE|DELETE|WITH|TRUNCATE|ANALYZE)\\s';
const SQL_HERE =
  'SQL belongs in a *.repository.ts of the module that owns the table (only database/ and demo/ are excepted).';

const WEB_FEATURES = readdirSync(new URL('./apps/web/src/features', import.meta.url));
const WEB_SHARED =
  'What features share goes in src/components (components), src/api (API calls, cache keys) or src/styles.';

export default tseslint.config(
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      'data',
      '.nx',
      'test/e2e/results',
      'test/e2e/report',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { plugins: { '@nx': nx } },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The web app never imports the API, libs never import apps, and shared libs stay framework-free.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
            { sourceTag: 'scope:test', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/**/*.tsx', 'apps/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-syntax': [
        'error',
        {
          // Pages load on demand: a form's chunk may be the first to use zod, which src/lib/zod.ts sets up
          // (French messages, no eval under the Content-Security-Policy).
          selector: "ImportDeclaration[source.value=/^zod(\\/|$)/][importKind='value']",
          message: 'Take `z` from src/lib/zod.ts, which sets zod up for the browser.',
        },
        {
          // The browser's own bubbles speak the browser's language, one field at a time, and vanish: a
          // form says what is wrong in the app's French, under each field (src/components/field.tsx).
          selector:
            "JSXOpeningElement[name.name='form']:not(:has(JSXAttribute[name.name='noValidate'])), JSXOpeningElement[name.name='form'] JSXAttribute[name.name='noValidate'] > JSXExpressionContainer",
          message: "A <form> is `noValidate`: its errors are the app's, shown with each field.",
        },
      ],
    },
  },
  {
    files: ['apps/api/src/**/*.ts'],
    ignores: ['**/*.spec.ts', ...API_CROSS_MODULE_READS],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+[^./][^/]*/[^/]+\\.repository$',
              message:
                'Another module’s repository: call its service instead (exported from its Nest module).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/api/src/**/*.ts'],
    ignores: ['**/*.spec.ts', 'apps/api/src/**/*.repository.ts', ...API_SQL_PLACES],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='query']", message: SQL_HERE },
        { selector: `TemplateElement[value.raw=/${SQL_START}/]`, message: SQL_HERE },
        { selector: `Literal[value=/${SQL_START}/]`, message: SQL_HERE },
      ],
    },
  },
  ...WEB_FEATURES.map((feature) => ({
    files: [`apps/web/src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(features/)?(${WEB_FEATURES.filter((f) => f !== feature).join('|')})/`,
              message: `Another feature: ${WEB_SHARED}`,
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['apps/web/src/{api,components,hooks,lib}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(\\.\\./)+features/', message: `Shared code imports no feature. ${WEB_SHARED}` },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', 'test/**/*.ts'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
      },
    },
  },
  {
    // Tool configs import the shared preset by path, and tests read untyped JSON answers.
    files: ['**/jest.config.js', '**/*.config.ts', '**/*.config.mjs', 'jest.preset.js'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/test/**/*.ts', '**/*.spec.ts', '**/*.spec.tsx', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  prettier,
);
