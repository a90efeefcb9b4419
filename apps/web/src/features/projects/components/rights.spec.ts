import { describe, expect, it } from 'vitest';
import type { Project, User } from '@lieux/contracts';
import { rightsOf } from './rights';
import { boundsOf } from './projects-map';
import { sortValue } from './projects-table';

const ORG = '9d4c0a4e-1b1f-4c55-9c1e-5a4d1f0e2b33';
const project = {
  organisationId: ORG,
  organisationName: 'Coopérative',
  title: 'Repair café',
  theme: 'culture',
  territory: { regionCode: '76', latitude: 43.6, longitude: 1.44 },
  figures: { bookedHours: 5, usedSqmHours: 200, bookings: 2, peopleReached: 18 },
} as unknown as Project;
const user = (roles: { role: string; regionCode?: string }[], organisationId?: string) =>
  ({ roles, organisation: organisationId ? { id: organisationId } : null }) as unknown as User;

describe('what a person may do with a project', () => {
  it('lets its organisation change it and answer its sheet, not propose one', () => {
    const r = rightsOf(user([{ role: 'member' }], ORG), project);
    expect(r).toMatchObject({ owner: true, staff: false, canPropose: false });
  });

  it('lets the delegate of its région propose a sheet, not another région’s', () => {
    expect(rightsOf(user([{ role: 'delegate', regionCode: '76' }]), project)).toMatchObject({
      owner: false,
      staff: true,
      canPropose: true,
      delegateRegion: '76',
    });
    expect(rightsOf(user([{ role: 'delegate', regionCode: '52' }]), project).canPropose).toBe(false);
  });

  it('lets an admin propose anywhere; another organisation and a visitor nothing', () => {
    expect(rightsOf(user([{ role: 'admin' }]), project)).toMatchObject({ admin: true, canPropose: true });
    expect(rightsOf(user([{ role: 'member' }], 'other'), project)).toMatchObject({
      owner: false,
      canPropose: false,
    });
    expect(rightsOf(undefined, project)).toMatchObject({ owner: false, staff: false, canPropose: false });
  });
});

describe('the région’s map and table', () => {
  it('frame the projects with a margin, and France when there is none', () => {
    const [[south, west], [north, east]] = boundsOf([project]);
    expect([south, west, north, east].map((x) => x.toFixed(2))).toEqual(['43.30', '1.14', '43.90', '1.74']);
    expect(boundsOf([])).toEqual([
      [41.3, -5.2],
      [51.1, 9.6],
    ]);
  });

  it('sort on the figures and the theme’s name', () => {
    expect(sortValue(project, 'bookedHours', (x) => x)).toBe(5);
    expect(sortValue(project, 'theme', (x) => `T:${x}`)).toBe('T:culture');
    expect(sortValue(project, 'organisation', (x) => x)).toBe('Coopérative');
  });
});
