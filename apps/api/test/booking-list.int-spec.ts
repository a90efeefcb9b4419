import { BookingPage, type Booking } from '@lieux/contracts';
import { createOrganisation, createSite, createUser, insertBooking, jsonOf, login, slot } from './fixtures';
import { MODE, startApp, type TestApp } from './harness';

/**
 * Who sees which bookings in GET /bookings: members their organisation's, managers their sites', delegates
 * their region's, admins all (PRODUCT.md, privacy rule 4); and the filters and pages on top.
 */
let t: TestApp;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
let world: {
  orgA: string;
  orgB: string;
  siteA: { siteId: string; spaceId: string };
  siteA2: { siteId: string; spaceId: string };
  siteB: { siteId: string; spaceId: string };
};

async function list(who: string, query = ''): Promise<Booking[]> {
  const res = await fetch(`${t.url}/api/v1/bookings?limit=200${query}`, {
    headers: { authorization: `Bearer ${tokens[who]}` },
  });
  expect(res.status).toBe(200);
  return BookingPage.parse(await jsonOf(res)).items;
}
const titles = (items: Booking[]) => items.map((b) => b.title).sort();

beforeAll(async () => {
  t = await startApp();
  world = {
    orgA: await createOrganisation(t.db, 'verified', '76'),
    orgB: await createOrganisation(t.db, 'verified', '11'),
    siteA: await createSite(t.db, { regionCode: '76' }),
    siteA2: await createSite(t.db, { regionCode: '76' }),
    siteB: await createSite(t.db, { regionCode: '11', departementCode: '75' }),
  };
  const put = async (
    title: string,
    spaceId: string,
    organisationId: string,
    n: number,
    status = 'confirmed',
  ) => {
    ids[title] = await insertBooking(t.db, {
      spaceId,
      organisationId,
      title,
      status: status as 'confirmed',
      ...slot(n),
    });
  };
  await put('A@siteA', world.siteA.spaceId, world.orgA, 1);
  await put('A@siteA-cancelled', world.siteA.spaceId, world.orgA, 2, 'cancelled');
  await put('B@siteA', world.siteA.spaceId, world.orgB, 3);
  await put('A@siteA2', world.siteA2.spaceId, world.orgA, 4, 'pending');
  await put('B@siteB', world.siteB.spaceId, world.orgB, 5);
  const people: [string, Parameters<typeof createUser>[1], Parameters<typeof createUser>[2]][] = [
    ['memberA', 'member', { organisationId: world.orgA }],
    ['memberB', 'member', { organisationId: world.orgB }],
    ['managerA', 'site_manager', { siteId: world.siteA.siteId }],
    ['delegate76', 'delegate', { regionCode: '76' }],
    ['delegate11', 'delegate', { regionCode: '11' }],
    ['admin', 'admin', {}],
  ];
  for (const [name, role, scope] of people)
    tokens[name] = await login(t.url, (await createUser(t.db, role, scope)).email);
});

afterAll(() => t?.close());

describe(`GET /bookings scopes (${MODE})`, () => {
  it('shows a member only their organisation’s bookings, wherever they are', async () => {
    expect(titles(await list('memberA'))).toEqual(['A@siteA', 'A@siteA-cancelled', 'A@siteA2']);
    expect(titles(await list('memberB'))).toEqual(['B@siteA', 'B@siteB']);
  });

  it('shows a manager their sites’ bookings, whoever made them, and nothing of other sites', async () => {
    expect(titles(await list('managerA'))).toEqual(['A@siteA', 'A@siteA-cancelled', 'B@siteA']);
  });

  it('shows a delegate their region’s bookings', async () => {
    expect(titles(await list('delegate76'))).toEqual(['A@siteA', 'A@siteA-cancelled', 'A@siteA2', 'B@siteA']);
    expect(titles(await list('delegate11'))).toEqual(['B@siteB']);
  });

  it('shows an admin everything', async () => {
    expect(titles(await list('admin'))).toEqual(Object.keys(ids).sort());
  });

  it('narrows with mine, spaceId, siteId and status, never widening the scope', async () => {
    expect(titles(await list('memberA', '&mine=true'))).toEqual(['A@siteA', 'A@siteA-cancelled', 'A@siteA2']);
    expect(await list('managerA', '&mine=true')).toEqual([]);
    expect(titles(await list('admin', `&spaceId=${world.siteA2.spaceId}`))).toEqual(['A@siteA2']);
    expect(titles(await list('admin', `&siteId=${world.siteA.siteId}`))).toEqual([
      'A@siteA',
      'A@siteA-cancelled',
      'B@siteA',
    ]);
    expect(titles(await list('managerA', `&siteId=${world.siteB.siteId}`))).toEqual([]);
    expect(titles(await list('memberB', `&siteId=${world.siteA.siteId}`))).toEqual(['B@siteA']);
    expect(titles(await list('memberA', '&status=confirmed&status=pending'))).toEqual([
      'A@siteA',
      'A@siteA2',
    ]);
    expect(titles(await list('memberA', '&status=cancelled'))).toEqual(['A@siteA-cancelled']);
  });

  it('keeps bookings that meet the window [from, to)', async () => {
    const from = encodeURIComponent(slot(2).start);
    const to = encodeURIComponent(slot(4).start);
    // slot(2) starts at `from`; slot(3) lies inside; slot(4) starts at `to`, so it is left out.
    expect(titles(await list('admin', `&from=${from}&to=${to}`))).toEqual(['A@siteA-cancelled', 'B@siteA']);
  });

  it('refuses an unknown status and a window that ends before it starts', async () => {
    for (const q of [
      'status=lost',
      `from=${encodeURIComponent(slot(4).start)}&to=${encodeURIComponent(slot(2).start)}`,
    ]) {
      const res = await fetch(`${t.url}/api/v1/bookings?${q}`, {
        headers: { authorization: `Bearer ${tokens.admin}` },
      });
      expect(res.status).toBe(400);
    }
  });

  it('pages with a cursor, latest start first, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Response = await fetch(
        `${t.url}/api/v1/bookings?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { headers: { authorization: `Bearer ${tokens.admin}` } },
      );
      const page = BookingPage.parse(await jsonOf(res));
      seen.push(...page.items.map((b) => b.title));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(['B@siteB', 'A@siteA2', 'B@siteA', 'A@siteA-cancelled', 'A@siteA']);
  });

  it('names the organisation only to those allowed to see the booking', async () => {
    const [b] = await list('managerA', `&spaceId=${world.siteA.spaceId}&status=confirmed`);
    expect(b.organisationName).toMatch(/^Association /);
    // Another organisation sees the slot only as busy, never who holds it.
    const res = await fetch(
      `${t.url}/api/v1/spaces/${world.siteA.spaceId}/availability?from=${encodeURIComponent(slot(3).start)}&to=${encodeURIComponent(slot(3).end)}`,
    );
    expect(JSON.stringify(await jsonOf(res))).not.toMatch(/Association|B@siteA/);
  });
});
