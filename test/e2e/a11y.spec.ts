import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SCREENSHOTS, openSpace, signIn } from './support';

async function expectNoSeriousViolations(page: Page, name: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = serious.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations on ${name}`).toEqual([]);
}

test('no serious or critical accessibility violation on any page', async ({ page }) => {
  await page.goto('/connexion');
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expectNoSeriousViolations(page, 'login');

  await signIn(page);
  await expectNoSeriousViolations(page, 'spaces');

  await openSpace(page, 'Salle Garrigue');
  await expect(page.locator('.lp-calendar .lp-closed').first()).toBeAttached();
  await expectNoSeriousViolations(page, 'space');

  await page.getByRole('button', { name: 'Réserver un créneau' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Date')).toBeFocused();
  // Submitting empty shows the errors: they must be accessible too.
  await dialog.getByRole('button', { name: 'Réserver', exact: true }).click();
  await expect(dialog.getByText('Indiquez l’objet de la réservation.')).toBeVisible();
  await expectNoSeriousViolations(page, 'booking dialog');
  await page.screenshot({ path: `${SCREENSHOTS}/dialog-errors.png` });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Réserver un créneau' })).toBeFocused();

  await page.getByRole('link', { name: 'Mes réservations' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes réservations' })).toBeVisible();
  await expectNoSeriousViolations(page, 'my bookings');
});

test('the language switch turns the interface to English and sets html lang', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: 'English version' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Spaces to book' })).toBeVisible();
  await expectNoSeriousViolations(page, 'spaces (English)');
  await page.getByRole('link', { name: 'See availability of Salle Garrigue' }).click();
  await expect(page.getByRole('button', { name: 'Book a slot' })).toBeVisible();
  await expect(page.getByRole('columnheader').first()).toContainText('Mon');
  await expectNoSeriousViolations(page, 'space (English)');
  await page.screenshot({ path: `${SCREENSHOTS}/space-english.png`, fullPage: true });
  await page.getByRole('button', { name: 'Version française' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
});
