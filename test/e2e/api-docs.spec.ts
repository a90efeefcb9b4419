import { expect, test } from './support';

test('the API documentation page shows every route of the OpenAPI document, under its CSP', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/api/docs');
  await expect(page.getByRole('heading', { name: /Lieux Partagés API/ })).toBeVisible();
  const doc = await (await page.request.get('/api/docs-json')).json();
  const operations = Object.values(doc.paths as Record<string, object>).reduce(
    (n, p) => n + Object.keys(p).length,
    0,
  );
  await expect(page.locator('.opblock')).toHaveCount(operations);
  // One route opens on a click, with its parameters.
  await page
    .locator('.opblock-summary-path', { hasText: /^\/api\/v1\/spaces$/ })
    .first()
    .click();
  await expect(
    page.locator('.opblock.is-open .parameters, .opblock.is-open .opblock-description-wrapper').first(),
  ).toBeVisible();
  expect(errors).toEqual([]);
});
