import { expect, test } from '@playwright/test';
import { SCREENSHOTS, findSpace, freeSlotNextWeek, frenchDate, signIn, signInAs } from './support';

const MANAGER = 'gestionnaire@demo.lieux-partages.fr';
const SITE = 'La Poste Montpellier Rondelet';

test('a manager adds and publishes “Salle Lez”; a member finds it by searching and books it', async ({
  page,
  request,
}) => {
  // The manager creates the space as a draft, then publishes it.
  await signInAs(page, MANAGER);
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  await nav.getByRole('link', { name: 'Gestion' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Gestion des sites' })).toBeVisible();
  await page.getByRole('link', { name: SITE }).click();
  await expect(page.getByRole('heading', { level: 1, name: SITE })).toBeVisible();
  await page.getByRole('link', { name: 'Nouvel espace' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nouvel espace' })).toBeVisible();
  await page.getByLabel('Nom de l’espace').fill('Salle Lez');
  await page.getByLabel('Type').selectOption({ label: 'Salle de réunion' });
  await page.getByLabel('Surface').fill('18');
  await page.getByLabel('Capacité').fill('8');
  await page.getByLabel('Wi-Fi').check();
  await page.getByLabel('Tarif horaire').fill('2.5');
  await page.getByRole('button', { name: 'Créer l’espace (brouillon)' }).click();

  await expect(page.getByRole('heading', { level: 1, name: SITE })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'Salle Lez' }).filter({ hasNotText: 'Bureau' });
  await expect(row).toContainText('Brouillon');
  await row.getByRole('button', { name: 'Publier Salle Lez' }).click();
  await expect(page.getByRole('status').filter({ hasText: '« Salle Lez » est publié' })).toBeVisible();
  await expect(row).toContainText('Publié');
  await page.screenshot({ path: `${SCREENSHOTS}/manager-site.png`, fullPage: true });
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/connexion$/);

  // A member searches Montpellier for at least 8 people.
  const space = await findSpace(request, 'Salle Lez');
  const slot = await freeSlotNextWeek(request, space, '10:00', '11:00');
  await signIn(page);
  const search = page.getByRole('search', { name: 'Rechercher un espace' });
  await search.getByLabel('Commune ou code postal').fill('Montpellier');
  await search.getByLabel('Personnes (au moins)').fill('8');
  await search.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page).toHaveURL(/commune=Montpellier/);
  await expect(page).toHaveURL(/capacite=8/);
  const result = page.getByRole('link', { name: 'Voir les disponibilités de Salle Lez' });
  await expect(result).toBeVisible();
  const card = page.getByRole('article').filter({ has: result });
  await expect(card).toContainText('18 m²');
  await expect(card).toContainText('8 personnes');
  await expect(card).toContainText('2,50 € / heure');
  // The search survives a reload (its filters are in the address).
  await page.reload();
  await expect(page.getByLabel('Commune ou code postal')).toHaveValue('Montpellier');
  await expect(result).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/search.png`, fullPage: true });

  await result.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Salle Lez' })).toBeVisible();
  await page.getByRole('button', { name: 'Réserver un créneau' }).click();
  const dialog = page.getByRole('dialog', { name: 'Réserver « Salle Lez »' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Date').fill(slot.date);
  await dialog.getByLabel('Début').fill('10:00');
  await dialog.getByLabel('Fin').fill('11:00');
  await dialog.getByLabel('Objet de la réservation').fill('Comité de quartier');
  await dialog.getByLabel('Nombre de participants').fill('6');
  await dialog.getByRole('button', { name: 'Réserver', exact: true }).click();
  await expect(dialog).toBeHidden();
  const confirmation = page.getByRole('status').filter({ hasText: 'Réservation confirmée' });
  await expect(confirmation).toBeVisible();
  await expect(confirmation).toContainText(
    `${frenchDate(slot.date, space.site.timeZone)}, de 10 h 00 à 11 h 00`,
  );
});

test('a search with no match says so, and an incomplete time window is refused in French', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/espaces?commune=Montpellier&capacite=500');
  await expect(page.getByText('Aucun espace ne correspond à ces critères.')).toBeVisible();
  const search = page.getByRole('search', { name: 'Rechercher un espace' });
  await search.getByLabel('Heure de début').fill('14:00');
  await search.getByRole('button', { name: 'Rechercher' }).click();
  await expect(search.getByText('Choisissez la date.')).toBeVisible();
  await expect(search.getByText('Indiquez l’heure.')).toBeVisible();
});
