#!/usr/bin/env node
// Writes the reference geography the API answers from (régions, départements, current communes of
// metropolitan and overseas France, with INSEE codes, postcodes and population) as one compact file.
//
//   node apps/api/scripts/geography.mjs
//
// The source is Etalab's `decoupage-administratif` (the State's official geography, a new edition each
// year). The package is 12 MB, mostly what the API never reads (EPCI, former communes), so it is fetched
// with `npm pack` into a temporary folder and never installed. Change SOURCE to take a new edition.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SOURCE = '@etalab/decoupage-administratif@6.0.0';
const OUTPUT = path.resolve(import.meta.dirname, '../src/geography/reference-geography.json');

const work = mkdtempSync(path.join(tmpdir(), 'geography-'));
try {
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', SOURCE, '--json', '--prefer-offline', '--pack-destination', work], {
      encoding: 'utf8',
    }),
  );
  const files = ['regions', 'departements', 'communes'].map((name) => `package/data/${name}.json`);
  execFileSync('tar', ['-xzf', path.join(work, filename), '-C', work, ...files]);
  const read = (name) => JSON.parse(readFileSync(path.join(work, `package/data/${name}.json`), 'utf8'));
  const inFrance = ({ zone }) => zone === 'metro' || zone === 'drom';
  const regions = read('regions')
    .filter(inFrance)
    .map(({ code, nom, zone }) => ({ code, nom, zone }));
  const departements = read('departements')
    .filter(inFrance)
    .map(({ code, nom, region, zone }) => ({ code, nom, region, zone }));
  // One row per commune rather than an object: the file is half the size.
  const communes = read('communes')
    .filter((c) => c.type === 'commune-actuelle' && inFrance(c))
    .map((c) => [c.code, c.nom, c.departement, c.region, c.codesPostaux ?? [], c.population ?? 0]);
  const rows = (list) => list.map((r) => '  ' + JSON.stringify(r)).join(',\n');
  // One entry a line, so that a new edition's diff shows the communes that changed.
  writeFileSync(
    OUTPUT,
    `{\n"source": ${JSON.stringify(SOURCE)},\n"communeColumns": ["code", "nom", "departement", "region", "codesPostaux", "population"],\n` +
      `"regions": [\n${rows(regions)}\n],\n"departements": [\n${rows(departements)}\n],\n"communes": [\n${rows(communes)}\n]\n}\n`,
  );
  console.log(
    `${path.relative(process.cwd(), OUTPUT)}: ${regions.length} régions, ${departements.length} départements, ` +
      `${communes.length} communes from ${SOURCE}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
