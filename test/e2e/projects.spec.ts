import { readFileSync } from 'node:fs';
import type { APIRequestContext, Page } from '@playwright/test';
import {
  dragSlot,
  expect,
  expectNoSeriousViolations,
  findSpace,
  freeSlotNextWeek,
  MEMBER,
  openSpace,
  SCREENSHOTS,
  showWeekOf,
  signInAs,
  test,
} from './support';
import { clickAtRest } from './map-support';

const API = '/api/v1';
const COOPERATIVE = 'cooperative@demo.lieux-partages.fr';
const DELEGATE = 'delegue@demo.lieux-partages.fr';
const ADMIN = 'admin@demo.lieux-partages.fr';
/** The cooperative's booking of last week in the demo data: over, so it may be reported on. */
const PAST_BOOKING = 'Atelier réparation de vélos';

async function tokenOf(request: APIRequestContext, email: string): Promise<string> {
  const res = await request.post(`${API}/auth/login`, { data: { email, password: MEMBER.password } });
  expect(res.status()).toBe(200);
  return (await res.json()).accessToken;
}

/**
 * A published workshop in another région (Pays de la Loire, 52), open 40 hours a week: the demo data's
 * sites are all in Occitanie, and the case sheet must find fitting spaces elsewhere.
 */
async function workshopInNantes(request: APIRequestContext, name: string): Promise<void> {
  const headers = { Authorization: `Bearer ${await tokenOf(request, ADMIN)}` };
  const site = await request.post(`${API}/sites`, {
    headers,
    data: {
      name: `La Poste Nantes Bouffay ${name}`,
      address: '2 place du Bouffay',
      postcode: '44000',
      communeCode: '44109',
      latitude: 47.2146,
      longitude: -1.5536,
    },
  });
  expect(site.status(), await site.text()).toBe(201);
  const siteId = (await site.json()).id as string;
  const hours = await request.put(`${API}/sites/${siteId}/opening-hours`, {
    headers,
    data: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '17:00' })),
  });
  expect(hours.ok(), await hours.text()).toBeTruthy();
  const space = await request.post(`${API}/sites/${siteId}/spaces`, {
    headers,
    data: { name, kind: 'workshop', areaSqm: 45, capacity: 16, equipment: ['workbench', 'wifi'] },
  });
  expect(space.status(), await space.text()).toBe(201);
  const published = await request.post(`${API}/spaces/${(await space.json()).id}/publish`, { headers });
  expect(published.ok(), await published.text()).toBeTruthy();
}

/** The project's figures as the API gives them to its organisation. */
async function figuresOf(request: APIRequestContext, id: string) {
  const res = await request.get(`${API}/projects/${id}`, {
    headers: { Authorization: `Bearer ${await tokenOf(request, COOPERATIVE)}` },
  });
  expect(res.ok()).toBeTruthy();
  return (await res.json()).figures as { bookedHours: number; bookings: number; peopleReached: number };
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
}

