import {
  clickAtRest,
  dragToCentre,
  expectNoSeriousViolations,
  mapOf,
  marker,
  MONTPELLIER,
  openSearch,
  results,
  TOULOUSE,
  zoom,
  zoomOutFully,
} from './map-support';
import { expect, SCREENSHOTS, test } from './support';

test('search Montpellier, follow the map to Toulouse, open a space from its marker', async ({ page }) => {
  await openSearch(page);
  const search = page.getByRole('search', { name: 'Rechercher un espace' });
  await search.getByLabel('Commune ou code postal').fill('Montpellier');
  await search.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page).toHaveURL(/commune=Montpellier/);

  // The list and the map show the same spaces.
  await expect(
    results(page).getByRole('link', { name: 'Voir les disponibilités de Salle Garrigue' }),
  ).toBeVisible();
  await expect(
    results(page).getByRole('link', { name: 'Voir les disponibilités de Salle Garonne' }),
  ).toHaveCount(0);
  await expect(marker(page, MONTPELLIER)).toBeVisible();
  await expect(marker(page, TOULOUSE)).toHaveCount(0);

  // Hovering a card marks its site on the map.
  await results(page).getByRole('article').filter({ hasText: 'Salle Garrigue' }).hover();
  await expect(mapOf(page).locator('.map-pin.is-active')).toHaveCount(1);

  // Zooming out searches the area shown: Toulouse comes in, and the commune gives way to the area.
  // Step by step, each step's area searched (the debounce and the answer) before the next.
  for (let i = 0; i < 8 && (await marker(page, TOULOUSE).count()) === 0; i++) {
    await zoom(page, 'out', 1);
    await page.waitForTimeout(1000);
  }
  await expect(page).toHaveURL(/zone=/);
  await expect(page).not.toHaveURL(/commune=/);
  await expect(marker(page, TOULOUSE)).toBeVisible();
  await expect(
    results(page).getByRole('link', { name: 'Voir les disponibilités de Salle Garonne' }),
  ).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/search-map-region.png` });

  // Centre the map on Toulouse and zoom in: the list follows, Montpellier leaves it.
  await dragToCentre(page, marker(page, TOULOUSE));
  await zoom(page, 'in', 3);
  await expect(
    results(page).getByRole('link', { name: 'Voir les disponibilités de Salle Garonne' }),
  ).toBeVisible();
  await expect(
    results(page).getByRole('link', { name: 'Voir les disponibilités de Salle Garrigue' }),
  ).toHaveCount(0);
  await expect(page.getByText(/dans la zone de la carte/)).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/search-map-toulouse.png` });

  // The search is in the address: a reload shows the same area and results.
  await page.reload();
  await expect(
    results(page).getByRole('link', { name: 'Voir les disponibilités de Salle Garonne' }),
  ).toBeVisible();
  await expect(marker(page, TOULOUSE)).toBeVisible();

  // A marker opens from the keyboard; its popup links to the space.
  await marker(page, TOULOUSE).focus();
  await page.keyboard.press('Enter');
  const popup = mapOf(page).locator('.leaflet-popup');
  await expect(popup.getByRole('link').first()).toBeFocused();
  await clickAtRest(page, popup.getByRole('link', { name: 'Salle Garonne' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Salle Garonne' })).toBeVisible();
});

test('markers cluster at a national zoom, and the map skips to the list', async ({ page }) => {
  await openSearch(page);
  await expect(
    results(page).getByRole('link', { name: 'Voir les disponibilités de Salle Garrigue' }),
  ).toBeVisible();
  // Fresh, the map frames every result; zoomed out to France, the three sites of the south make one cluster.
  await expect(marker(page, TOULOUSE)).toBeVisible();
  await expectNoSeriousViolations(page);

  // Zoomed out to France, sites close together make one marker counting their spaces.
  await zoomOutFully(page);
  const cluster = mapOf(page).getByRole('button', { name: /espaces dans ce secteur, zoomer$/ });
  await expect(cluster.first()).toBeVisible();
  // Opening a cluster zooms to where it splits: it is gone, and at least two sites stand apart. (What the
  // zoomed area then shows depends on what earlier tests published there, so its count is not compared.)
  const opened = (await cluster.first().locator('.visually-hidden').textContent())!;
  await cluster.first().click();
  await expect(mapOf(page).getByRole('button', { name: opened, exact: true })).toHaveCount(0);
  await expect.poll(() => mapOf(page).locator('.map-pin').count()).toBeGreaterThanOrEqual(2);

  const skip = mapOf(page).getByRole('link', { name: 'Passer la carte' });
  await skip.focus();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(results(page)).toBeFocused();
});

test('on a phone the list comes first and the map is behind a toggle', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openSearch(page);
  await expect(
    results(page).getByRole('link', { name: 'Voir les disponibilités de Salle Garrigue' }),
  ).toBeVisible();
  await expect(mapOf(page)).toBeHidden();
  await page.getByRole('button', { name: 'Carte', exact: true }).click();
  await expect(
    marker(page, MONTPELLIER).or(mapOf(page).getByRole('button', { name: /secteur/ })),
  ).not.toHaveCount(0);
  await expect(results(page)).toBeHidden();
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: `${SCREENSHOTS}/search-map-phone.png` });
  await page.getByRole('button', { name: 'Liste', exact: true }).click();
  await expect(results(page)).toBeVisible();
});
