import { EQUIPMENT, SPACE_KINDS, type Equipment, type SpaceKind } from '@lieux/contracts';
import { fromWallClock } from '../../../lib/wall-clock';

/** The zone of the search's date and times (every site of the network is in mainland France for now). */
export const SEARCH_TIME_ZONE = 'Europe/Paris';

/** What a person searches for, as kept in the page's address (`/espaces?commune=…&capacite=8`). */
export interface SearchFilters {
  q: string;
  minCapacity: string;
  kind: SpaceKind | '';
  /** m², a whole number. */
  minArea: string;
  equipment: Equipment[];
  stepFree: boolean;
  /** Euros an hour at most, a whole number: `0` keeps the free spaces only. */
  maxPrice: string;
  date: string;
  start: string;
  end: string;
  /** `latitude,longitude` of "Près de moi". */
  near: string;
  /** `west,south,east,north`: the area the map showed when it was moved. */
  bbox: string;
}

export const EMPTY_FILTERS: SearchFilters = {
  q: '',
  minCapacity: '',
  kind: '',
  minArea: '',
  equipment: [],
  stepFree: false,
  maxPrice: '',
  date: '',
  start: '',
  end: '',
  near: '',
  bbox: '',
};

const KEYS = {
  q: 'commune',
  minCapacity: 'capacite',
  kind: 'type',
  minArea: 'surface',
  equipment: 'equipement',
  stepFree: 'plain-pied',
  maxPrice: 'prix-max',
  date: 'date',
  start: 'debut',
  end: 'fin',
  near: 'pres',
  bbox: 'zone',
} as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const POINT = /^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/;
const WHOLE = /^\d{1,4}$/;

/** Parses `west,south,east,north`, or null when it is no area on Earth. */
export function parseBbox(value: string): [number, number, number, number] | null {
  const parts = value.split(',');
  if (parts.length !== 4 || !parts.every((p) => /^-?\d{1,3}(\.\d+)?$/.test(p))) return null;
  const [west, south, east, north] = parts.map(Number);
  const lonOk = (x: number) => x >= -180 && x <= 180;
  const latOk = (y: number) => y >= -90 && y <= 90;
  if (!lonOk(west) || !lonOk(east) || !latOk(south) || !latOk(north)) return null;
  if (west >= east || south >= north) return null;
  return [west, south, east, north];
}

/** Reads the filters from the address, dropping whatever is malformed. */
export function filtersFromParams(params: URLSearchParams): SearchFilters {
  const get = (k: string) => params.get(k)?.trim() ?? '';
  const kind = get(KEYS.kind);
  const capacity = get(KEYS.minCapacity);
  const area = get(KEYS.minArea);
  const price = get(KEYS.maxPrice);
  const date = get(KEYS.date);
  const start = get(KEYS.start);
  const end = get(KEYS.end);
  const near = get(KEYS.near);
  const bbox = get(KEYS.bbox);
  return {
    q: get(KEYS.q).slice(0, 80),
    minCapacity: WHOLE.test(capacity) && Number(capacity) > 0 ? capacity : '',
    kind: (SPACE_KINDS as readonly string[]).includes(kind) ? (kind as SpaceKind) : '',
    minArea: WHOLE.test(area) && Number(area) > 0 ? area : '',
    equipment: EQUIPMENT.filter((e) => params.getAll(KEYS.equipment).includes(e)),
    stepFree: params.get(KEYS.stepFree) === 'oui',
    maxPrice: WHOLE.test(price) ? String(Number(price)) : '',
    date: DATE.test(date) ? date : '',
    start: TIME.test(start) ? start : '',
    end: TIME.test(end) ? end : '',
    near: POINT.test(near) ? near : '',
    bbox: parseBbox(bbox) ? bbox : '',
  };
}

/** The address's query string of the filters (empty ones left out). */
export function paramsFromFilters(f: SearchFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.q.trim()) params.set(KEYS.q, f.q.trim());
  if (f.minCapacity) params.set(KEYS.minCapacity, f.minCapacity);
  if (f.kind) params.set(KEYS.kind, f.kind);
  if (f.minArea) params.set(KEYS.minArea, f.minArea);
  for (const e of f.equipment) params.append(KEYS.equipment, e);
  if (f.stepFree) params.set(KEYS.stepFree, 'oui');
  if (f.maxPrice) params.set(KEYS.maxPrice, f.maxPrice);
  if (f.date) params.set(KEYS.date, f.date);
  if (f.start) params.set(KEYS.start, f.start);
  if (f.end) params.set(KEYS.end, f.end);
  if (f.near) params.set(KEYS.near, f.near);
  if (f.bbox) params.set(KEYS.bbox, f.bbox);
  return params;
}

/** The search radius around "Près de moi", in kilometres. */
export const NEAR_RADIUS_KM = 50;

export interface SpaceSearchParams {
  q?: string;
  minCapacity?: number;
  kind?: SpaceKind;
  minArea?: number;
  equipment?: Equipment[];
  stepFree?: 'true';
  maxHourlyRateCents?: number;
  near?: string;
  radiusKm?: number;
  bbox?: string;
  from?: string;
  to?: string;
}

/** The API's query of the filters: the date and times become a window in Europe/Paris. */
export function searchQueryOf(f: SearchFilters): SpaceSearchParams {
  const query: SpaceSearchParams = {};
  if (f.q.trim().length >= 2) query.q = f.q.trim();
  if (f.minCapacity) query.minCapacity = Number(f.minCapacity);
  if (f.kind) query.kind = f.kind;
  if (f.minArea) query.minArea = Number(f.minArea);
  if (f.equipment.length > 0) query.equipment = f.equipment;
  if (f.stepFree) query.stepFree = 'true';
  if (f.maxPrice) query.maxHourlyRateCents = Number(f.maxPrice) * 100;
  if (f.near) {
    query.near = f.near;
    query.radiusKm = NEAR_RADIUS_KM;
  }
  if (f.bbox) query.bbox = f.bbox;
  if (f.date && f.start && f.end && f.start < f.end) {
    query.from = fromWallClock(f.date, f.start, SEARCH_TIME_ZONE);
    query.to = fromWallClock(f.date, f.end, SEARCH_TIME_ZONE);
  }
  return query;
}

/**
 * The filters once the map has been moved to `bbox`: the area becomes the place searched, so the commune
 * typed and the "near me" point give way to it (they would otherwise keep the list on the old place).
 */
export function withMapArea(f: SearchFilters, bbox: string): SearchFilters {
  return { ...f, q: '', near: '', bbox };
}
