import { parseRoleClaim } from './oidc.service';

describe('parseRoleClaim', () => {
  const site = '3f2c1a9e-8b7d-4c6e-9f01-23456789abcd';

  it('reads the three staff forms from a list or a string', () => {
    const expected = [
      { role: 'admin', siteId: null, regionCode: null },
      { role: 'delegate', siteId: null, regionCode: '76' },
      { role: 'site_manager', siteId: site, regionCode: null },
    ];
    expect(parseRoleClaim(['admin', 'delegate:76', `site_manager:${site.toUpperCase()}`])).toEqual(expected);
    expect(parseRoleClaim(`admin, delegate:76 site_manager:${site}`)).toEqual(expected);
  });

  it('ignores what is no staff role or lacks its scope', () => {
    expect(
      parseRoleClaim([
        'member',
        'org_admin:x',
        'delegate',
        'delegate:abc',
        'site_manager:not-a-uuid',
        'admin:76',
        'admin:a:b',
        42,
        null,
      ]),
    ).toEqual([]);
    expect(parseRoleClaim(undefined)).toEqual([]);
    expect(parseRoleClaim({ admin: true })).toEqual([]);
  });
});
