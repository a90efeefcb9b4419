import { readFileSync } from 'node:fs';
import { axeOn, expect, SCREENSHOTS, signInAs, test } from './support';

const DELEGATE = {
  email: 'delegue@demo.lieux-partages.fr',
  password: process.env.DEMO_PASSWORD ?? 'demo1234',
};
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const fr = (v: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(v);
const pct = (v: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(v);

test('a delegate reads the occupancy of their region, drills into a site and downloads the CSV', async ({
  page,
  request,
}) => {
  // The demo has bookings next week in Occitanie; the rollups catch up within seconds of the start.
  const from = day(0);
  const to = day(21);
  const login = await request.post('/api/v1/auth/login', { data: DELEGATE });
  const token = (await login.json()).accessToken;
  let totals: any;
  await expect
    .poll(
      async () => {
        const res = await request.get(
          `/api/v1/reports/occupancy?scope=region:76&from=${from}&to=${to}&groupBy=site`,
          { headers: { authorization: `Bearer ${token}` } },
        );
        totals = (await res.json()).totals;
        return totals.bookings;
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);

  await signInAs(page, DELEGATE.email);
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Occupation' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Occupation des espaces' })).toBeVisible();
  await page.getByLabel('Du', { exact: true }).fill(from);
  await page.getByLabel('Au', { exact: true }).fill(to);

  // The headline figures are the API's, in French.
  await expect(page.getByTestId('headline-offeredSqmHours')).toContainText(fr(totals.offeredSqmHours));
  await expect(page.getByTestId('headline-usedSqmHours')).toContainText(fr(totals.usedSqmHours));
  await expect(page.getByTestId('headline-rate')).toContainText(pct(totals.rate));
  await expect(page.getByTestId('headline-bookings')).toContainText(fr(totals.bookings));
  await expect(page.getByTestId('headline-organisations')).toContainText(fr(totals.organisations));

  // The chart by month, the map (drawn from bundled boundaries) with one point per site.
  const chart = page.getByTestId('occupancy-chart').locator('canvas');
  await expect(chart).toBeVisible();
  // Bars in the used colour are drawn, and the same figures are given to screen readers as a table.
  await expect
    .poll(() =>
      chart.evaluate((c: HTMLCanvasElement) => {
        const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
        let used = 0;
        for (let i = 0; i < data.length; i += 4)
          if (data[i] === 0xe4 && data[i + 1] === 0x66 && data[i + 2] === 0x3e) used++;
        return used;
      }),
    )
    .toBeGreaterThan(0);
  await expect(page.getByRole('table', { name: 'Par mois' }).getByRole('rowheader').first()).toBeAttached();
  const sitesTable = page.getByRole('table', { name: /Occupation par site/ });
  const siteRows = sitesTable.locator('tbody tr');
  await expect(siteRows).toHaveCount(3);
  await expect(page.getByTestId('occupancy-map').locator('circle')).toHaveCount(3);
  expect(await page.getByTestId('occupancy-map').locator('path').count()).toBeGreaterThan(90);

  // Sorting by rate, descending: the first row has the highest rate.
  await sitesTable.getByRole('button', { name: 'Taux' }).click();
  await expect(sitesTable.getByRole('columnheader', { name: 'Taux' })).toHaveAttribute(
    'aria-sort',
    'descending',
  );

  // Drill down into Montpellier's spaces, from the site's name, and back to the région.
  await sitesTable.getByRole('link', { name: 'La Poste Montpellier Rondelet' }).click();
  const spaces = page.getByRole('table', { name: /Espaces de La Poste Montpellier Rondelet/ });
  await expect(spaces.getByRole('rowheader', { name: /Salle Garrigue/ })).toBeVisible();

  await expect(
    page
      .getByRole('table', { name: 'Par type d’espace' })
      .getByRole('rowheader', { name: 'Salle de réunion' }),
  ).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: /Usage par forme juridique/ })
      .locator('tbody tr')
      .first(),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Retour à Occitanie' }).click();
  await expect(siteRows).toHaveCount(3);
  const axe = await axeOn(page).analyze();
  expect(
    axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
  ).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/occupancy.png`, fullPage: true });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Télécharger le CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`occupation-region-76-${from}-${to}-site.csv`);
  const csv = readFileSync((await download.path())!);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csv.subarray(3).toString('utf8').trim().split('\r\n');
  expect(lines[0].split(';')[0]).toBe('Site');
  expect(lines).toHaveLength(5); // header, three sites, total
  expect(lines[4]).toMatch(/^Total;[0-9]+,[0-9]{2};/);
});
