import { useEffect, useState } from 'react';
import { GeoJSON, TileLayer } from 'react-leaflet';
import type { FeatureCollection } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import 'leaflet/dist/leaflet.css';
import '../../styles/map.css';
// Régions and départements (Natural Earth, made by apps/web/scripts/boundaries.mjs), fetched as a cached
// asset rather than bundled in the script: the map draws its markers before the outlines arrive.
import boundariesUrl from './boundaries/france.topo.json?url';

/** Metropolitan France, for a first view with nothing searched yet. */
export const FRANCE_BOUNDS: [[number, number], [number, number]] = [
  [41.3, -5.2],
  [51.1, 9.6],
];

interface Outlines {
  regions: FeatureCollection;
  departements: FeatureCollection;
}

type Objects = { regions: GeometryCollection; departements: GeometryCollection };

let outlines: Promise<Outlines> | undefined;

function loadOutlines(): Promise<Outlines> {
  outlines ??= fetch(boundariesUrl)
    .then((r) => {
      if (!r.ok) throw new Error(`${boundariesUrl}: ${r.status}`);
      return r.json() as Promise<Topology<Objects>>;
    })
    .then((topology) => ({
      regions: feature(topology, topology.objects.regions),
      departements: feature(topology, topology.objects.departements),
    }))
    .catch((error: unknown) => {
      // A failed fetch is retried by the next map rather than remembered.
      outlines = undefined;
      throw error;
    });
  return outlines;
}

/** The outlines' colours are map.css's (`.map-departement`, `.map-region`): they follow the colour scheme. */
const DEPARTEMENT_STYLE = { className: 'map-departement', weight: 0.6, fillOpacity: 1 };
const REGION_STYLE = { className: 'map-region', weight: 1.2, fill: false };

/** The tile template to draw, if the deployment's style is one (a vector style is not drawn). */
export function tileTemplateOf(url: string | null | undefined): string | null {
  return url && ['{z}', '{x}', '{y}'].every((p) => url.includes(p)) ? url : null;
}

/** The tile layer's credit: the host serving the tiles, as nothing else is known of them. */
export function attributionOf(url: string): string {
  try {
    return new URL(url.replace(/\{s\}\./, '').replace(/\{[a-z]\}/g, '0')).hostname;
  } catch {
    return '';
  }
}

/**
 * The map's background: the deployment's raster tiles when it has configured some (`mapStyleUrl` with
 * `{z}/{x}/{y}`), else France's régions and départements drawn from the bundled outlines, with no server
 * at all. Neither reacts to the pointer: only markers do.
 */
export function FranceBase({ tileUrl }: { tileUrl?: string | null }) {
  const [data, setData] = useState<Outlines | null>(null);
  const tiles = tileTemplateOf(tileUrl);

  useEffect(() => {
    if (tiles) return;
    let live = true;
    loadOutlines().then(
      (o) => live && setData(o),
      () => undefined, // Without outlines the markers still stand on the sea-coloured background.
    );
    return () => {
      live = false;
    };
  }, [tiles]);

  if (tiles) return <TileLayer url={tiles} attribution={attributionOf(tiles)} maxZoom={19} />;
  if (!data) return null;
  return (
    <>
      <GeoJSON
        data={data.departements}
        style={DEPARTEMENT_STYLE}
        interactive={false}
        attribution="Natural Earth"
      />
      <GeoJSON data={data.regions} style={REGION_STYLE} interactive={false} />
    </>
  );
}
