import { describe, expect, it } from 'vitest';
import type { Role, User } from '@lieux/contracts';
import { paths } from './paths';
import { workHome, worksOf } from './work-home';

const user = (...roles: Role[]): User => ({
  id: '6f1c7a9e-2b0d-4a8e-9d43-3c1f5b2a7e10',
  email: 'x@example.org',
  displayName: 'X',
  locale: 'fr',
  organisation: null,
  roles: roles.map((role) => ({ role, organisationId: null, siteId: null, regionCode: null })),
});

describe('where each role lands', () => {
  it.each([
    [['site_manager'], paths.today],
    [['delegate'], paths.region],
    [['admin'], paths.adminAccounts],
    [['member'], paths.spaces],
    [['org_admin'], paths.spaces],
    [[], paths.spaces],
  ] as [Role[], string][])('%j → %s', (roles, path) => {
    expect(workHome(user(...roles))).toBe(path);
  });

  it('lands on the first work of several roles and lists the others', () => {
    expect(worksOf(user('admin', 'delegate', 'site_manager')).map((w) => w.key)).toEqual([
      'today',
      'region',
      'console',
    ]);
    expect(workHome(undefined)).toBe(paths.spaces);
  });
});
