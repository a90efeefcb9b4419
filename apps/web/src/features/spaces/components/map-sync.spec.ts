import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Space } from '@lieux/contracts';
import { bboxOf, clusterIndex, debounce, SEPARATE_ZOOM, sitesOf } from './map-sync';

const site = (id: string, latitude: number, longitude: number) => ({
  id,
  name: `La Poste ${id}`,
  address: '1 rue de la Poste',
  postcode: '34000',
  commune: id,
  departementCode: '34',
  regionCode: '76',
  timeZone: 'Europe/Paris',
  latitude,
  longitude,
});
const space = (id: string, s: ReturnType<typeof site>) => ({ id, name: id, site: s }) as unknown as Space;

const MONTPELLIER = site('Montpellier', 43.6045, 3.8775);
const NIMES = site('Nîmes', 43.8344, 4.3601);
const TOULOUSE = site('Toulouse', 43.6047, 1.4442);
const RESULTS = [
  space('Salle Garrigue', MONTPELLIER),
  space('Bureau partagé Lez', MONTPELLIER),
  space('Salle des Arènes', NIMES),
  space('Salle Garonne', TOULOUSE),
];
const FRANCE: [number, number, number, number] = [-5.2, 41.3, 9.6, 51.1];

describe('the map of the results', () => {
  afterEach(() => vi.useRealTimers());

  it('puts a site’s spaces on one marker, in the list’s order', () => {
    const sites = sitesOf(RESULTS);
    expect(sites.map((s) => [s.id, s.spaces.map((x) => x.name)])).toEqual([
      ['Montpellier', ['Salle Garrigue', 'Bureau partagé Lez']],
      ['Nîmes', ['Salle des Arènes']],
      ['Toulouse', ['Salle Garonne']],
    ]);
  });

  it('clusters the sites at a national zoom and separates them at a commune’s', () => {
    const index = clusterIndex(sitesOf(RESULTS));
    const national = index.at(FRANCE, 4);
    expect(national).toHaveLength(1);
    expect(national[0]).toMatchObject({ type: 'cluster', count: 4 });
    if (national[0].type === 'cluster')
      expect([...national[0].siteIds].sort()).toEqual(['Montpellier', 'Nîmes', 'Toulouse']);
    // France across a desktop's map: Montpellier and Nîmes, 40 km apart, still one marker.
    const france = index.at(FRANCE, 5);
    expect(france.map((p) => (p.type === 'site' ? p.site.id : [...p.siteIds].sort().join('+')))).toEqual(
      expect.arrayContaining(['Montpellier+Nîmes']),
    );

    const communes = index.at(FRANCE, SEPARATE_ZOOM);
    expect(communes.map((p) => (p.type === 'site' ? p.site.id : 'cluster')).sort()).toEqual([
      'Montpellier',
      'Nîmes',
      'Toulouse',
    ]);
  });

  it('opens a cluster at the zoom where it splits', () => {
    const index = clusterIndex(sitesOf(RESULTS));
    const [cluster] = index.at(FRANCE, 4);
    if (cluster.type !== 'cluster') throw new Error('a cluster was expected');
    const zoom = index.expansionZoom(cluster.id);
    expect(zoom).toBeGreaterThan(4);
    expect(index.at(FRANCE, zoom).length).toBeGreaterThan(1);
  });

  it('shows only what lies in the view', () => {
    const index = clusterIndex(sitesOf(RESULTS));
    const around = index.at([1.2, 43.4, 1.7, 43.8], SEPARATE_ZOOM);
    expect(around.map((p) => p.type === 'site' && p.site.id)).toEqual(['Toulouse']);
  });

  it('writes the view as a short, stable area on Earth', () => {
    expect(bboxOf(1.444213, 43.60471, 1.7, 43.8)).toBe('1.4442,43.6047,1.7,43.8');
    expect(bboxOf(-250, -95, 300, 91)).toBe('-180,-90,180,90');
  });

  it('searches once the map rests', () => {
    vi.useFakeTimers();
    const search = vi.fn();
    const moved = debounce(search, 400);
    moved('a');
    vi.advanceTimersByTime(300);
    moved('b');
    vi.advanceTimersByTime(300);
    expect(search).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(search).toHaveBeenCalledExactlyOnceWith('b');
    moved('c');
    moved.cancel();
    vi.advanceTimersByTime(1000);
    expect(search).toHaveBeenCalledTimes(1);
  });
});
