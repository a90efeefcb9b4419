import { expect, MEMBER, openSpace, signIn, test } from './support';

test('a protected page sends to the login page, and back to it after signing in', async ({ page }) => {
  await page.goto('/mes-reservations');
  await expect(page).toHaveURL(/\/connexion\?retour=%2Fmes-reservations$/);
  await page.getByLabel('Adresse e-mail').fill(MEMBER.email);
  await page.getByLabel('Mot de passe').fill('not the password');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.');
  await page.getByLabel('Mot de passe').fill(MEMBER.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/mes-reservations$/);
  await expect(page.getByText('Connecté·e : Camille Martin')).toBeVisible();
});

test('signing out ends the session', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/connexion$/);
  await page.goto('/mes-reservations');
  await expect(page).toHaveURL(/\/connexion\?retour=%2Fmes-reservations$/);
});

test('someone outside any organisation sees why they cannot book', async ({ page }) => {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill('admin@demo.lieux-partages.fr');
  await page.getByLabel('Mot de passe').fill(MEMBER.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // The admin lands on the console; the spaces are one link away.
  await expect(page.getByRole('heading', { level: 1, name: 'Comptes La Poste' })).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Espaces' })
    .click();
  await openSpace(page, 'Salle Garrigue');
  await expect(page.getByText('Seul le membre d’une organisation peut réserver.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Réserver un créneau' })).toHaveCount(0);
});
