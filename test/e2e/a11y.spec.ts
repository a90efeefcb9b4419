import {
  calendar,
  expect,
  expectNoSeriousViolations,
  findSpace,
  openSpace,
  SCREENSHOTS,
  signIn,
  signInAs,
  test,
} from './support';

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

test('no serious or critical accessibility violation on the public home and space pages, wide and on a phone', async ({
  page,
  request,
}) => {
  const space = await findSpace(request, 'Salle Garrigue');
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Des espaces de La Poste pour l’économie sociale et solidaire',
    );
    // The figures loaded (or said unavailable), not their placeholders.
    await expect(page.getByRole('region', { name: 'Le réseau aujourd’hui' })).toHaveAttribute(
      'aria-busy',
      'false',
    );
    await expectNoSeriousViolations(page, `home (${width} px)`);
    // The search box's errors are accessible too.
    await page.getByRole('search').getByLabel('De', { exact: true }).fill('10:00');
    await page.getByRole('search').getByRole('button', { name: 'Rechercher' }).click();
    await expect(page.getByText('Choisissez la date.')).toBeVisible();
    await expectNoSeriousViolations(page, `home search with errors (${width} px)`);

    await page.goto(`/espaces/${space.id}`);
    await expect(page.getByRole('heading', { level: 1, name: space.name })).toBeVisible();
    // A phone's calendar is the day view: its day listed (or said closed) once loaded.
    if (width < 768) await expect(page.locator('.day-view__list, .day-view__empty')).toBeVisible();
    else await expect(calendar(page).locator('.lp-closed').first()).toBeAttached();
    await expectNoSeriousViolations(page, `space, signed out (${width} px)`);
  }
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

