import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTERS,
  filtersFromParams,
  paramsFromFilters,
  parseBbox,
  searchQueryOf,
  withMapArea,
} from './search-filters';

describe('search filters', () => {
  it('round-trips through the address', () => {
    const filters = {
      ...EMPTY_FILTERS,
      q: 'Montpellier',
      minCapacity: '8',
      kind: 'meeting_room' as const,
      minArea: '20',
      equipment: ['wifi' as const, 'screen' as const],
      stepFree: true,
      maxPrice: '10',
      date: '2026-03-03',
      start: '14:00',
      end: '16:30',
      near: '43.6,3.87',
      bbox: '1.2,43.4,1.7,43.8',
    };
    expect(filtersFromParams(paramsFromFilters(filters))).toEqual(filters);
  });

  it('writes French keys a person can read and share', () => {
    const params = paramsFromFilters({
      ...EMPTY_FILTERS,
      q: 'Toulouse',
      minArea: '30',
      maxPrice: '0',
      bbox: '1.2,43.4,1.7,43.8',
    });
    expect(params.toString()).toBe('commune=Toulouse&surface=30&prix-max=0&zone=1.2%2C43.4%2C1.7%2C43.8');
  });

  it('drops a malformed area, surface or price', () => {
    const f = filtersFromParams(new URLSearchParams('zone=1,2,3&surface=0&prix-max=gratuit'));
    expect(f).toEqual(EMPTY_FILTERS);
    expect(parseBbox('4,43,1,44')).toBeNull(); // west of east
    expect(parseBbox('1,95,2,96')).toBeNull(); // off the Earth
    expect(parseBbox('-1.5,43.4,1.7,43.8')).toEqual([-1.5, 43.4, 1.7, 43.8]);
  });

  it('asks the API for the area, the m² and the price ceiling in cents', () => {
    expect(
      searchQueryOf({ ...EMPTY_FILTERS, bbox: '1.2,43.4,1.7,43.8', minArea: '25', maxPrice: '5' }),
    ).toEqual({ bbox: '1.2,43.4,1.7,43.8', minArea: 25, maxHourlyRateCents: 500 });
    expect(searchQueryOf({ ...EMPTY_FILTERS, maxPrice: '0' })).toEqual({ maxHourlyRateCents: 0 });
  });

  it('lets the map’s area replace the place typed and the point, keeping the other filters', () => {
    const before = { ...EMPTY_FILTERS, q: 'Montpellier', near: '43.6,3.87', minCapacity: '8' };
    expect(withMapArea(before, '1,43,2,44')).toEqual({
      ...EMPTY_FILTERS,
      minCapacity: '8',
      bbox: '1,43,2,44',
    });
  });

  it('drops malformed values', () => {
    const f = filtersFromParams(
      new URLSearchParams('capacite=-3&type=castle&equipement=laser&date=demain&debut=25:00&pres=ici'),
    );
    expect(f).toEqual(EMPTY_FILTERS);
  });

  it('turns the date and times into a window in Europe/Paris', () => {
    const q = searchQueryOf({ ...EMPTY_FILTERS, date: '2026-07-01', start: '09:00', end: '12:00' });
    expect(q.from).toBe('2026-07-01T09:00:00+02:00');
    expect(q.to).toBe('2026-07-01T12:00:00+02:00');
  });

  it('leaves out a one-letter commune and an upside-down window', () => {
    const q = searchQueryOf({ ...EMPTY_FILTERS, q: 'M', date: '2026-07-01', start: '12:00', end: '09:00' });
    expect(q).toEqual({});
  });

  it('searches around a point with a radius', () => {
    expect(searchQueryOf({ ...EMPTY_FILTERS, near: '43.6,3.87' })).toEqual({
      near: '43.6,3.87',
      radiusKm: 50,
    });
  });
});
