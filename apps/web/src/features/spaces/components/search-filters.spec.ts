import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, filtersFromParams, paramsFromFilters, searchQueryOf } from './search-filters';

describe('search filters', () => {
  it('round-trips through the address', () => {
    const filters = {
      ...EMPTY_FILTERS,
      q: 'Montpellier',
      minCapacity: '8',
      kind: 'meeting_room' as const,
      equipment: ['wifi' as const, 'screen' as const],
      stepFree: true,
      date: '2026-03-03',
      start: '14:00',
      end: '16:30',
      near: '43.6,3.87',
    };
    expect(filtersFromParams(paramsFromFilters(filters))).toEqual(filters);
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
