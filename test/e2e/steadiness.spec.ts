import type { Locator, Page } from '@playwright/test';
import {
  expect,
  expectNoSeriousViolations,
  findSpace,
  freeSlotNextWeek,
  LANDING,
  MEMBER,
  SCREENSHOTS,
  test,
} from './support';

/** Steadiness: pages that do not move while they fill in, ask nothing of a visitor, and print. */

// Each test walks through several pages, some of them heavy (calendars, maps, axe): room for a busy machine.
test.describe.configure({ timeout: 180_000 });
test.use({ navigationTimeout: 60_000 });
const ARRIVAL = { timeout: 30_000 };

/** support.ts's sign-in, with the room a busy machine needs for the first search page. */
async function signInAs(page: Page, email: string) {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(MEMBER.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: LANDING[email] ?? 'Espaces à réserver' }),
  ).toBeVisible(ARRIVAL);
}
const signIn = (page: Page) => signInAs(page, MEMBER.email);

const boxOf = async (locator: Locator) => {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not laid out');
  return box;
};

test('a visitor’s pages never ask for a session: no refresh call, no 401, no console error', async ({
  page,
  request,
}) => {
  const space = await findSpace(request, 'Salle Garrigue');
  const refreshes: string[] = [];
  const failures: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/auth/refresh')) refreshes.push(r.url());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) failures.push(`${r.status()} ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Des espaces de La Poste pour l’économie sociale et solidaire',
    ARRIVAL,
  );
  await page.goto('/espaces');
  await expect(page.getByRole('heading', { level: 1, name: 'Espaces à réserver' })).toBeVisible(ARRIVAL);
  await expect(page.getByRole('link', { name: `Voir les disponibilités de ${space.name}` })).toBeVisible(
    ARRIVAL,
  );
  await page.goto(`/espaces/${space.id}`);
  await expect(page.getByRole('heading', { level: 1, name: space.name })).toBeVisible(ARRIVAL);
  await expect(page.locator('.lp-calendar [role="cell"][data-date]').first()).toBeVisible(ARRIVAL);
  await page.waitForLoadState('networkidle');

  expect(refreshes).toEqual([]);
  expect(failures).toEqual([]);
  expect(errors).toEqual([]);
});

test('a page on its way shows an accessible loading state in its place, and the header and footer do not move', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible(ARRIVAL);
  const header = page.locator('.site-header');
  const footer = page.locator('.site-footer');

  // A slow network: the sign-in page's code waits until the test lets it through.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  let asked = false;
  await page.route(/\/assets\/login-[\w-]{8}\.js$/, async (route) => {
    asked = true;
    await held;
    await route.continue();
  });

  await page.getByRole('banner').getByRole('link', { name: 'Se connecter' }).click();
  const loading = page.locator('.page-loading');
  await expect(loading).toBeVisible();
  expect(asked).toBe(true);
  await expect(loading).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'Chargement…' })).toBeVisible();
  const headerBefore = await boxOf(header);
  const viewport = page.viewportSize()!;
  // The footer waits below the first screen, where the page's arrival cannot be seen to push it.
  expect((await boxOf(footer)).y).toBeGreaterThanOrEqual(viewport.height);
  await page.screenshot({ path: `${SCREENSHOTS}/page-loading.png` });

  release();
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible(ARRIVAL);
  await expect(loading).toHaveCount(0);
  expect(await boxOf(header)).toEqual(headerBefore);
  expect((await boxOf(footer)).y).toBeGreaterThanOrEqual(viewport.height);
});

/** Counts the browser's own validation (an `invalid` event is what raises its bubble). */
async function watchNativeValidation(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { invalids: number }).invalids = 0;
    document.addEventListener(
      'invalid',
      () => ((window as unknown as { invalids: number }).invalids += 1),
      true,
    );
  });
  return async () => {
    const forms = await page.evaluate(() => [...document.forms].map((f) => f.noValidate));
    expect(forms.length).toBeGreaterThan(0);
    expect(forms.every(Boolean)).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { invalids: number }).invalids)).toBe(0);
  };
}