const frNumber = (n: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(n);

test('a project from its first booking to the national catalogue, with fitting spaces in another région', async ({
  page,
  request,
}) => {
  // Four people, a booking, a map, four axe runs on a shared machine.
  test.slow();
  const run = Date.now().toString(36);
  const title = `Repair café ${run}`;
  const nantesWorkshop = `Atelier Bouffay ${run}`;
  await workshopInNantes(request, nantesWorkshop);

  // 1. The cooperative describes its project.
  await signInAs(page, COOPERATIVE);
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Mes projets' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes projets' })).toBeVisible();
  await page.getByRole('link', { name: 'Nouveau projet' }).click();
  await page.getByLabel('Titre du projet').fill(title);
  await page.getByLabel('Thème').selectOption({ label: 'Transition énergétique' });
  await page.getByLabel('Public accompagné').fill('Habitants du quartier Saint-Cyprien');
  await page.getByLabel('Département').fill('31');
  await page.getByLabel('Commune (facultatif)').fill('31555');
  await page.getByLabel('Début').fill(new Date().toISOString().slice(0, 10));
  await page.getByLabel('Partenaires').fill('Emmaüs Toulouse\nVille de Toulouse');
  await page.getByLabel('Services du facteur').check();
  await expectNoSeriousViolations(page, 'the new project form');
  await page.getByRole('button', { name: 'Créer le projet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const projectId = /\/projets\/([0-9a-f-]{36})$/.exec(page.url())![1];
  await expect(page.getByText('Toulouse (31)')).toBeVisible();

  // 2. Its next booking, linked in the booking dialog with one choice.
  const space = await findSpace(request, 'Atelier Brique');
  const slot = await freeSlotNextWeek(request, space, '14:00', '16:00');
  await page.goto('/espaces');
  await openSpace(page, space.name);
  await showWeekOf(page, slot.date);
  await dragSlot(page, slot.date, '14:00', '15:30');
  const dialog = page.getByRole('dialog', { name: `Réserver « ${space.name} »` });
  await dialog.getByLabel('Objet de la réservation').fill(`${title} — réparations`);
  await dialog.getByLabel('Nombre de participants').fill('10');
  await dialog.getByLabel('Projet (facultatif)').selectOption({ label: title });
  await dialog.getByRole('button', { name: 'Réserver', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Réservation confirmée' })).toBeVisible();

  // Last week's workshop is linked from the project's page, then reported on from "Mes réservations".
  await page.goto(`/projets/${projectId}`);
  const linked = page.getByRole('region', { name: 'Réservations liées' });
  await expect(linked.getByText(`${title} — réparations`)).toBeVisible();
  const choice = page.getByLabel('Lier une réservation');
  const pastValue = await choice.locator('option', { hasText: PAST_BOOKING }).getAttribute('value');
  await choice.selectOption(pastValue!);
  await page.getByRole('button', { name: 'Lier', exact: true }).click();
  await expect(page.getByText('Réservation liée au projet.')).toBeVisible();
  await expect(linked.getByText(PAST_BOOKING, { exact: true })).toBeVisible();

  await page.goto('/mes-reservations');
  await page.getByRole('button', { name: /^Passées/ }).click();
  const pastRow = page.getByRole('row').filter({ hasText: PAST_BOOKING });
  await pastRow.getByRole('button', { name: `Donner un bilan — ${PAST_BOOKING}` }).click();
  const report = page.getByRole('dialog', { name: `Bilan — ${title}` });
  await report.getByLabel('Personnes touchées').fill('18');
  await report.getByLabel('En une phrase').fill('Dix-huit vélos remis en état, et autant de sourires.');
  await expectNoSeriousViolations(page, 'the report dialog');
  await report.getByRole('button', { name: 'Enregistrer le bilan' }).click();
  await expect(report).toBeHidden();
  await expect(page.getByText('Bilan enregistré. Merci !')).toBeVisible();

  await page.goto(`/projets/${projectId}`);
  await expect(page.getByTestId('project-peopleReached')).toContainText('18');
  await expect(page.getByText('18 personnes touchées')).toBeVisible();
  await expectNoSeriousViolations(page, 'the project page of its organisation');
  await signOut(page);

  // 3. The delegate of Occitanie sees it on the map with its booked hours, and marks it "à essaimer".
  // The hours come from the occupancy rollups, refreshed a few seconds after the links.
  let hours = 0;
  await expect(async () => {
    const figures = await figuresOf(request, projectId);
    expect(figures.bookings).toBe(2);
    expect(figures.peopleReached).toBe(18);
    // The sum of the linked bookings' hours: last week's 3 and next week's 2 (14:00–16:00).
    expect(figures.bookedHours).toBe(5);
    hours = figures.bookedHours;
  }).toPass({ timeout: 30_000 });

  await signInAs(page, DELEGATE);
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Projets', exact: true })
    .click();
  await expect(page).toHaveURL(/\/projets$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Projets de la région' })).toBeVisible();
  await page.getByLabel('Thème').selectOption({ label: 'Transition énergétique' });
  await page.getByLabel('Département').selectOption('31');
  const marker = page
    .getByTestId('projects-map')
    .getByRole('button', { name: `${title} : ${frNumber(hours)} h réservées` });
  await expect(marker).toBeVisible();
  const row = page.locator(`tr[data-project-id="${projectId}"]`);
  await expect(row).toContainText('Transition énergétique');
  await expect(row).toContainText('Coopérative Solidaire du Midi (SCIC)');
  await expect(row.getByRole('cell').nth(2)).toHaveText(frNumber(hours));
  await expect(row.getByRole('cell').nth(5)).toHaveText('18');
  await expectNoSeriousViolations(page, 'the projects of the région');
  await page.screenshot({ path: `${SCREENSHOTS}/projects-region.png`, fullPage: true });
  // On a phone: the table as cards, nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(row).toBeVisible();
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });

  // The occupancy report's breakdown by theme carries the same hours and the people reached, in its CSV too.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  await page.goto(`/rapports?perimetre=region:76&du=${day(-30)}&au=${day(30)}`);
  const byTheme = page.getByRole('table', { name: 'Occupation par thème des projets' });
  const themeRow = byTheme.getByRole('row').filter({ hasText: 'Transition énergétique' });
  await expect(themeRow.getByRole('cell').nth(0)).toHaveText(frNumber(hours));
  await expect(themeRow.getByRole('cell').nth(3)).toHaveText('18');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Télécharger par thème (CSV)' }).click(),
  ]);
  const csv = readFileSync((await download.path())!)
    .subarray(3)
    .toString('utf8');
  const csvLine = csv.split('\r\n').find((l) => l.startsWith('Transition énergétique;'));
  expect(csvLine, csv).toBeDefined();
  expect(csvLine!.split(';')).toContain('18');
  expect(csvLine!.split(';')).toContain(`${hours},00`);
  await page.goBack();
  await expect(marker).toBeVisible();

  await marker.click();
  // The popup pans the map into view as it opens; a click made meanwhile is dropped (failed once in CI).
  await clickAtRest(page, page.locator('.leaflet-popup').getByRole('link', { name: title }));
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByRole('button', { name: 'Marquer à essaimer' }).click();
  const sheet = page.getByRole('form', { name: 'Fiche projet à essaimer' });
  await expect(sheet.getByLabel('Pour qui')).toHaveValue('Habitants du quartier Saint-Cyprien');
  await sheet
    .getByLabel('Ce que fait le projet')
    .fill('Un atelier où les habitants réparent vélos et petits appareils avec des bénévoles.');
  await sheet.getByLabel('Type d’espace').selectOption({ label: 'Atelier' });
  await sheet.getByLabel('Surface minimale (m²)').fill('30');
  await sheet.getByLabel('Personnes').fill('12');
  await sheet.getByLabel('Heures par semaine').fill('3');
  await sheet.getByLabel('Établi').check();
  await expectNoSeriousViolations(page, 'the case sheet form');
  await sheet.getByRole('button', { name: 'Proposer la fiche à l’organisation' }).click();
  await expect(page.getByText('Fiche proposée : l’organisation va la relire.')).toBeVisible();
  await expect(page.getByText('En attente de la réponse de l’organisation.')).toBeVisible();
  await signOut(page);

  // 4. The cooperative reads the sheet, amends it and accepts to share it, publicly.
  await signInAs(page, COOPERATIVE);
  await page.goto('/projets');
  await expect(page.getByText('Une fiche « à essaimer » attend votre réponse.')).toBeVisible();
  await page.getByRole('link', { name: title }).click();
  const proposed = page.getByRole('form', { name: 'La fiche proposée' });
  await expect(proposed.getByLabel('Surface minimale (m²)')).toHaveValue('30');
  await proposed.getByLabel('Partenaires à mobiliser').fill('Emmaüs, L’Heureux Cyclage');
  await proposed.getByLabel('La rendre publique aussi').check();
  await proposed.getByRole('button', { name: 'Accepter et partager' }).click();
  await expect(
    page.getByText('Fiche acceptée : le projet est partagé dans le catalogue national.'),
  ).toBeVisible();
  await expect(page.getByText('L’Heureux Cyclage')).toBeVisible();
  await signOut(page);

  // 5. The admin finds it in the national catalogue; its sheet lists fitting spaces in another région.
  await signInAs(page, ADMIN);
  await page.goto('/projets/a-essaimer');
  await expect(page.getByRole('heading', { level: 1, name: 'Projets à essaimer' })).toBeVisible();
  await page.getByLabel('Thème').selectOption({ label: 'Transition énergétique' });
  await page.getByLabel('Type d’espace').selectOption({ label: 'Atelier' });
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await expectNoSeriousViolations(page, 'the national catalogue');
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByLabel('Région').selectOption({ label: 'Pays de la Loire' });
  const fitting = page.getByRole('table', { name: 'Espaces qui conviendraient' });
  await expect(fitting.getByRole('row').filter({ hasText: nantesWorkshop })).toContainText('40 h');
  await expectNoSeriousViolations(page, 'the shared project with its fitting spaces');
  await page.screenshot({ path: `${SCREENSHOTS}/projects-fitting.png`, fullPage: true });
  await signOut(page);

  // And a visitor sees it too, since the cooperative made it public.
  await page.goto('/projets/a-essaimer');
  await expect(page.getByRole('link', { name: title })).toBeVisible();
});
