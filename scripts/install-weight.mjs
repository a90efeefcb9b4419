#!/usr/bin/env node
// What each direct dependency weighs on disk after `npm ci`: the packages that would leave node_modules
// if it were removed (its exclusive weight), measured with `du` so that the blocks of many small files
// count. Shared packages count for nobody: `--drop ws:name …` weighs several removals together.
//
//   node scripts/install-weight.mjs                       every workspace's dependencies, heaviest first
//   node scripts/install-weight.mjs --drop apps/web:x .:y  what removing x (apps/web) and y (root) frees
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')).packages;
const installed = Object.keys(lock).filter(
  (p) => p.includes('node_modules/') && !lock[p].link && existsSync(p),
);
const bytes = {};
for (let i = 0; i < installed.length; i += 200) {
  const out = execFileSync('du', ['-s', '-B1', '--exclude=node_modules', ...installed.slice(i, i + 200)]);
  for (const line of out.toString().trim().split('\n')) {
    const [size, p] = line.split('\t');
    bytes[p] = Number(size);
  }
}

/** Node's lookup: the nearest node_modules/<name> up from the requiring package. */
function resolve(from, name) {
  for (let dir = from; ;) {
    const at = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (lock[at]) return lock[at].link ? lock[at].resolved : at;
    if (!dir) return null;
    const up = dir.lastIndexOf('/node_modules/');
    dir = up >= 0 ? dir.slice(0, up) : '';
  }
}

/** What npm installs for a package: dependencies, optional ones, and peers unless optional. */
function edges(p) {
  const e = lock[p];
  const peers = Object.keys(e.peerDependencies ?? {}).filter((n) => !e.peerDependenciesMeta?.[n]?.optional);
  const own = p.includes('node_modules/') ? [] : Object.keys(e.devDependencies ?? {});
  return [
    ...Object.keys(e.dependencies ?? {}),
    ...Object.keys(e.optionalDependencies ?? {}),
    ...peers,
    ...own,
  ];
}

const workspaces = Object.keys(lock).filter((p) => !p.includes('node_modules/'));
function reachable(skip = () => false) {
  const seen = new Set();
  const todo = [...workspaces];
  while (todo.length) {
    const p = todo.pop();
    if (seen.has(p)) continue;
    seen.add(p);
    for (const n of edges(p)) {
      const r = skip(p, n) ? null : resolve(p, n);
      if (r && lock[r]) todo.push(r);
    }
  }
  return seen;
}
const all = reachable();
const mib = (n) => (n / 1048576).toFixed(1);
function freed(drops) {
  const rest = reachable((p, n) => drops.some(([w, d]) => w === p && d === n));
  const gone = [...all].filter((p) => !rest.has(p));
  return { size: gone.reduce((s, p) => s + (bytes[p] ?? 0), 0), gone };
}
const parse = (arg) => {
  const i = arg.lastIndexOf(':');
  const w = arg.slice(0, i);
  return [w === '.' ? '' : w, arg.slice(i + 1)];
};

const dropAt = process.argv.indexOf('--drop');
if (dropAt > 0) {
  const { size, gone } = freed(process.argv.slice(dropAt + 1).map(parse));
  console.log(
    `${mib(size)} MiB, ${gone.length} packages: ${gone.map((p) => p.replace(/^.*node_modules\//, '')).join(' ')}`,
  );
} else {
  const total = [...all].reduce((s, p) => s + (bytes[p] ?? 0), 0);
  console.log(`every node_modules of the tree: ${mib(total)} MiB\n`);
  console.log(
    '| workspace | kind | dependency | version | exclusive MiB | packages |\n| --- | --- | --- | --- | --: | --: |',
  );
  const rows = [];
  for (const w of workspaces)
    for (const [kind, deps] of [
      ['dep', lock[w].dependencies ?? {}],
      ['dev', lock[w].devDependencies ?? {}],
    ])
      for (const n of Object.keys(deps).filter((n) => !n.startsWith('@lieux/'))) {
        const { size, gone } = freed([[w, n]]);
        rows.push({ w: w || '(root)', kind, n, v: lock[resolve(w, n)]?.version, size, count: gone.length });
      }
  for (const r of rows.sort((a, b) => b.size - a.size))
    console.log(`| ${r.w} | ${r.kind} | ${r.n} | ${r.v} | ${mib(r.size)} | ${r.count} |`);
}