test('forms left empty answer in French under their fields, never with the browser’s bubbles', async ({
  page,
}) => {
  await page.goto('/connexion');
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible(ARRIVAL);
  let check = await watchNativeValidation(page);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByText('Saisissez une adresse e-mail valide.')).toBeVisible();
  await expect(page.getByText('Saisissez votre mot de passe.')).toBeVisible();
  await expect(page.getByLabel('Adresse e-mail')).toHaveAttribute('aria-invalid', 'true');
  await check();

  await page.goto('/inscription');
  await expect(page.getByRole('button', { name: 'Inscrire mon organisation' })).toBeVisible(ARRIVAL);
  check = await watchNativeValidation(page);
  await page.getByRole('button', { name: 'Inscrire mon organisation' }).click();
  await expect(page.getByText('Indiquez le nom de l’organisation.')).toBeVisible();
  await check();

  await signIn(page);
  await page.getByRole('link', { name: 'Voir les disponibilités de Salle Garrigue' }).click();
  await page.getByRole('button', { name: 'Réserver un créneau' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible(ARRIVAL);
  check = await watchNativeValidation(page);
  await dialog.getByRole('button', { name: 'Réserver', exact: true }).click();
  await expect(dialog.getByText('Indiquez l’objet de la réservation.')).toBeVisible();
  await check();
});

test('a booking prints as its facts and its place, without menus, buttons or maps', async ({
  page,
  request,
}) => {
  const space = await findSpace(request, 'Salle Garrigue');
  const slot = await freeSlotNextWeek(request, space, '16:00', '17:00', [3, 2, 4, 1, 0]);
  const title = `Réunion imprimée ${Date.now()}`;
  await signIn(page);
  await page.getByRole('link', { name: `Voir les disponibilités de ${space.name}` }).click();
  await page.getByRole('button', { name: 'Réserver un créneau' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Date').fill(slot.date);
  await dialog.getByLabel('Début').fill('16:00');
  await dialog.getByLabel('Fin').fill('17:00');
  await dialog.getByLabel('Objet de la réservation').fill(title);
  await dialog.getByLabel('Nombre de participants').fill('5');
  await dialog.getByRole('button', { name: 'Réserver', exact: true }).click();
  const confirmation = page.getByRole('status').filter({ hasText: 'Réservation confirmée' });
  await expect(confirmation).toBeVisible(ARRIVAL);
  await expect(confirmation.getByRole('button', { name: 'Imprimer' })).toBeVisible();

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.site-footer')).toBeHidden();
  await expect(page.locator('.lp-calendar')).toBeHidden();
  await expect(page.locator('.leaflet-container')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Imprimer' })).toBeHidden();
  await expect(confirmation).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: space.name })).toBeVisible(ARRIVAL);
  await expect(page.locator('.site-location__address')).toBeVisible();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await page.screenshot({ path: `${SCREENSHOTS}/booking-print.png`, fullPage: true });
});

test('the reports print full width, charts kept, without menus or filters', async ({ page }) => {
  await signInAs(page, 'delegue@demo.lieux-partages.fr');
  await page.goto('/rapports');
  await expect(page.getByRole('heading', { level: 1, name: 'Occupation des espaces' })).toBeVisible(ARRIVAL);
  await expect(page.getByRole('button', { name: 'Imprimer' })).toBeVisible();
  // A report's table (the chart's own is visually hidden, for screen readers).
  const table = page.locator('main .table-wrap table').first();
  await expect(table).toBeVisible(ARRIVAL);

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.occupancy-filters')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Imprimer' })).toBeHidden();
  await expect(table).toBeVisible();
  await expect(page.locator('main canvas').first()).toBeVisible();
  const widths = await page.evaluate(() => ({
    table: document.querySelector('main .table-wrap table')!.getBoundingClientRect().width,
    main: document.querySelector('main')!.getBoundingClientRect().width,
  }));
  expect(widths.table).toBeGreaterThan(widths.main * 0.9);
  const pdf = await page.pdf({ format: 'A4', landscape: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});

test('the app follows the system’s dark mode, readable (axe, AA contrast) on the everyday pages', async ({
  page,
  request,
}) => {
  const space = await findSpace(request, 'Salle Garrigue');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible(ARRIVAL);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = background.match(/\d+/g)!.map(Number);
  expect(r + g + b, `body background ${background}`).toBeLessThan(150);
  await expect(page.getByRole('region', { name: 'Le réseau aujourd’hui' })).toHaveAttribute(
    'aria-busy',
    'false',
    ARRIVAL,
  );
  await expectNoSeriousViolations(page, 'home (dark)');

  await page.goto(`/espaces/${space.id}`);
  await expect(page.getByRole('heading', { level: 1, name: space.name })).toBeVisible(ARRIVAL);
  await expect(page.locator('.lp-calendar [role="cell"][data-date]').first()).toBeVisible(ARRIVAL);
  await expectNoSeriousViolations(page, 'space (dark)');

  await page.goto('/connexion');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByText('Saisissez votre mot de passe.')).toBeVisible();
  await expectNoSeriousViolations(page, 'login errors (dark)');

  await signIn(page);
  await expect(page.locator('.space-card').first()).toBeVisible(ARRIVAL);
  await expectNoSeriousViolations(page, 'search (dark)');
  await page.screenshot({ path: `${SCREENSHOTS}/search-dark.png` });

  await page.goto('/mes-reservations');
  await expect(page.getByRole('heading', { level: 1, name: 'Mes réservations' })).toBeVisible(ARRIVAL);
  await expectNoSeriousViolations(page, 'my bookings (dark)');
});

test('the reports read in dark mode too: table, chart and map (axe, AA contrast)', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await signInAs(page, 'delegue@demo.lieux-partages.fr');
  await page.goto('/rapports');
  await expect(page.locator('main table').first()).toBeVisible(ARRIVAL);
  await expectNoSeriousViolations(page, 'reports (dark)');
  await page.screenshot({ path: `${SCREENSHOTS}/reports-dark.png`, fullPage: true });
});
