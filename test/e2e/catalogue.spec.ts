import sharp from 'sharp';
import {
  expect,
  findSpace,
  freeSlotNextWeek,
  frenchDate,
  localInstant,
  SCREENSHOTS,
  signIn,
  signInAs,
  test,
} from './support';

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

test('a manager publishes “Salle Clapas” from scratch with its own hours, a closure and a photo; a member finds it by commune and books it on a Sunday', async ({
  page,
  request,
}) => {
  test.slow(); // the longest journey: two people, a dozen pages, a photo made and sent, on a loaded machine
  const NAME = 'Salle Clapas';
  await signInAs(page, MANAGER);
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Gestion' })
    .click();
  await page.getByRole('link', { name: SITE }).click();
  await expect(page.getByRole('heading', { level: 1, name: SITE })).toBeVisible();

  // The space, in the one form.
  await page.getByRole('link', { name: 'Nouvel espace' }).click();
  await page.getByLabel('Nom de l’espace').fill(NAME);
  await page.getByLabel('Type').selectOption({ label: 'Salle de réunion' });
  await page.getByLabel('Surface').fill('24');
  await page.getByLabel('Capacité').fill('12');
  await page.getByLabel('Wi-Fi').check();
  await page.getByRole('button', { name: 'Créer l’espace (brouillon)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: SITE })).toBeVisible();

  // Its own hours: the site's, plus Sunday mornings (the site itself is closed on Sundays).
  await page.getByRole('link', { name: `Modifier ${NAME}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Modifier « ${NAME} »` })).toBeVisible();
  await page.getByLabel('Horaires propres à cet espace').check();
  await page.getByRole('button', { name: 'Ajouter une plage le dimanche' }).click();
  const sunday = page.getByRole('group', { name: 'Dimanche, plage 1' });
  await sunday.getByLabel('Ouverture').fill('09:00');
  await sunday.getByLabel('Fermeture').fill('13:00');
  await page.getByRole('button', { name: 'Enregistrer les horaires' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Horaires enregistrés.' })).toBeVisible();

  // A photo: sent as a PNG, shown back as the thumbnail the server made.
  const png = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#e8a33d' } })
    .png()
    .toBuffer();
  await page
    .getByLabel('Ajouter une photo')
    .setInputFiles({ name: 'clapas.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByRole('status').filter({ hasText: 'Photo ajoutée.' })).toBeVisible();
  const managed = page.locator('img.photo-thumb');
  await expect(managed).toHaveAccessibleName(`Photo 1 de ${NAME}`);
  await expect.poll(() => managed.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
  await page.screenshot({ path: `${SCREENSHOTS}/space-editor.png`, fullPage: true });

  // A closure of the site, well ahead.
  await page.getByRole('link', { name: SITE }).click();
  const sections = page.getByRole('navigation', { name: 'Sections de la page' });
  await sections.getByRole('link', { name: 'Fermetures' }).click();
  const closed = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
  const closures = page.locator('#fermetures');
  await closures.getByLabel('Du').fill(closed);
  await closures.getByLabel('Au (inclus)').fill(closed);
  await closures.getByLabel('Raison').fill('Inventaire');
  await closures.getByRole('button', { name: 'Ajouter la fermeture' }).click();
  await expect(closures.getByRole('status').filter({ hasText: 'Fermeture ajoutée.' })).toBeVisible();
  await expect(closures.getByRole('row').filter({ hasText: 'Inventaire' })).toBeVisible();

  // Published.
  await sections.getByRole('link', { name: 'Espaces' }).click();
  const row = page.getByRole('row').filter({ hasText: NAME });
  await row.getByRole('button', { name: `Publier ${NAME}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `« ${NAME} » est publié` })).toBeVisible();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/connexion$/);

  // The closure and the Sunday hours are what the API answers for the space.
  const space = await findSpace(request, NAME);
  const tz = space.site.timeZone;
  const day = await request.get(
    `/api/v1/spaces/${space.id}/availability?from=${encodeURIComponent(localInstant(closed, '00:00', tz))}&to=${encodeURIComponent(localInstant(closed, '23:59', tz))}`,
  );
  expect((await day.json()).open).toEqual([]);
  const slot = await freeSlotNextWeek(request, space, '10:00', '11:00', [6]);

  // A member finds it by commune, with its thumbnail, and books Sunday 10:00–11:00.
  await signIn(page);
  const search = page.getByRole('search', { name: 'Rechercher un espace' });
  await search.getByLabel('Commune ou code postal').fill('Montpellier');
  await search.getByLabel('Personnes (au moins)').fill('12');
  await search.getByRole('button', { name: 'Rechercher' }).click();
  const result = page.getByRole('link', { name: `Voir les disponibilités de ${NAME}` });
  await expect(result).toBeVisible();
  const thumbnail = page.getByRole('article').filter({ has: result }).locator('img.space-card__photo');
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
  await page.screenshot({ path: `${SCREENSHOTS}/search-with-photo.png`, fullPage: true });

  await result.click();
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
  await expect(page.getByRole('img', { name: `Photo 1 de ${NAME}` })).toBeVisible();
  await page.getByRole('button', { name: 'Réserver un créneau' }).click();
  const dialog = page.getByRole('dialog', { name: `Réserver « ${NAME} »` });
  await dialog.getByLabel('Date').fill(slot.date);
  await dialog.getByLabel('Début').fill('10:00');
  await dialog.getByLabel('Fin').fill('11:00');
  await dialog.getByLabel('Objet de la réservation').fill('Atelier du dimanche');
  await dialog.getByLabel('Nombre de participants').fill('10');
  await dialog.getByRole('button', { name: 'Réserver', exact: true }).click();
  await expect(dialog).toBeHidden();
  const confirmation = page.getByRole('status').filter({ hasText: 'Réservation confirmée' });
  await expect(confirmation).toContainText(`${frenchDate(slot.date, tz)}, de 10 h 00 à 11 h 00`);
});
