import Supercluster from 'supercluster';
import type { Space } from '@lieux/contracts';

/** A site on the map, with the spaces of the results it holds (they share its point). */
export interface MapSite {
  id: string;
  name: string;
  commune: string;
  latitude: number;
  longitude: number;
  spaces: Space[];
}

/** The results grouped by site, in the order of the list. */
export function sitesOf(spaces: Space[]): MapSite[] {
  const sites = new Map<string, MapSite>();
  for (const space of spaces) {
    const { site } = space;
    const entry = sites.get(site.id);
    if (entry) entry.spaces.push(space);
    else
      sites.set(site.id, {
        id: site.id,
        name: site.name,
        commune: site.commune,
        latitude: site.latitude,
        longitude: site.longitude,
        spaces: [space],
      });
  }
  return [...sites.values()];
}

/**
 * `west,south,east,north` of what the map shows, rounded to 4 decimals (about 10 m: a query key and an
 * address that do not change for a pixel's move) and kept on Earth (a world view spans more than 360°).
 */
export function bboxOf(west: number, south: number, east: number, north: number): string {
  const clamp = (v: number, limit: number) => Math.min(limit, Math.max(-limit, v));
  const round = (v: number) => String(Math.round(v * 1e4) / 1e4);
  return [clamp(west, 180), clamp(south, 90), clamp(east, 180), clamp(north, 90)].map(round).join(',');
}

export type MapPoint =
  | { type: 'site'; site: MapSite; latitude: number; longitude: number }
  | { type: 'cluster'; id: number; count: number; siteIds: string[]; latitude: number; longitude: number };

/** Markers closer than this many pixels merge into one cluster. */
const CLUSTER_RADIUS_PX = 60;
/** From this zoom (a commune's) on, every site has its own marker. */
export const SEPARATE_ZOOM = 12;

/**
 * The markers to draw: sites close together at the map's zoom merge into a cluster that counts their
 * spaces. Built once per result set; `at` answers for a view.
 */
export function clusterIndex(sites: MapSite[]) {
  const index = new Supercluster<{ siteId: string; spaces: number }, { spaces: number }>({
    radius: CLUSTER_RADIUS_PX,
    // Leaflet's tiles are 256 px: measured on them, the radius is in the map's own pixels.
    extent: 256,
    maxZoom: SEPARATE_ZOOM - 1,
    map: (p) => ({ spaces: p.spaces }),
    reduce: (acc, p) => {
      acc.spaces += p.spaces;
    },
  });
  const byId = new Map(sites.map((s) => [s.id, s]));
  index.load(
    sites.map((s) => ({
      type: 'Feature',
      properties: { siteId: s.id, spaces: s.spaces.length },
      geometry: { type: 'Point', coordinates: [s.longitude, s.latitude] },
    })),
  );
  return {
    expansionZoom: (clusterId: number) => index.getClusterExpansionZoom(clusterId),
    at(bbox: [number, number, number, number], zoom: number): MapPoint[] {
      return index.getClusters(bbox, Math.round(zoom)).map((f): MapPoint => {
        const [longitude, latitude] = f.geometry.coordinates;
        const p = f.properties;
        if ('cluster' in p && p.cluster) {
          const siteIds = index.getLeaves(p.cluster_id, Infinity).map((l) => l.properties.siteId);
          return { type: 'cluster', id: p.cluster_id, count: p.spaces, siteIds, latitude, longitude };
        }
        return { type: 'site', site: byId.get((p as { siteId: string }).siteId)!, latitude, longitude };
      });
    },
  };
}

/** Calls `fn` once calls have stopped for `ms`: a map being dragged searches once, where it stops. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const debounced = (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}
