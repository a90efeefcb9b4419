#!/usr/bin/env node
// The production dependencies of the shipped projects, at the versions the lock file installs.
// `npm audit` cannot reach an advisory service from our machines, so SECURITY.md keeps this inventory
// for whoever checks advisories elsewhere; `--check` fails when SECURITY.md no longer matches the lock.
//
//   node scripts/dependency-inventory.mjs            print the table
//   node scripts/dependency-inventory.mjs --write    rewrite it in SECURITY.md
//   node scripts/dependency-inventory.mjs --check    exit 1 when SECURITY.md is stale
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import prettier from 'prettier';

const root = path.resolve(import.meta.dirname, '..');
const SHIPPED = ['apps/api', 'apps/web', 'libs/contracts', 'libs/scheduling'];
const BEGIN = '<!-- dependency-inventory:begin -->';
const END = '<!-- dependency-inventory:end -->';

const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));

/** Where npm resolves `name` for a workspace: its own node_modules first, then the root's. */
function installed(workspace, name) {
  const entry = lock.packages[`${workspace}/node_modules/${name}`] ?? lock.packages[`node_modules/${name}`];
  return entry?.version;
}

const rows = new Map();
for (const workspace of SHIPPED) {
  const manifest = JSON.parse(readFileSync(path.join(root, workspace, 'package.json'), 'utf8'));
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    if (name.startsWith('@lieux/')) continue;
    const version = installed(workspace, name);
    if (!version) throw new Error(`${name} (${workspace}) is not in package-lock.json: run npm install`);
    const key = `${name}@${version}`;
    const row = rows.get(key) ?? { name, version, users: [] };
    row.users.push(workspace);
    rows.set(key, row);
  }
}

const table = [
  '| package | version | used by |',
  '| --- | --- | --- |',
  ...[...rows.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((r) => `| \`${r.name}\` | ${r.version} | ${r.users.join(', ')} |`),
].join('\n');

const securityFile = path.join(root, 'SECURITY.md');
const mode = process.argv[2];
if (!mode) {
  console.log(table);
} else {
  const text = readFileSync(securityFile, 'utf8');
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`SECURITY.md lacks the ${BEGIN} … ${END} markers`);
  // Formatted as `prettier --check` wants it, so that the check and the formatter agree.
  const updated = await prettier.format(
    `${text.slice(0, start + BEGIN.length)}\n${table}\n${text.slice(end)}`,
    {
      ...(await prettier.resolveConfig(securityFile)),
      filepath: securityFile,
    },
  );
  if (mode === '--write') {
    writeFileSync(securityFile, updated);
  } else if (mode === '--check') {
    if (updated !== text) {
      console.error(
        'SECURITY.md: the dependency inventory differs from package-lock.json; run `node scripts/dependency-inventory.mjs --write`.',
      );
      process.exit(1);
    }
    console.log(`SECURITY.md: dependency inventory current (${rows.size} packages).`);
  } else {
    throw new Error(`unknown option ${mode}`);
  }
}
