import {
  dayColumn,
  expect,
  findSpace,
  freeSlotNextWeek,
  frenchDate,
  linkFromOutbox,
  openSpace,
  randomSiret,
  registerOrganisation,
  SCREENSHOTS,
  showWeekOf,
  signInAs,
  test,
} from './support';

const DELEGATE = 'delegue@demo.lieux-partages.fr';
const PENDING_BANNER =
  'Votre organisation est en attente de vérification : vous pouvez consulter les espaces, pas encore réserver.';

test('an organisation signs up, waits for its delegate, is verified and books', async ({
  page,
  browser,
  request,
}) => {
  const stamp = Date.now();
  const name = `Association Les Jardins Partagés ${stamp}`;
  const email = `presidence.${stamp}@jardins-partages.org`;
  const siret = randomSiret();

  // Sign-up, from the login page.
  await page.goto('/connexion');
  await page.getByRole('link', { name: 'Inscrire mon organisation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inscrire mon organisation' })).toBeVisible();

  await page.getByLabel('Nom de l’organisation').fill(name);
  // The SIRET is checked as it is typed, with the API's own French message.
  const siretField = page.getByLabel('SIRET', { exact: true });
  const wrong = `${siret.slice(0, 13)}${(Number(siret[13]) + 1) % 10}`;
  await siretField.fill(wrong);
  await expect(
    page.getByText('Ce SIRET n’existe pas : sa clé de contrôle est fausse. Vérifiez chaque chiffre.'),
  ).toBeVisible();
  await expect(siretField).toHaveAttribute('aria-invalid', 'true');
  await siretField.fill(siret.replace(/^(\d{3})(\d{3})(\d{3})/, '$1 $2 $3 '));
  await expect(page.getByText(/^SIRET valide/)).toBeVisible();
  await expect(siretField).not.toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Forme juridique').selectOption({ label: 'Association' });
  const rna = page.getByLabel('Numéro RNA');
  await rna.fill('W34');
  await rna.blur();
  await expect(
    page.getByText('Le numéro RNA commence par W suivi de 9 chiffres, par exemple W751234567.'),
  ).toBeVisible();
  await rna.fill(`W34${String(stamp).slice(-7)}`);
  await page.getByLabel('Adresse', { exact: true }).fill('12 rue de l’Aiguillerie');

  // The commune: a combobox, by name, picked with the keyboard.
  const commune = page.getByRole('combobox', { name: 'Commune' });
  await commune.fill('Montpellier');
  const option = page.getByRole('option', { name: /^Montpellier \(34000\)/ });
  await expect(option).toBeVisible();
  await expect(commune).toHaveAttribute('aria-expanded', 'true');
  await commune.press('ArrowDown');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: `${SCREENSHOTS}/register-commune.png`, fullPage: true });
  await commune.press('Enter');
  await expect(commune).toHaveValue('Montpellier (34000)');
  await expect(commune).toHaveAttribute('aria-expanded', 'false');

  await page.getByLabel('Prénom et nom').fill('Inès Garnier');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill('un-mot-de-passe-solide');
  await page.screenshot({ path: `${SCREENSHOTS}/register-filled.png`, fullPage: true });
  await page.getByRole('button', { name: 'Inscrire mon organisation' }).click();

  // Signed in, pending.
  await expect(page.getByRole('heading', { level: 1, name: 'En attente de vérification' })).toBeVisible();
  await expect(page.getByText(PENDING_BANNER)).toBeVisible();
  await expect(page.getByText('Connecté·e : Inès Garnier')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/registered-pending.png`, fullPage: true });

  // Browsing is allowed, booking is not.
  const space = await findSpace(request, 'Salle Garrigue');
  await page.getByRole('link', { name: 'Consulter les espaces' }).click();
  await openSpace(page, space.name);
  await expect(
    page.getByText(
      'Votre organisation doit être vérifiée par sa délégation régionale avant de pouvoir réserver.',
    ),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Réserver un créneau' })).toHaveCount(0);

  // The delegate of Occitanie verifies it, in another browser.
  const delegateContext = await browser.newContext();
  const delegate = await delegateContext.newPage();
  await signInAs(delegate, DELEGATE);
  const nav = delegate.getByRole('navigation', { name: 'Navigation principale' });
  await expect(nav.getByRole('link', { name: 'Mes réservations' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Vérifications' }).click();
  await expect(delegate.getByRole('heading', { level: 1, name: 'Vérifications' })).toBeVisible();
  const row = delegate.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText(siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4'));
  await expect(row).toContainText('Association');
  await expect(row).toContainText('Montpellier (34000)');
  await delegate.screenshot({ path: `${SCREENSHOTS}/verifications.png`, fullPage: true });
  await row.getByRole('button', { name: `Vérifier ${name}` }).click();
  await expect(delegate.getByRole('status').filter({ hasText: `${name} est vérifiée` })).toBeVisible();
  // It leaves the waiting list for the verified organisations, whose verification can be withdrawn.
  await expect(delegate.getByRole('button', { name: `Vérifier ${name}` })).toHaveCount(0);
  await expect(
    delegate
      .getByRole('row')
      .filter({ hasText: name })
      .getByRole('button', {
        name: `Retirer la vérification de ${name}`,
      }),
  ).toBeVisible();
  await delegateContext.close();

  // Back to the organisation: after a reload, no banner, and a free slot is booked.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: space.name })).toBeVisible();
  await expect(page.getByText(PENDING_BANNER)).toHaveCount(0);
  const slot = await freeSlotNextWeek(request, space, '14:00', '15:00', [3, 2, 4, 1, 0]);
  await showWeekOf(page, slot.date);
  // Through the button and typed times (the drag is booking.spec's): what a new organisation may do now.
  await page.getByRole('button', { name: 'Réserver un créneau' }).click();
  const dialog = page.getByRole('dialog', { name: `Réserver « ${space.name} »` });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Date').fill(slot.date);
  await dialog.getByLabel('Début').fill('14:00');
  await dialog.getByLabel('Fin').fill('15:00');
  await expect(dialog.getByText('Ce créneau est libre.')).toBeVisible();
  await dialog.getByLabel('Objet de la réservation').fill('Assemblée générale');
  await dialog.getByLabel('Nombre de participants').fill('12');
  await dialog.getByRole('button', { name: 'Réserver', exact: true }).click();
  const confirmation = page.getByRole('status').filter({ hasText: 'Réservation confirmée' });
  await expect(confirmation).toBeVisible();
  await expect(confirmation).toContainText(
    `${frenchDate(slot.date, space.site.timeZone)}, de 14 h 00 à 15 h 00`,
  );
  await expect(dayColumn(page, slot.date).getByText('Votre réservation : Assemblée générale')).toBeVisible();
});

test('a new tab, or an expired access token, keeps the person signed in through the refresh cookie', async ({
  page,
  context,
}) => {
  await signInAs(page, 'membre@demo.lieux-partages.fr');
  // A new tab starts without an access token: the refresh cookie signs it in.
  const tab = await context.newPage();
  await tab.goto('/mes-reservations');
  await expect(tab.getByRole('heading', { level: 1, name: 'Mes réservations' })).toBeVisible();
  await expect(tab.getByText('Connecté·e : Camille Martin')).toBeVisible();
  await tab.close();

  // A token the API refuses is refreshed once, and the page loads as if nothing happened.
  await page.evaluate(() => sessionStorage.setItem('lieux.accessToken', 'expired.or.forged'));
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Espaces à réserver' })).toBeVisible();
  await expect(page.getByText('Connecté·e : Camille Martin')).toBeVisible();
  await page.getByRole('link', { name: 'Mes réservations' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes réservations' })).toBeVisible();
  await expect(page).toHaveURL(/\/mes-reservations$/);
});

test('a forgotten password is reset from the e-mailed link', async ({ page, request }) => {
  test.skip(!process.env.E2E_DATA_DIR, 'needs the local test server’s outbox');
  const account = await registerOrganisation(request);

  await page.goto('/connexion');
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' })).toBeVisible();
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByRole('button', { name: 'Recevoir le lien' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Demande enregistrée.' })).toBeVisible();

  const link = await linkFromOutbox(account.email, '/mot-de-passe/nouveau');
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Nouveau mot de passe' })).toBeVisible();
  await page.getByLabel('Nouveau mot de passe').fill('un-tout-nouveau-secret');
  await page.getByLabel('Confirmez le mot de passe').fill('un-autre-secret');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(page.getByText('Les deux mots de passe ne sont pas identiques.')).toBeVisible();
  await page.getByLabel('Confirmez le mot de passe').fill('un-tout-nouveau-secret');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();

  await expect(page).toHaveURL(/\/connexion$/);
  await expect(
    page.getByText('Votre mot de passe a été changé. Connectez-vous avec le nouveau.'),
  ).toBeVisible();
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel('Mot de passe').fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.');
  await page.getByLabel('Mot de passe').fill('un-tout-nouveau-secret');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Espaces à réserver' })).toBeVisible();

  // The link served once.
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/connexion$/);
  await page.goto(link);
  await page.getByLabel('Nouveau mot de passe').fill('encore-un-autre-secret');
  await page.getByLabel('Confirmez le mot de passe').fill('encore-un-autre-secret');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(page.getByRole('alert')).toContainText('Ce lien n’est pas valable');
});

test('an organisation admin invites a member, who joins from the e-mailed link', async ({
  page,
  browser,
  request,
}) => {
  test.skip(!process.env.E2E_DATA_DIR, 'needs the local test server’s outbox');
  const admin = await registerOrganisation(request);
  const invitee = `benevole.${Date.now()}@exemple.org`;

  await signInAs(page, admin.email, admin.password);
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Membres' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Membres' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: admin.email })).toContainText('Administrateur·rice');
  await page.getByLabel('Adresse e-mail').fill(invitee);
  await page.getByLabel('Rôle').selectOption('member');
  await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Invitation envoyée à ${invitee}` })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/members.png`, fullPage: true });

  const link = await linkFromOutbox(invitee, '/invitation');
  const context = await browser.newContext();
  const member = await context.newPage();
  await member.goto(link);
  await expect(member.getByRole('heading', { level: 1, name: 'Rejoindre l’organisation' })).toBeVisible();
  await member.getByLabel('Prénom et nom').fill('Jules Bénévole');
  await member.getByLabel('Mot de passe', { exact: true }).fill('benevole-secret-1');
  await member.getByLabel('Confirmez le mot de passe').fill('benevole-secret-1');
  await member.getByRole('button', { name: 'Activer mon compte' }).click();
  await expect(member.getByRole('heading', { level: 1, name: 'Espaces à réserver' })).toBeVisible();
  await expect(member.getByText('Connecté·e : Jules Bénévole')).toBeVisible();
  await expect(member.getByText(PENDING_BANNER)).toBeVisible();
  const nav = member.getByRole('navigation', { name: 'Navigation principale' });
  await expect(nav.getByRole('link', { name: 'Mes réservations' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Membres' })).toHaveCount(0);
  await context.close();

  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: invitee })).toContainText('Membre');
});

test('the account page lists the sessions, closes another one, and deletes the account', async ({
  page,
  browser,
  request,
}) => {
  const account = await registerOrganisation(request);
  // A second session, elsewhere.
  const elsewhere = await browser.newContext({ userAgent: 'Mozilla/5.0 (Windows NT 10.0) Firefox/140.0' });
  await signInAs(await elsewhere.newPage(), account.email, account.password);

  await signInAs(page, account.email, account.password);
  await page.getByRole('link', { name: 'Mon compte' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mon compte' })).toBeVisible();
  await expect(page.getByText(account.email)).toBeVisible();
  await expect(page.getByText('En attente de vérification', { exact: true })).toBeVisible();
  const sessions = page.locator('.session');
  await expect(sessions).toHaveCount(3); // registration, the other browser, this one
  await expect(sessions.filter({ has: page.getByText('Cette session', { exact: true }) })).toHaveCount(1);
  await page.screenshot({ path: `${SCREENSHOTS}/account.png`, fullPage: true });
  await sessions
    .filter({ hasText: 'Firefox sur Windows' })
    .getByRole('button', { name: /^Fermer cette session|^Fermer la session/ })
    .click();
  await expect(page.getByRole('status').filter({ hasText: 'Session fermée.' })).toBeVisible();
  await expect(sessions).toHaveCount(2);
  await elsewhere.close();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Télécharger mes données' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^lieux-partages-mes-donnees-.*\.json$/);

  await page.getByRole('button', { name: 'Supprimer mon compte' }).click();
  const dialog = page.getByRole('dialog', { name: 'Supprimer votre compte ?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('anonymisées');
  await expect(dialog.getByRole('button', { name: 'Annuler' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Supprimer définitivement' }).click();
  await expect(page).toHaveURL(/\/connexion$/);
  await expect(page.getByText('Votre compte a été supprimé.')).toBeVisible();
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel('Mot de passe').fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.');
});
