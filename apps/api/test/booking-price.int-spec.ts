import { randomUUID } from 'node:crypto';
import { Booking, SiteDiscounts } from '@lieux/contracts';
import { createMember, createSite, createUser, jsonOf, login, postJson, slot, validSiret } from './fixtures';
import { MODE, startApp, type TestApp } from './harness';

/** The price: hourly rate × time, less the site's solidarity discount, frozen on the booking. */
let t: TestApp;
let site: { siteId: string; spaceId: string };
let managerToken: string;
let day = 0;

const discountsUrl = (siteId: string) => `${t.url}/api/v1/sites/${siteId}/discounts`;
const setDiscounts = (siteId: string, body: unknown, token = managerToken) =>
  fetch(discountsUrl(siteId), {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

/** An organisation of the given legal form (ESUS-approved `esusYearsAgo` years ago), and a member's token. */
async function organisation(legalForm: string, esusYearsAgo?: number): Promise<string> {
  const id = randomUUID();
  await t.db.query(
    `INSERT INTO organisations (id, name, siret, legal_form, region_code, verification, esus_approved_on)
     VALUES ($1, $2, $3, $4, '76', 'verified', CASE WHEN $5::int IS NULL THEN NULL ELSE current_date - make_interval(years => $5::int) END)`,
    [id, `Structure ${id.slice(0, 6)}`, validSiret(), legalForm, esusYearsAgo ?? null],
  );
  return login(t.url, (await createMember(t.db, id)).email);
}

async function book(token: string, minutes = 90): Promise<Booking> {
  const res = await postJson(`${t.url}/api/v1/bookings`, token, {
    spaceId: site.spaceId,
    ...slot(++day, 10, minutes),
    title: 'Tarif',
    attendees: 2,
  });
  expect(res.status).toBe(201);
  return Booking.parse(await jsonOf(res));
}

beforeAll(async () => {
  t = await startApp();
  site = await createSite(t.db, { hourlyRateCents: 1250 });
  managerToken = await login(t.url, (await createUser(t.db, 'site_manager', { siteId: site.siteId })).email);
});

afterAll(() => t?.close());

describe(`booking price (${MODE})`, () => {
  it('charges the hourly rate when the site grants no discount', async () => {
    const b = await book(await organisation('association'));
    expect(b).toMatchObject({
      priceCents: 1875,
      listPriceCents: 1875,
      discountPercent: 0,
      discountBasis: null,
    });
  });

  it('lets the site’s manager set discounts by legal form and ESUS approval, and nobody else', async () => {
    const other = await createSite(t.db);
    expect((await setDiscounts(other.siteId, { discounts: [] })).status).toBe(404);
    const dup = await setDiscounts(site.siteId, {
      discounts: [
        { basis: 'association', percent: 20 },
        { basis: 'association', percent: 30 },
      ],
    });
    expect(dup.status).toBe(400);
    expect((await setDiscounts(site.siteId, { discounts: [{ basis: 'secte', percent: 20 }] })).status).toBe(
      400,
    );
    const res = await setDiscounts(site.siteId, {
      discounts: [
        { basis: 'association', percent: 20 },
        { basis: 'esus', percent: 50 },
      ],
    });
    expect(res.status).toBe(200);
    const got = SiteDiscounts.parse(
      await jsonOf(
        await fetch(discountsUrl(site.siteId), { headers: { authorization: `Bearer ${managerToken}` } }),
      ),
    );
    expect(got.discounts).toEqual([
      { basis: 'association', percent: 20 },
      { basis: 'esus', percent: 50 },
    ]);
    const [audit] = await t.db.query(
      `SELECT action FROM audit_log WHERE entity = 'site' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [site.siteId],
    );
    expect(audit.action).toBe('discounts_changed');
  });

  it('shows a site’s discounts to anyone while it shows a published space, to its managers only otherwise', async () => {
    const hidden = await createSite(t.db);
    const hiddenManager = await login(
      t.url,
      (await createUser(t.db, 'site_manager', { siteId: hidden.siteId })).email,
    );
    expect(
      (await setDiscounts(hidden.siteId, { discounts: [{ basis: 'scop', percent: 15 }] }, hiddenManager))
        .status,
    ).toBe(200);
    const visitor = () => fetch(discountsUrl(hidden.siteId));
    expect(SiteDiscounts.parse(await jsonOf(await visitor())).discounts).toEqual([
      { basis: 'scop', percent: 15 },
    ]);

    await t.db.query(`UPDATE spaces SET status = 'draft' WHERE site_id = $1`, [hidden.siteId]);
    const refused = await visitor();
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const own = await fetch(discountsUrl(hidden.siteId), {
      headers: { authorization: `Bearer ${hiddenManager}` },
    });
    expect(own.status).toBe(200);
    expect((await fetch(discountsUrl(randomUUID()))).status).toBe(404);
  });

  it('applies the discount of the organisation’s legal form, the larger one with a current ESUS approval', async () => {
    expect(await book(await organisation('association'))).toMatchObject({
      listPriceCents: 1875,
      discountPercent: 20,
      discountBasis: 'association',
      priceCents: 1500,
    });
    expect(await book(await organisation('scop'))).toMatchObject({ discountPercent: 0, priceCents: 1875 });
    expect(await book(await organisation('esus_company', 1))).toMatchObject({
      discountPercent: 50,
      discountBasis: 'esus',
      priceCents: 938,
    });
    // An approval older than five years has lapsed.
    expect(await book(await organisation('association', 6))).toMatchObject({ discountBasis: 'association' });
  });

  it('freezes the price on the booking: a later change of rate or discount leaves it alone', async () => {
    const token = await organisation('association');
    const b = await book(token);
    expect(b.priceCents).toBe(1500);
    await setDiscounts(site.siteId, { discounts: [{ basis: 'association', percent: 90 }] });
    await t.db.query(`UPDATE spaces SET hourly_rate_cents = 99900 WHERE id = $1`, [site.spaceId]);
    try {
      const again = await fetch(`${t.url}/api/v1/bookings/${b.id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(await jsonOf(again)).toMatchObject({
        priceCents: 1500,
        listPriceCents: 1875,
        discountPercent: 20,
      });
    } finally {
      await t.db.query(`UPDATE spaces SET hourly_rate_cents = 1250 WHERE id = $1`, [site.spaceId]);
    }
  });

  it('keeps a free space free whatever the discount', async () => {
    const free = await createSite(t.db);
    const res = await postJson(`${t.url}/api/v1/bookings`, await organisation('association'), {
      spaceId: free.spaceId,
      ...slot(1),
      title: 'Mécénat',
      attendees: 2,
    });
    expect(await jsonOf(res)).toMatchObject({ priceCents: 0, listPriceCents: 0 });
  });
});
