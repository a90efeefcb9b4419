import { EQUIPMENT, SPACE_KINDS, type Equipment, type SpaceKind } from '@lieux/contracts';
import { fromWallClock } from '../../../lib/wall-clock';

/** The zone of the search's date and times (every site of the network is in mainland France for now). */
export const SEARCH_TIME_ZONE = 'Europe/Paris';

/** What a person searches for, as kept in the page's address (`/espaces?commune=…&capacite=8`). */
export interface SearchFilters {
  q: string;
  minCapacity: string;
  kind: SpaceKind | '';
  equipment: Equipment[];
  stepFree: boolean;
  date: string;
  start: string;
  end: string;
  /** `latitude,longitude` of "Près de moi". */
  near: string;
}

export const EMPTY_FILTERS: SearchFilters = {
  q: '',
  minCapacity: '',
  kind: '',
  equipment: [],
  stepFree: false,
  date: '',
  start: '',
  end: '',
  near: '',
};

const KEYS = {
  q: 'commune',
  minCapacity: 'capacite',
  kind: 'type',
  equipment: 'equipement',
  stepFree: 'plain-pied',
  date: 'date',
  start: 'debut',
  end: 'fin',
  near: 'pres',
} as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const POINT = /^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/;

/** Reads the filters from the address, dropping whatever is malformed. */
export function filtersFromParams(params: URLSearchParams): SearchFilters {
  const get = (k: string) => params.get(k)?.trim() ?? '';
  const kind = get(KEYS.kind);
  const capacity = get(KEYS.minCapacity);
  const date = get(KEYS.date);
  const start = get(KEYS.start);
  const end = get(KEYS.end);
  const near = get(KEYS.near);
  return {
    q: get(KEYS.q).slice(0, 80),
    minCapacity: /^\d{1,4}$/.test(capacity) && Number(capacity) > 0 ? capacity : '',
    kind: (SPACE_KINDS as readonly string[]).includes(kind) ? (kind as SpaceKind) : '',
    equipment: EQUIPMENT.filter((e) => params.getAll(KEYS.equipment).includes(e)),
    stepFree: params.get(KEYS.stepFree) === 'oui',
    date: DATE.test(date) ? date : '',
    start: TIME.test(start) ? start : '',
    end: TIME.test(end) ? end : '',
    near: POINT.test(near) ? near : '',
  };
}

/** The address's query string of the filters (empty ones left out). */
export function paramsFromFilters(f: SearchFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.q.trim()) params.set(KEYS.q, f.q.trim());
  if (f.minCapacity) params.set(KEYS.minCapacity, f.minCapacity);
  if (f.kind) params.set(KEYS.kind, f.kind);
  for (const e of f.equipment) params.append(KEYS.equipment, e);
  if (f.stepFree) params.set(KEYS.stepFree, 'oui');
  if (f.date) params.set(KEYS.date, f.date);
  if (f.start) params.set(KEYS.start, f.start);
  if (f.end) params.set(KEYS.end, f.end);
  if (f.near) params.set(KEYS.near, f.near);
  return params;
}

/** The search radius around "Près de moi", in kilometres. */
export const NEAR_RADIUS_KM = 50;

export interface SpaceSearchParams {
  q?: string;
  minCapacity?: number;
  kind?: SpaceKind;
  equipment?: Equipment[];
  stepFree?: 'true';
  near?: string;
  radiusKm?: number;
  from?: string;
  to?: string;
}

/** The API's query of the filters: the date and times become a window in Europe/Paris. */
export function searchQueryOf(f: SearchFilters): SpaceSearchParams {
  const query: SpaceSearchParams = {};
  if (f.q.trim().length >= 2) query.q = f.q.trim();
  if (f.minCapacity) query.minCapacity = Number(f.minCapacity);
  if (f.kind) query.kind = f.kind;
  if (f.equipment.length > 0) query.equipment = f.equipment;
  if (f.stepFree) query.stepFree = 'true';
  if (f.near) {
    query.near = f.near;
    query.radiusKm = NEAR_RADIUS_KM;
  }
  if (f.date && f.start && f.end && f.start < f.end) {
    query.from = fromWallClock(f.date, f.start, SEARCH_TIME_ZONE);
    query.to = fromWallClock(f.date, f.end, SEARCH_TIME_ZONE);
  }
  return query;
}
