import type { Locator, Page } from '@playwright/test';
import { axeOn, expect } from './support';

/** The search page's map and list, as a visitor finds them (demo data). */
export const MONTPELLIER = 'La Poste Montpellier Rondelet';
export const TOULOUSE = 'La Poste Toulouse Capitole';

export const mapOf = (page: Page) => page.getByRole('region', { name: 'Carte des résultats' });
export const results = (page: Page) => page.getByRole('region', { name: 'Résultats', exact: true });
export const marker = (page: Page, site: string) =>
  mapOf(page).getByRole('button', { name: new RegExp(`^${site}`) });

/** Opens the search, signed out. */
export async function openSearch(page: Page) {
  await page.goto('/espaces');
  await expect(page.getByRole('heading', { level: 1, name: 'Espaces à réserver' })).toBeVisible();
}

export async function expectNoSeriousViolations(page: Page) {
  const { violations } = await axeOn(page).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Zooms with the map's buttons, one step at a time (Leaflet drops a click made during its animation). */
export async function zoom(page: Page, direction: 'in' | 'out', steps: number) {
  const button = mapOf(page).getByRole('button', {
    name: direction === 'in' ? 'Zoom avant' : 'Zoom arrière',
  });
  for (let i = 0; i < steps; i++) {
    await button.click();
    await expect(mapOf(page).locator('.leaflet-zoom-anim')).toHaveCount(0);
    await page.waitForTimeout(150);
  }
}

/**
 * Zooms out as far as the map goes (the button disables itself there). Forced clicks: Leaflet disables
 * the button when a zoom ends, which can be after the button was read as enabled and before the click, and a
 * click that waits for an enabled button would wait forever; Leaflet ignores a click on a disabled one.
 */
export async function zoomOutFully(page: Page) {
  const button = mapOf(page).getByRole('button', { name: 'Zoom arrière' });
  for (let i = 0; i < 20 && (await button.getAttribute('aria-disabled')) !== 'true'; i++) {
    await button.click({ force: true });
    await expect(mapOf(page).locator('.leaflet-zoom-anim')).toHaveCount(0);
    await page.waitForTimeout(300);
  }
  await expect(button).toHaveAttribute('aria-disabled', 'true');
}

/** Drags the map so that `from` (a marker) lands on the map's centre. */
export async function dragToCentre(page: Page, from: Locator) {
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

/**
 * Clicks what a popup shows once the map has stopped moving: an opening popup pans the map into view, and
 * Leaflet drops a click made while the map is still moving (a person never clicks that fast).
 */
export async function clickAtRest(page: Page, target: Locator) {
  await expect(target).toBeVisible();
  let last = '';
  await expect
    .poll(
      async () => {
        const box = JSON.stringify(await target.boundingBox());
        const still = box === last;
        last = box;
        return still;
      },
      { intervals: [300] },
    )
    .toBe(true);
  await target.click();
}
