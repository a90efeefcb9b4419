import type { APIRequestContext, Page } from '@playwright/test';
import {
  dragSlot,
  expect,
  findSpace,
  freePeriodHolding,
  freeSlotNextWeek,
  MEMBER,
  pickTimes,
  SCREENSHOTS,
  showDayInDayView,
  showWeekOf,
  calendar,
  test,
} from './support';
import {
  clickAtRest,
  dragToCentre,
  mapOf,
  marker,
  MONTPELLIER,
  results,
  TOULOUSE,
  zoom,
} from './map-support';

/** The national figures as the home page must print them: French digits grouping, from the API itself. */
async function expectedFigures(request: APIRequestContext): Promise<string[]> {
  const res = await request.get('/api/v1/stats/national');
  expect(res.status(), 'GET /stats/national (implemented on the API branch)').toBe(200);
  const stats = (await res.json()) as Record<string, number>;
  const fr = (n: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(n);
  return [
    fr(stats.sitesOpen),
    fr(stats.spaces),
    `${fr(stats.areaSqm)} m²`,
    fr(stats.organisationsHosted),
    fr(stats.hoursBooked),
  ];
}

/** Spaces (U+0020, U+00A0, U+202F) are all one to a reader: compare the figures' text without them. */
const squash = (s: string) => s.replace(/[\s\u00a0\u202f]/g, '');

/**
 * Signed out: the home page with its figures; "Montpellier" searched, the list and the map showing its
 * spaces; the map moved to Toulouse, the list following; a space opened from its marker; a free slot
 * dragged; the sign-in page; and back on the space with the booking dialog open on that slot. On a phone
 * the map is behind its toggle and the list comes back when asked.
 */
async function visitorBooksAfterSigningIn(
  page: Page,
  request: APIRequestContext,
  shot: string,
  phone = false,
) {
  const space = await findSpace(request, 'Salle Garonne');
  const slot = await freeSlotNextWeek(request, space, '10:00', '11:00', [3, 2, 1, 0, 4]);

  await page.goto('/');
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: 'Des espaces de La Poste pour l’économie sociale et solidaire',
    }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Se connecter' }).first()).toBeVisible();
  const figures = page.getByRole('region', { name: 'Le réseau aujourd’hui' }).locator('.figures__value');
  await expect(figures).toHaveCount(5);
  // The API counts again in the background once its figures are a minute old, answering the old ones
  // meanwhile (earlier tests booked and published): the page shows what the API answers, once both have
  // the new count — the page read again until then.
  await expect
    .poll(
      async () => {
        const now = (await expectedFigures(request)).map(squash).join(' ');
        const shown = (await figures.allInnerTexts()).map(squash).join(' ');
        if (shown === now) return true;
        await page.reload();
        await expect(page.locator('.figures__value--pending')).toHaveCount(0);
        return false;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  await page.screenshot({ path: `${SCREENSHOTS}/${shot}-home.png`, fullPage: true });

  // The search box leads to the search page with its filters: the list and the map show Montpellier.
  await page.getByRole('search').getByLabel('Commune ou code postal').fill('Montpellier');
  await page.getByRole('search').getByRole('button', { name: 'Rechercher' }).click();
  await expect(page).toHaveURL(/\/espaces\?commune=Montpellier$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Espaces à réserver' })).toBeVisible();
  const garrigue = results(page).getByRole('link', { name: 'Voir les disponibilités de Salle Garrigue' });
  const garonne = results(page).getByRole('link', { name: `Voir les disponibilités de ${space.name}` });
  await expect(garrigue).toBeVisible();
  await expect(garonne).toHaveCount(0);
  if (phone) {
    await expect(mapOf(page)).toBeHidden();
    await page.getByRole('button', { name: 'Carte', exact: true }).click();
  }
  await expect(marker(page, MONTPELLIER)).toBeVisible();
  await expect(marker(page, TOULOUSE)).toHaveCount(0);

  // Moving the map searches the area it shows: zoomed out, Toulouse comes in.
  for (let i = 0; i < 8 && (await marker(page, TOULOUSE).count()) === 0; i++) {
    await zoom(page, 'out', 1);
    await page.waitForTimeout(1000);
  }
  await expect(marker(page, TOULOUSE)).toBeVisible();
  await expect(page).toHaveURL(/zone=/);
  if (!phone) {
    // Centred on Toulouse and zoomed in, the list follows: Toulouse's space in, Montpellier's out.
    await dragToCentre(page, marker(page, TOULOUSE));
    await zoom(page, 'in', 3);
    await expect(garonne).toBeVisible();
    await expect(garrigue).toHaveCount(0);
  } else {
    await page.getByRole('button', { name: 'Liste', exact: true }).click();
    await expect(garonne).toBeVisible();
    await page.getByRole('button', { name: 'Carte', exact: true }).click();
  }
  await page.screenshot({ path: `${SCREENSHOTS}/${shot}-map.png` });

  // The space opens from its marker's popup: on a phone by touch, on a desktop from the keyboard (the
  // map's keyboard way), which moves the focus into the popup.
  if (phone) await marker(page, TOULOUSE).click();
  else {
    await marker(page, TOULOUSE).focus();
    await page.keyboard.press('Enter');
    await expect(mapOf(page).locator('.leaflet-popup').getByRole('link').first()).toBeFocused();
  }
  await clickAtRest(page, mapOf(page).locator('.leaflet-popup').getByRole('link', { name: space.name }));
  await expect(page.getByRole('heading', { level: 1, name: space.name })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/espaces/${space.id}$`));
  await expect(page.getByRole('region', { name: 'Adresse' })).toContainText('Toulouse');
  await expect(page.getByRole('region', { name: 'Horaires d’ouverture' })).toContainText('Lundi');
  if (phone) {
    // A phone shows one day at a time: the slot's day, a free period, its times.
    const list = await showDayInDayView(page, slot.date, space.site.timeZone);
    await (await freePeriodHolding(list, '10:00', '11:00')).click();
    const picker = await pickTimes(page, '10:00', '11:00');
    await picker.getByRole('button', { name: 'Réserver ce créneau' }).click();
  } else {
    await expect(calendar(page).locator('[role="cell"][data-date]').first()).toBeVisible();
    await showWeekOf(page, slot.date);
    await dragSlot(page, slot.date, '10:00', '10:30');
  }

  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
  const back = new URL(new URL(page.url()).searchParams.get('retour') ?? '', page.url());
  expect(back.pathname).toBe(`/espaces/${space.id}`);
  expect(Object.fromEntries(back.searchParams)).toEqual({ date: slot.date, debut: '10:00', fin: '11:00' });
  await page.getByLabel('Adresse e-mail').fill(MEMBER.email);
  await page.getByLabel('Mot de passe').fill(MEMBER.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();

  const dialog = page.getByRole('dialog', { name: `Réserver « ${space.name} »` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Date')).toHaveValue(slot.date);
  await expect(dialog.getByLabel('Début')).toHaveValue('10:00');
  await expect(dialog.getByLabel('Fin')).toHaveValue('11:00');
  await expect(dialog.getByLabel('Objet de la réservation')).toBeFocused();
  // The slot leaves the address once its dialog is open: a reload does not open it again.
  await expect(page).toHaveURL(new RegExp(`/espaces/${space.id}$`));
  await page.screenshot({ path: `${SCREENSHOTS}/${shot}-dialog.png`, fullPage: true });
}

test.describe('public discovery', () => {
  test('a visitor finds a space from the home page, picks a free slot, signs in and lands in the booking dialog', async ({
    page,
    request,
  }) => {
    await visitorBooksAfterSigningIn(page, request, 'discovery');
  });

  test('the same on a 390 px phone', async ({ page, request }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await visitorBooksAfterSigningIn(page, request, 'discovery-phone', true);
  });

  test('a shared link to a slot of the waiting list leads a visitor to sign in, then to that list', async ({
    page,
    request,
  }) => {
    const space = await findSpace(request, 'Salle Garrigue');
    const slot = await freeSlotNextWeek(request, space, '14:00', '15:00');
    await page.goto(`/espaces/${space.id}?date=${slot.date}&debut=14:00&fin=15:00&attente=oui`);
    await expect(page.getByRole('heading', { level: 1, name: space.name })).toBeVisible();
    await page.getByRole('link', { name: 'connectez-vous' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
    await page.getByLabel('Adresse e-mail').fill(MEMBER.email);
    await page.getByLabel('Mot de passe').fill(MEMBER.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const dialog = page.getByRole('dialog', { name: `Rejoindre la liste d’attente — « ${space.name} »` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Date')).toHaveValue(slot.date);
    await expect(dialog.getByLabel('Début')).toHaveValue('14:00');
    await expect(dialog.getByLabel('Fin')).toHaveValue('15:00');
  });

  test('the sign-in page returns only to a page of this site', async ({ page }) => {
    await page.goto('/connexion?retour=https%3A%2F%2Fevil.example%2F');
    await page.getByLabel('Adresse e-mail').fill(MEMBER.email);
    await page.getByLabel('Mot de passe').fill(MEMBER.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Espaces à réserver' })).toBeVisible();
    await expect(page).toHaveURL(/\/espaces$/);
  });

  test('the login page shows the demo accounts only when GET /instance says the demo data are loaded', async ({
    page,
    request,
  }) => {
    const res = await request.get('/api/v1/instance');
    expect(res.status(), 'GET /instance (implemented on the API branch)').toBe(200);
    const { demoData } = (await res.json()) as { demoData: boolean };
    await page.goto('/connexion');
    await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
    const hint = page.getByText('Données de démonstration chargées.', { exact: false });
    if (demoData) await expect(hint).toContainText('membre@demo.lieux-partages.fr');
    else await expect(hint).toHaveCount(0);
  });
});