test('no serious or critical accessibility violation on the sign-up, password and account pages', async ({
  page,
}) => {
  await page.goto('/inscription');
  await expect(page.getByRole('heading', { level: 1, name: 'Inscrire mon organisation' })).toBeVisible();
  await expectNoSeriousViolations(page, 'sign-up');
  // Errors, an association's RNA field and the open commune list must be accessible too.
  await page.getByLabel('Forme juridique').selectOption({ label: 'Association' });
  await page.getByRole('button', { name: 'Inscrire mon organisation' }).click();
  await expect(page.getByText('Choisissez la commune dans la liste.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Commune' }).fill('34000');
  await expect(page.getByRole('option', { name: /^Montpellier \(34000\)/ })).toBeVisible();
  await expectNoSeriousViolations(page, 'sign-up with errors and the commune list');
  await page.screenshot({ path: `${SCREENSHOTS}/register-errors.png`, fullPage: true });

  await page.getByLabel('Forme juridique').selectOption({ label: 'Entreprise agréée ESUS' });
  await page.getByLabel('Date de l’agrément ESUS').fill('2019-05-14');
  await expect(page.getByText('Cet agrément a expiré le mardi 14 mai 2024')).toBeVisible();

  await page.goto('/mot-de-passe-oublie');
  await expect(page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' })).toBeVisible();
  await expectNoSeriousViolations(page, 'forgotten password');
  await page.goto(`/mot-de-passe/nouveau?jeton=${'x'.repeat(43)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Nouveau mot de passe' })).toBeVisible();
  await expectNoSeriousViolations(page, 'new password');
  await page.goto(`/invitation?jeton=${'x'.repeat(43)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Rejoindre l’organisation' })).toBeVisible();
  await expectNoSeriousViolations(page, 'invitation');

  await signInAs(page, 'cooperative@demo.lieux-partages.fr');
  await page.getByRole('link', { name: 'Membres' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Membres' })).toBeVisible();
  await expect(page.getByRole('table')).toBeVisible();
  await expectNoSeriousViolations(page, 'members');
  await page.getByRole('link', { name: 'Mon compte' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mon compte' })).toBeVisible();
  await expect(page.getByText('Cette session', { exact: true })).toBeVisible();
  await expectNoSeriousViolations(page, 'account');
  await page.getByRole('button', { name: 'Supprimer mon compte' }).click();
  await expect(page.getByRole('dialog', { name: 'Supprimer votre compte ?' })).toBeVisible();
  await expectNoSeriousViolations(page, 'delete account dialog');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/connexion$/);
});

test('no serious or critical accessibility violation on the delegate’s and the admin’s pages', async ({
  page,
}) => {
  await signInAs(page, 'delegue@demo.lieux-partages.fr');
  // Her landing page ("Ma région") links to the verifications too: the header's link is the one meant.
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Vérifications' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vérifications' })).toBeVisible();
  // Both lists must have loaded before the audit; either may be empty, depending on what earlier tests decided.
  await expect(
    page
      .getByRole('table', { name: /en attente$/ })
      .or(page.getByText('Aucune organisation n’attend de vérification.')),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: /vérifiées?$/ }).or(page.getByText('Aucune organisation vérifiée.')),
  ).toBeVisible();
  await expectNoSeriousViolations(page, 'verifications');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/connexion$/);

  await signInAs(page, 'admin@demo.lieux-partages.fr');
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  await expect(nav.getByRole('link')).toHaveText([
    'Espaces',
    'Projets',
    'Gestion',
    'Demandes',
    'Vérifications',
    'Comptes',
    'Journal',
    'Quotas',
    'Occupation',
    'Mon compte',
  ]);
  await nav.getByRole('link', { name: 'Comptes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Comptes La Poste' })).toBeVisible();
  await page.getByLabel('Délégué·e régional·e').check();
  await expect(page.getByLabel('Région', { exact: true })).toBeVisible();
  await expect(page.getByRole('option', { name: 'Occitanie' })).toBeAttached();
  await expectNoSeriousViolations(page, 'admin accounts');
  await page.screenshot({ path: `${SCREENSHOTS}/admin-accounts.png`, fullPage: true });
  await nav.getByRole('link', { name: 'Journal' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Journal' })).toBeVisible();
  await expect(page.getByRole('table')).toBeVisible();
  await expectNoSeriousViolations(page, 'audit log');
  await page.screenshot({ path: `${SCREENSHOTS}/audit.png`, fullPage: true });
});

test('no serious or critical accessibility violation on the search and the manager’s pages', async ({
  page,
}) => {
  // Ten audits of full pages (each section of the site's page is its own), two people signing in: 15 s
  // on a quiet machine, close to a minute beside the integration suites and a second browser.
  test.slow();
  await signIn(page);
  await page.goto('/espaces?commune=Montpellier&capacite=2&equipement=wifi');
  await expect(page.getByRole('heading', { level: 1, name: 'Espaces à réserver' })).toBeVisible();
  await expect(page.getByLabel('Wi-Fi')).toBeChecked();
  await expectNoSeriousViolations(page, 'search with filters');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/connexion$/);

  await signInAs(page, 'gestionnaire@demo.lieux-partages.fr');
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Gestion' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Gestion des sites' })).toBeVisible();
  await expectNoSeriousViolations(page, 'manager sites');
  await page.getByRole('link', { name: 'La Poste Montpellier Rondelet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'La Poste Montpellier Rondelet' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Salle Garrigue' })).toBeVisible();
  await expectNoSeriousViolations(page, 'manager site');
  await page.screenshot({ path: `${SCREENSHOTS}/manager-site-a11y.png`, fullPage: true });
  // Each section of the site's page, as its manager opens it.
  const sections = page.getByRole('navigation', { name: 'Sections de la page' });
  for (const [link, ready] of [
    ['Horaires', page.getByRole('button', { name: 'Enregistrer les horaires' })],
    ['Fermetures', page.getByRole('button', { name: 'Ajouter la fermeture' })],
    ['Jours fériés', page.getByRole('checkbox').first()],
    ['Remises', page.getByRole('heading', { level: 2, name: 'Remises solidaires' })],
    ['Calendrier', page.locator('.lp-calendar--site')],
    ['Accès', page.getByRole('button', { name: 'Enregistrer l’accès et le contact' })],
  ] as const) {
    await sections.getByRole('link', { name: link }).click();
    await expect(ready).toBeVisible();
    await expectNoSeriousViolations(page, `manager site, ${link}`);
  }
  await sections.getByRole('link', { name: 'Horaires' }).click();
  await page.getByRole('button', { name: 'Ajouter une plage le dimanche' }).click();
  await page.getByLabel('Fermeture — Dimanche, plage 1').fill('08:00');
  await page.getByRole('button', { name: 'Enregistrer les horaires' }).click();
  await expect(page.getByText('Plage 1 : la fermeture doit suivre l’ouverture.')).toBeVisible();
  await expectNoSeriousViolations(page, 'hours with errors');
  await sections.getByRole('link', { name: 'Espaces' }).click();

  await page.getByRole('link', { name: 'Nouvel espace' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nouvel espace' })).toBeVisible();
  await page.getByRole('button', { name: 'Créer l’espace (brouillon)' }).click();
  await expect(page.getByText('Au moins deux caractères')).toBeVisible();
  await expectNoSeriousViolations(page, 'space form with errors');
});

test('no serious or critical accessibility violation on a phone’s day view, its picker and the booking dialog', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page);
  await page.getByRole('link', { name: 'Voir les disponibilités de Salle Garrigue' }).click();
  // Next week's Tuesday: open, whatever the hour now.
  await page.getByRole('button', { name: 'Semaine suivante' }).click();
  await page.getByRole('list', { name: 'Jours de la semaine' }).getByRole('button').nth(1).click();
  const free = page.getByRole('button', { name: /Libre — choisir mes horaires/ }).first();
  await free.click();
  await expect(page.getByRole('group', { name: 'Vos horaires' })).toBeVisible();
  await expectNoSeriousViolations(page, 'space, day view with its picker (390 px)');

  await page.getByRole('button', { name: 'Réserver ce créneau' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('status').filter({ hasText: 'Ce créneau est libre.' })).toBeVisible();
  await expectNoSeriousViolations(page, 'booking dialog with the day’s free periods (390 px)');
});
