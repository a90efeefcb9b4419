import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, MEMBER, SCREENSHOTS, test } from './support';

const MONTPELLIER = 'La Poste Montpellier Rondelet';
const TOULOUSE = 'La Poste Toulouse Capitole';

const mapOf = (page: Page) => page.getByRole('region', { name: 'Carte des résultats' });
const results = (page: Page) => page.getByRole('region', { name: 'Résultats', exact: true });
const marker = (page: Page, site: string) =>
  mapOf(page).getByRole('button', { name: new RegExp(`^${site}`) });

/**
 * Opens the search signed out. Where /espaces still asks to sign in (before the public pages land), signs
 * in on the way and comes back: the test then runs signed in, the map being the same.
 */
async function openSearch(page: Page) {
  await page.goto('/espaces');
  const heading = page.getByRole('heading', { level: 1, name: /^(Espaces à réserver|Connexion)$/ });
  await expect(heading).toBeVisible();
  if ((await heading.textContent()) === 'Connexion') {
    await page.getByLabel('Adresse e-mail').fill(MEMBER.email);
    await page.getByLabel('Mot de passe').fill(MEMBER.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
    await page.goto('/espaces');
  }
  await expect(page.getByRole('heading', { level: 1, name: 'Espaces à réserver' })).toBeVisible();
}

async function expectNoSeriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Zooms with the map's buttons, one step at a time (Leaflet drops a click made during its animation). */
async function zoom(page: Page, direction: 'in' | 'out', steps: number) {
  const button = mapOf(page).getByRole('button', {
    name: direction === 'in' ? 'Zoom avant' : 'Zoom arrière',
  });
  for (let i = 0; i < steps; i++) {
    await button.click();
    await expect(mapOf(page).locator('.leaflet-zoom-anim')).toHaveCount(0);
    await page.waitForTimeout(150);
  }
}

/** Drags the map so that `from` (a marker) lands on the map's centre. */
async function dragToCentre(page: Page, from: Locator) {
  const box = (await from.boundingBox())!;
  const map = (await mapOf(page).locator('.leaflet-container').boundingBox())!;
  // Grab the map beside the marker (a marker is a button, not a handle).
  const start = { x: box.x + box.width / 2, y: box.y + box.height + 20 };
  const end = { x: map.x + map.width / 2, y: map.y + map.height / 2 + box.height / 2 + 20 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 8 });
  await page.mouse.move(end.x, end.y, { steps: 8 });
  await page.mouse.up();
}

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
  await popup.getByRole('link', { name: 'Salle Garonne' }).click();
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
  const zoomOut = mapOf(page).getByRole('button', { name: 'Zoom arrière' });
  while ((await zoomOut.getAttribute('aria-disabled')) !== 'true') await zoom(page, 'out', 1);
  const cluster = mapOf(page).getByRole('button', { name: /espaces dans ce secteur, zoomer$/ });
  await expect(cluster.first()).toBeVisible();
  const sitesBefore = await mapOf(page).locator('.map-pin').count();
  // Opening a cluster zooms to where it splits.
  await cluster.first().click();
  await expect.poll(() => mapOf(page).locator('.map-pin').count()).toBeGreaterThan(sitesBefore);

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
