import type { Page } from '@playwright/test';
import { expect, expectNoSeriousViolations, MEMBER, SCREENSHOTS, signIn, signInAs, test } from './support';

const whoami = (page: Page) => page.locator('header .whoami');

test.describe('each role lands on its own work', () => {
  test('a site manager lands on today: requests waiting and today’s bookings of their sites', async ({
    page,
  }) => {
    await signInAs(page, 'gestionnaire@demo.lieux-partages.fr');
    await expect(page).toHaveURL(/\/aujourdhui$/);
    await expect(page.getByRole('heading', { level: 2, name: /demandes? en attente$/ })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Réservations du jour' })).toBeVisible();
    await expect(
      page
        .getByRole('table', { name: 'Réservations du jour' })
        .or(page.getByText('Aucune réservation aujourd’hui sur vos sites.')),
    ).toBeVisible();
    await expect(page.getByRole('link', { name: /Répondre aux demandes|Voir les demandes/ })).toHaveAttribute(
      'href',
      '/demandes',
    );
    await expect(whoami(page)).toContainText('Nathalie Roux');
    await expect(whoami(page)).toContainText('Gestionnaire de site · 3 sites');
    await expect(page.getByRole('link', { name: 'Lieux Partagés' })).toHaveAttribute('href', '/aujourdhui');
    await expectNoSeriousViolations(page, 'manager’s today');
    await page.screenshot({ path: `${SCREENSHOTS}/landing-manager.png`, fullPage: true });
  });

  test('a delegate lands on the verifications waiting and the région’s figures', async ({ page }) => {
    await signInAs(page, 'delegue@demo.lieux-partages.fr');
    await expect(page).toHaveURL(/\/ma-region$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Ma région : Occitanie' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: /organisations? à vérifier$/ })).toBeVisible();
    await expect(page.getByRole('term').filter({ hasText: 'Taux d’occupation' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Voir les rapports d’occupation' })).toHaveAttribute(
      'href',
      '/rapports',
    );
    await expect(whoami(page)).toContainText('Julien Garcia');
    await expect(whoami(page)).toContainText('Délégué·e régional·e · Occitanie');
    await expectNoSeriousViolations(page, 'delegate’s région');
    await page.screenshot({ path: `${SCREENSHOTS}/landing-delegate.png`, fullPage: true });
  });

  test('an admin lands on the console', async ({ page }) => {
    await signInAs(page, 'admin@demo.lieux-partages.fr');
    await expect(page).toHaveURL(/\/admin\/comptes$/);
    await expect(whoami(page)).toContainText('Admin national');
    await expect(whoami(page)).toContainText('Administration nationale');
  });

  test('a member lands on the search; an explicit return path still wins', async ({ page }) => {
    await signIn(page);
    await expect(page).toHaveURL(/\/espaces$/);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page).toHaveURL(/\/connexion$/);

    await page.goto('/connexion?retour=%2Fgestion');
    await page.getByLabel('Adresse e-mail').fill('gestionnaire@demo.lieux-partages.fr');
    await page.getByLabel('Mot de passe').fill(MEMBER.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Gestion des sites' })).toBeVisible();
    await expect(page).toHaveURL(/\/gestion$/);
  });
});

test.describe('the header on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('shows the full name and the organisation, cutting only what does not fit', async ({ page }) => {
    await signIn(page);
    const name = whoami(page).getByText('Camille Martin', { exact: true });
    await expect(name).toBeVisible();
    const org = whoami(page).locator('.whoami__org');
    await expect(org).toBeVisible();
    const full = await org.getAttribute('title');
    expect(full).toBeTruthy();
    await expect(org).toHaveText(full!);
    // Nothing is cut that fits: the name's box is as wide as its text, and the header does not scroll.
    expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SCREENSHOTS}/header-phone.png` });
  });
});
