import {
  apiToken,
  expect,
  findSpace,
  freeSlotNextWeek,
  SCREENSHOTS,
  signIn,
  signInAs,
  test,
} from './support';

const MANAGER = 'gestionnaire@demo.lieux-partages.fr';
const SITE = 'La Poste Toulouse Capitole';
const SPACE = 'Atelier Brique';

/** The page's full height: what a manager scrolls through. */
const pageHeight = (page: import('@playwright/test').Page) =>
  page.evaluate(() => document.documentElement.scrollHeight);

test('a manager moves through the site’s sections and sets the week’s hours one row a day, copying Monday to the weekdays', async ({
  page,
}, testInfo) => {
  // A long journey through seven sections: more time on a loaded machine, no fixed wait.
  test.slow();
  await signInAs(page, MANAGER);
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Gestion' })
    .click();
  await page.getByRole('link', { name: SITE }).click();
  await expect(page.getByRole('heading', { level: 1, name: SITE })).toBeVisible();

  // The sections, one click each; the spaces come first, their actions on every row.
  const sections = page.getByRole('navigation', { name: 'Sections de la page' });
  await expect(sections.getByRole('link')).toHaveText([
    'Espaces',
    'Horaires',
    'Fermetures',
    'Jours fériés',
    'Remises',
    'Quotas',
    'Calendrier',
    'Accès',
    'Demande à proximité',
  ]);
  await expect(sections.getByRole('link', { name: 'Espaces' })).toHaveAttribute('aria-current', 'page');
  const row = page.getByRole('row').filter({ hasText: SPACE });
  await expect(row.getByRole('link', { name: `Modifier ${SPACE}` })).toBeVisible();
  await expect(row.getByRole('button', { name: `Archiver ${SPACE}` })).toBeVisible();
  await expect(row).toContainText('Publié');
  const heights: Record<string, number> = { espaces: await pageHeight(page) };

  await sections.getByRole('link', { name: 'Horaires' }).click();
  await expect(page).toHaveURL(/rubrique=horaires/);
  await expect(page.getByRole('heading', { level: 2, name: 'Horaires d’ouverture' })).toBeVisible();
  await expect(sections.getByRole('link', { name: 'Horaires' })).toHaveAttribute('aria-current', 'page');

  // One row a day: Sunday says "Fermé"; Monday has the office's two windows.
  const day = (name: string) => page.locator('.hours-day').filter({ hasText: name });
  await expect(page.locator('.hours-day__name')).toHaveText([
    'Lundi',
    'Mardi',
    'Mercredi',
    'Jeudi',
    'Vendredi',
    'Samedi',
    'Dimanche',
  ]);
  await expect(day('Dimanche')).toContainText('Fermé');
  await expect(day('Lundi').getByRole('group')).toHaveCount(2);

  // Monday opens earlier; a third window overlapping the second is refused beside it, in French.
  await page.getByLabel('Ouverture — Lundi, plage 1').fill('08:30');
  await page.getByRole('button', { name: 'Ajouter une plage le lundi' }).click();
  await page.getByLabel('Ouverture — Lundi, plage 3').fill('17:00');
  await page.getByLabel('Fermeture — Lundi, plage 3').fill('19:00');
  await page.getByRole('button', { name: 'Enregistrer les horaires' }).click();
  await expect(day('Lundi')).toContainText('Plage 3 : elle chevauche une autre plage du même jour.');
  await expect(page.getByLabel('Ouverture — Lundi, plage 3')).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Retirer : Lundi, plage 3' }).click();
  await expect(day('Lundi')).not.toContainText('chevauche');

  // Monday's windows to every weekday, and Saturday mornings on top.
  await page
    .getByRole('button', {
      name: 'Copier sur tous les jours de semaine les plages du lundi (du lundi au vendredi)',
    })
    .click();
  await expect(page.getByRole('status').filter({ hasText: 'Plages du lundi copiées' })).toBeVisible();
  await expect(page.getByLabel('Ouverture — Vendredi, plage 1')).toHaveValue('08:30');
  await page.getByRole('button', { name: 'Ajouter une plage le samedi' }).click();
  await page.getByLabel('Ouverture — Samedi, plage 1').fill('09:00');
  await page.getByLabel('Fermeture — Samedi, plage 1').fill('12:00');
  await page.getByRole('button', { name: 'Enregistrer les horaires' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Horaires enregistrés.' })).toBeVisible();
  heights.horaires = await pageHeight(page);
  await page.screenshot({ path: `${SCREENSHOTS}/manager-site-hours.png`, fullPage: true });

  // What was saved is what the page shows after a reload (the section is in the address).
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Horaires d’ouverture' })).toBeVisible();
  await expect(page.getByLabel('Ouverture — Jeudi, plage 1')).toHaveValue('08:30');
  await expect(page.getByLabel('Fermeture — Samedi, plage 1')).toHaveValue('12:00');

  for (const section of ['Fermetures', 'Jours fériés', 'Remises', 'Calendrier', 'Accès'] as const) {
    await sections.getByRole('link', { name: section }).click();
    await expect(sections.getByRole('link', { name: section })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('status').filter({ hasText: 'Chargement' })).toHaveCount(0);
    heights[section] = await pageHeight(page);
  }
  await testInfo.attach('page heights at 1280 px', {
    body: JSON.stringify(heights),
    contentType: 'application/json',
  });
  console.log('manager site page heights at 1280 px', heights);
  for (const h of Object.values(heights)) expect(h).toBeLessThan(2600);
});

test('a manager writes how to get into a space and whom to call; an organisation whose booking is confirmed reads it', async ({
  page,
  request,
}) => {
  test.slow();
  await signInAs(page, MANAGER);
  await page.goto('/gestion');
  await page.getByRole('link', { name: SITE }).click();
  await expect(page.getByRole('heading', { level: 1, name: SITE })).toBeVisible();
  const sections = page.getByRole('navigation', { name: 'Sections de la page' });

  // The site's contact for bookings.
  await sections.getByRole('link', { name: 'Accès' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Accès et contact' })).toBeVisible();
  await page.getByLabel('E-mail').fill('pas-une-adresse');
  await page.getByRole('button', { name: 'Enregistrer l’accès et le contact' }).click();
  await expect(page.getByText('Adresse e-mail attendue')).toBeVisible();
  await page.getByLabel('Nom').fill('Léa Fabre');
  await page.getByLabel('Téléphone').fill('05 61 00 00 00');
  await page.getByLabel('E-mail').fill('lea.fabre@example.org');
  await page.getByRole('button', { name: 'Enregistrer l’accès et le contact' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Accès et contact enregistrés.' })).toBeVisible();

  // How to get into the space, on its own page.
  await sections.getByRole('link', { name: 'Espaces' }).click();
  const row = page.getByRole('row').filter({ hasText: SPACE });
  await row.getByRole('link', { name: `Modifier ${SPACE}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Modifier « ${SPACE} »` })).toBeVisible();
  const access = page.getByRole('group', { name: 'Accès à l’espace' });
  await access.getByLabel('Étage').fill('Rez-de-jardin');
  await access.getByLabel('Pour entrer').selectOption({ label: 'Digicode' });
  await access.getByLabel('Entrée').fill('Portail vert, 3 impasse Lafayette');
  await access.getByLabel('Instructions').fill('Code 2417, puis la porte au fond de la cour.');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: SITE })).toBeVisible();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/connexion$/);

  // An organisation books it; confirmed, its booking tells how to get in and whom to call.
  const space = await findSpace(request, SPACE);
  const slot = await freeSlotNextWeek(request, space, '10:00', '11:00');
  // Its own title: other tests book "Atelier vélo …" too.
  const title = `Atelier vélo ${Date.now()}`;
  const booked = await request.post('/api/v1/bookings', {
    headers: { Authorization: `Bearer ${await apiToken(request)}`, 'Idempotency-Key': crypto.randomUUID() },
    data: { spaceId: space.id, start: slot.start, end: slot.end, title, attendees: 6 },
  });
  expect(booked.status()).toBe(201);
  expect((await booked.json()).status).toBe('confirmed');
  // The space's public page says nothing of it.
  const publicSpace = await request.get(`/api/v1/spaces/${space.id}`);
  expect(await publicSpace.text()).not.toContain('2417');

  await signIn(page);
  await page.goto('/mes-reservations');
  const mine = page.getByRole('row').filter({ hasText: title });
  await mine.getByRole('button', { name: `Détails — ${title}` }).click();
  const told = page.getByRole('region', { name: 'Accès' });
  await expect(told).toContainText('Rez-de-jardin');
  await expect(told).toContainText('Digicode');
  await expect(told).toContainText('Code 2417, puis la porte au fond de la cour.');
  await expect(told).toContainText('Léa Fabre');
  await expect(told.getByRole('link', { name: 'lea.fabre@example.org' })).toHaveAttribute(
    'href',
    'mailto:lea.fabre@example.org',
  );
  await page.screenshot({ path: `${SCREENSHOTS}/booking-access.png`, fullPage: true });
});

test('on a phone the sections wrap under the title and the spaces are cards with their three actions', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, MANAGER);
  await page.goto('/gestion');
  await page.getByRole('link', { name: SITE }).click();
  await expect(page.getByRole('heading', { level: 1, name: SITE })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: SPACE });
  await expect(row.getByRole('link', { name: `Modifier ${SPACE}` })).toBeVisible();
  // Nothing scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page
    .getByRole('navigation', { name: 'Sections de la page' })
    .getByRole('link', { name: 'Horaires' })
    .click();
  await expect(page.getByRole('button', { name: 'Ajouter une plage le dimanche' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${SCREENSHOTS}/manager-site-hours-phone.png`, fullPage: true });
});
