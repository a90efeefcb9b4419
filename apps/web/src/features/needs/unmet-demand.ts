import type { UnmetDemandRow } from '@lieux/contracts';

/** One place of the unmet-demand map: every kind and band of area wanted there, together. */
export interface DemandPlace {
  code: string;
  name: string;
  latitude: number;
  longitude: number;
  needs: number;
  hoursWanted: number;
}

/** The report's rows (place × kind × area band) summed by place, most needs first. */
export function placesOf(rows: readonly UnmetDemandRow[]): DemandPlace[] {
  const byCode = new Map<string, DemandPlace>();
  for (const r of rows) {
    const place = byCode.get(r.code);
    if (place) {
      place.needs += r.needs;
      place.hoursWanted += r.hoursWanted;
    } else {
      byCode.set(r.code, {
        code: r.code,
        name: r.name,
        latitude: r.latitude,
        longitude: r.longitude,
        needs: r.needs,
        hoursWanted: r.hoursWanted,
      });
    }
  }
  return [...byCode.values()].sort((a, b) => b.needs - a.needs || a.name.localeCompare(b.name, 'fr'));
}

/** A marker's radius in pixels: its area grows with the number of needs, from 6 px for one. */
export function radiusOf(needs: number, most: number): number {
  if (most <= 0) return 6;
  return Math.round(6 + 18 * Math.sqrt(Math.max(0, needs - 1) / Math.max(1, most - 1)));
}

/** The table's order: place (most needs first), then kind, then area band as listed. */
export function tableRows(rows: readonly UnmetDemandRow[]): UnmetDemandRow[] {
  const rank = new Map(placesOf(rows).map((p, i) => [p.code, i]));
  return [...rows].sort(
    (a, b) =>
      rank.get(a.code)! - rank.get(b.code)! ||
      b.needs - a.needs ||
      (a.kind ?? '').localeCompare(b.kind ?? ''),
  );
}

/** Grouped by département at a national or regional view; by commune once the map is this close. */
export const COMMUNE_ZOOM = 8;
