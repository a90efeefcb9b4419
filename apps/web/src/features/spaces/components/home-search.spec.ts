import { describe, expect, it } from 'vitest';
import { filtersFromParams } from './search-filters';
import { homeSearchErrors, homeSearchPath } from './home-search';

const empty = { q: '', date: '', start: '', end: '' };

describe('the home page’s search', () => {
  it('leads to the search page with the filters it reads back', () => {
    const path = homeSearchPath({ q: ' Montpellier ', date: '2026-12-08', start: '09:00', end: '12:00' });
    expect(path).toBe('/espaces?commune=Montpellier&date=2026-12-08&debut=09%3A00&fin=12%3A00');
    const filters = filtersFromParams(new URL(path, 'https://x.example').searchParams);
    expect(filters).toMatchObject({ q: 'Montpellier', date: '2026-12-08', start: '09:00', end: '12:00' });
  });

  it('with nothing typed, leads to every space', () => {
    expect(homeSearchPath(empty)).toBe('/espaces');
    expect(homeSearchErrors(empty)).toEqual({});
  });

  it('asks for the time window with a date, and a date with times, as the search page does', () => {
    expect(homeSearchErrors({ ...empty, q: 'M' })).toEqual({ q: 'home.search.errors.q' });
    expect(homeSearchErrors({ ...empty, date: '2026-12-08' })).toEqual({
      start: 'home.search.errors.time',
      end: 'home.search.errors.time',
    });
    expect(homeSearchErrors({ ...empty, start: '10:00', end: '09:00' })).toEqual({
      date: 'home.search.errors.date',
      end: 'home.search.errors.endBeforeStart',
    });
  });
});
