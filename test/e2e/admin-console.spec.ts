import { readFileSync } from 'node:fs';
import { SCREENSHOTS, expect, findSpace, linkFromOutbox, MEMBER, signInAs, test } from './support';

const ADMIN = 'admin@demo.lieux-partages.fr';
const API = '/api/v1';

/** Today in Paris, `2026-12-04`: the log's days are Paris days. */
const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

test('the admin runs the accounts: creates, searches, changes roles, resends the invitation, deactivates and reactivates', async ({
  page,
}) => {
  test.slow(); // a dozen round trips and two e-mails, on a loaded machine
  const stamp = Date.now();
  const name = `Léa Console ${stamp}`;
  const email = `lea.console.${stamp}@exemple.org`;
  await signInAs(page, ADMIN);
  await page.goto('/admin/comptes');
  await expect(page.getByRole('heading', { level: 1, name: 'Comptes La Poste' })).toBeVisible();

  const create = page.getByRole('region', { name: 'Nouveau compte' });
  await create.getByLabel('Prénom et nom').fill(name);
  await create.getByLabel('Adresse e-mail').fill(email);
  await create.getByLabel('Délégué·e régional·e').check();
  await create.getByLabel('Région', { exact: true }).selectOption({ label: 'Occitanie' });
  await create.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(create.getByRole('status')).toContainText(`Compte créé pour ${name}`);
  const firstLink = await linkFromOutbox(email, '/invitation');

  const search = page.getByRole('search', { name: 'Chercher un compte' });
  await search.getByLabel('Nom ou adresse e-mail').fill(`console ${stamp}`);
  await search.getByRole('combobox', { name: 'Rôle' }).selectOption({ label: 'Délégué·e régional·e' });
  await search.getByRole('button', { name: 'Chercher' }).click();
  await expect(page).toHaveURL(/\/admin\/comptes\?q=console/);
  const row = page.getByRole('row').filter({ hasText: email });
  await expect(row).toContainText('Délégué·e régional·e · Occitanie');
  await expect(row).toContainText('Invitation en attente');
  await expect(page.getByRole('row')).toHaveCount(2); // the header and this person

  await row.getByRole('button', { name: `Changer les rôles de ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Rôles de ${name}` });
  await dialog.getByRole('checkbox', { name: /La Poste Nîmes Esplanade/ }).check();
  await expect(dialog.getByLabel('Délégué·e de la région')).toHaveValue('76');
  await dialog.getByRole('button', { name: 'Enregistrer les rôles' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Rôles de ${name} enregistrés.` })).toBeVisible();
  await expect(row).toContainText('Gestionnaire de site · La Poste Nîmes Esplanade');
  await expect(row).toContainText('Délégué·e régional·e · Occitanie');

  await row.getByRole('button', { name: `Renvoyer l’invitation à ${name}` }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Nouvelle invitation envoyée à ${email}` }),
  ).toBeVisible();
  await expect.poll(() => linkFromOutbox(email, '/invitation'), { timeout: 15_000 }).not.toBe(firstLink);

  await row.getByRole('button', { name: `Désactiver le compte de ${name}` }).click();
  const confirm = page.getByRole('dialog', { name: `Désactiver le compte de ${name} ?` });
  await expect(confirm).toContainText('Ses sessions se ferment tout de suite');
  await confirm.getByRole('button', { name: 'Désactiver le compte' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Le compte de ${name} est désactivé` }),
  ).toBeVisible();
  await expect(row).toContainText('Désactivé');
  await page.screenshot({ path: `${SCREENSHOTS}/admin-accounts-list.png`, fullPage: true });

  await row.getByRole('button', { name: `Réactiver le compte de ${name}` }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Le compte de ${name} est réactivé.` }),
  ).toBeVisible();
  await expect(row).toContainText('Invitation en attente');
  // The admin never offers to deactivate themself.
  await search.getByLabel('Nom ou adresse e-mail').fill(ADMIN);
  await search.getByRole('combobox', { name: 'Rôle' }).selectOption('');
  await search.getByRole('button', { name: 'Chercher' }).click();
  await expect(page.getByRole('row').filter({ hasText: ADMIN })).toContainText(
    'Administrateur·rice national·e',
  );
  await expect(page.getByRole('button', { name: /^Désactiver le compte de Admin national/ })).toHaveCount(0);
});

test('the admin filters the audit log, reads a policy change in words and exports it as CSV', async ({
  page,
  request,
}) => {
  test.slow(); // a full-page screenshot and a download, on a loaded machine
  // A policy change by the admin, through the API: a space no other browser test books.
  const login = await request.post(`${API}/auth/login`, {
    data: { email: ADMIN, password: MEMBER.password },
  });
  const token = (await login.json()).accessToken as string;
  const space = await findSpace(request, 'Réserve Maison Carrée');
  const current = await (await request.get(`${API}/spaces/${space.id}`)).json();
  const policy = { ...current.policy, minNoticeMinutes: current.policy.minNoticeMinutes + 1440 };
  const changed = await request.patch(`${API}/spaces/${space.id}`, {
    headers: { authorization: `Bearer ${token}` },
    data: { policy },
  });
  expect(changed.status()).toBe(200);
  const hours = (m: number) => (m % 60 === 0 ? `${m / 60} h` : `${Math.floor(m / 60)} h ${m % 60}`);
  const difference = `Délai de prévenance : ${hours(current.policy.minNoticeMinutes)} → ${hours(policy.minNoticeMinutes)}`;

  await signInAs(page, ADMIN);
  await page.goto('/admin/journal');
  await expect(page.getByRole('heading', { level: 1, name: 'Journal' })).toBeVisible();
  const filters = page.getByRole('search', { name: 'Filtrer le journal' });
  const today = parisToday();
  await filters.getByLabel('Personne').fill('admin national');
  await filters.getByLabel('Action').selectOption({ label: 'Espace modifié' });
  await filters.getByLabel('Du').fill(today);
  await filters.getByLabel('Au').fill(today);
  await filters.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(
    new RegExp(`actor=admin\\+national&entity=space&action=updated&from=${today}&to=${today}`),
  );

  const row = page.getByRole('row').filter({ hasText: difference });
  await expect(row).toContainText('Espace modifié');
  await expect(row.getByRole('link', { name: 'Admin national' })).toBeVisible();
  await expect(row).toContainText(ADMIN);
  await expect(
    row.getByRole('link', { name: /^Réserve Maison Carrée · La Poste Nîmes Esplanade/ }),
  ).toBeVisible();
  await expect(page.getByRole('table').getByText(/[0-9a-f]{8}-[0-9a-f]{4}/)).toHaveCount(0);

  // The filters survive a reload: they live in the address.
  await page.reload();
  await expect(page.getByRole('search', { name: 'Filtrer le journal' }).getByLabel('Personne')).toHaveValue(
    'admin national',
  );
  await expect(page.getByRole('row').filter({ hasText: difference })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/audit-filtered.png`, fullPage: true });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Exporter en CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`journal-${today}-${today}.csv`);
  const csv = readFileSync((await download.path())!, 'utf8');
  const [header, ...lines] = csv.replace(/^\uFEFF/, '').split('\r\n');
  expect(header).toBe('Date et heure (Paris);Personne;Adresse e-mail;Action;Objet;Désignation;Détail');
  expect(lines.find((l) => l.includes(difference))).toContain(
    `;Admin national;${ADMIN};Espace modifié;Espace;`,
  );
});
