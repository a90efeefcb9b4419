import type { Browser, Page } from '@playwright/test';
import { expect, expectNoSeriousViolations, mailFromOutbox, MEMBER, signIn, signInAs, test } from './support';

const MANAGER = 'gestionnaire@demo.lieux-partages.fr';
const DELEGATE = 'delegue@demo.lieux-partages.fr';
const SITE = 'La Poste Nîmes Esplanade';
const PURPOSE = `Atelier de réparation de vélos ${Date.now()}`;
const WORKSHOP = `Atelier Feuchères ${Date.now() % 100_000}`;

async function pageAs(browser: Browser, email?: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  if (email) await signInAs(page, email);
  else await signIn(page);
  return page;
}

/** The delegate's unmet-demand page: its table's row for the Gard, and the map's circles. */
async function unmetDemand(page: Page) {
  await expect(page.getByRole('heading', { level: 1, name: 'Demande non satisfaite' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Par département' });
  await expect(table).toBeVisible();
  return {
    gard: table.getByRole('row').filter({ hasText: '(30)' }),
    circles: page.getByTestId('unmet-demand-map').locator('path.demand-map__place'),
  };
}

test('an association declares a workshop it cannot find in Nîmes, the manager opens one, the association books it from the e-mail, and the demand map forgets it', async ({
  browser,
}) => {
  test.skip(!process.env.E2E_DATA_DIR, 'needs the local test server’s outbox');
  test.setTimeout(240_000);

  // The association searches Nîmes for a workshop of 30 m²: nothing; it declares its need from there.
  const member = await pageAs(browser);
  const search = member.getByRole('search', { name: 'Rechercher un espace' });
  await search.getByLabel('Commune ou code postal').fill('Nîmes');
  await search.getByText('Plus de filtres').click();
  await search.getByLabel('Type d’espace').selectOption('workshop');
  await search.getByLabel('Surface (m², au moins)').fill('30');
  await search.getByRole('button', { name: 'Rechercher' }).click();
  await expect(member).toHaveURL(/type=workshop/);
  await expect(member.getByText('Aucun espace ne convient ?')).toBeVisible();
  await member.getByRole('link', { name: 'Déclarez votre besoin' }).click();

  await expect(member.getByRole('heading', { level: 1, name: 'Déclarer un besoin' })).toBeVisible();
  await expect(member.getByLabel('Type d’espace')).toHaveValue('workshop');
  await expect(member.getByLabel('Surface minimale (m²)')).toHaveValue('30');
  await expect(member.getByRole('combobox', { name: 'Commune' })).toHaveValue(/^Nîmes/);
  await member.getByLabel('Nombre de personnes').fill('12');
  await member.getByLabel('Mardi', { exact: true }).check();
  await member.getByLabel('Après-midi (14 h – 17 h)').check();
  await expect(member.getByText(/^Compris : tous les mardis de 14 h à 17 h, du /)).toBeVisible();
  await member.getByLabel('En une phrase').fill(PURPOSE);
  await member.getByLabel('Domaine', { exact: true }).selectOption('mobilite');
  await expectNoSeriousViolations(member, 'the need form');
  await member.getByRole('button', { name: 'Déclarer ce besoin' }).click();

  await expect(member.getByRole('heading', { level: 1, name: PURPOSE })).toBeVisible();
  await expect(
    member.getByText(
      /^Un atelier d’au moins 30 m² pour 12 personnes, tous les mardis de 14 h à 17 h, du .+, à Nîmes ou à 20 km autour\.$/,
    ),
  ).toBeVisible();
  await expect(member.getByText('Aucun espace ne répond à ce besoin pour l’instant.')).toBeVisible();
  await expectNoSeriousViolations(member, 'a need with no match');
  await member
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Mes besoins' })
    .click();
  await expect(member.getByRole('link', { name: PURPOSE })).toBeVisible();

  // The delegate of Occitanie sees it on the unmet-demand map and table: the Gard had none before.
  const delegate = await pageAs(browser, DELEGATE);
  await delegate.getByRole('link', { name: 'Voir la demande non satisfaite de la région' }).click();
  let demand = await unmetDemand(delegate);
  await expect(demand.gard).toHaveCount(1);
  await expect(demand.gard).toContainText('Atelier');
  await expect(demand.gard).toContainText('20 à 50 m²');
  await expect(demand.circles.first()).toBeAttached();
  const circles = await demand.circles.count();
  await expectNoSeriousViolations(delegate, 'the unmet demand');

  // The manager of the Nîmes site sees the demand near it, then opens a workshop of 35 m² there.
  const manager = await pageAs(browser, MANAGER);
  await manager.goto('/gestion');
  await manager.getByRole('link', { name: SITE }).click();
  await expect(manager.getByRole('heading', { level: 1, name: SITE })).toBeVisible();
  const sitePath = new URL(manager.url()).pathname;
  await manager
    .getByRole('navigation', { name: 'Sections de la page' })
    .getByRole('link', { name: 'Demande à proximité' })
    .click();
  await expect(manager.getByRole('heading', { level: 2, name: 'Demande à proximité' })).toBeVisible();
  const nearby = manager.getByRole('listitem').filter({ hasText: PURPOSE });
  await expect(nearby).toContainText('Un atelier d’au moins 30 m² pour 12 personnes, tous les mardis');
  await expect(nearby).toContainText(/Vos espaces pourraient accueillir \d+ des \d+ créneaux voulus/);
  await expect(nearby).toContainText('L’organisation n’a pas souhaité être contactée.');
  await expectNoSeriousViolations(manager, 'the demand near a site');

  await manager.goto(sitePath);
  await manager.getByRole('link', { name: 'Nouvel espace' }).click();
  await expect(manager.getByRole('heading', { level: 1, name: 'Nouvel espace' })).toBeVisible();
  await manager.getByLabel('Nom de l’espace').fill(WORKSHOP);
  await manager.getByLabel('Type').selectOption({ label: 'Atelier' });
  await manager.getByLabel('Surface').fill('35');
  await manager.getByLabel('Capacité').fill('15');
  await manager.getByLabel('Tarif horaire').fill('0');
  await manager.getByRole('button', { name: 'Créer l’espace (brouillon)' }).click();
  await expect(manager.getByRole('heading', { level: 1, name: SITE })).toBeVisible();
  const row = manager.getByRole('row').filter({ hasText: WORKSHOP });
  await row.getByRole('button', { name: `Publier ${WORKSHOP}` }).click();
  await expect(manager.getByRole('status').filter({ hasText: `« ${WORKSHOP} » est publié` })).toBeVisible();

  // The association gets one e-mail naming the new workshop, with its need's page.
  // (Its subject, "De nouveaux espaces répondent à votre besoin", is encoded in the header: the body is read.)
  const mail = await mailFromOutbox(MEMBER.email, `à votre besoin « ${PURPOSE} »`, 60_000);
  expect(mail).toContain(WORKSHOP);
  const link = mail.match(/https?:\/\/[^\s"<>]+\/besoins\/[0-9a-f-]{36}(?=[\s"<>]|$)/m);
  expect(link, 'the need’s page in the e-mail').not.toBeNull();

  // The e-mail's "stop" link turns the need's e-mails off in one click; the page turns them on again.
  const needPath = new URL(link![0]).pathname;
  await member.goto(`${needPath}?courriels=non`);
  await expect(member.getByText('Vous ne recevrez plus d’e-mails pour ce besoin.')).toBeVisible();
  await member.getByRole('button', { name: 'Recevoir les e-mails' }).click();
  await expect(
    member.getByText('Vous recevrez un e-mail quand de nouveaux espaces conviendront.'),
  ).toBeVisible();

  // It opens the match and books the series in one action.
  await member.goto(needPath);
  await expect(member.getByRole('heading', { level: 1, name: PURPOSE })).toBeVisible();
  const match = member.getByRole('listitem').filter({ has: member.getByRole('link', { name: WORKSHOP }) });
  await expect(match).toContainText(/\d+ sur \d+ créneaux libres/);
  await expect(match).toContainText('Gratuit');
  await expectNoSeriousViolations(member, 'a need with its matches');
  await match.getByRole('button', { name: `Réserver ces créneaux : ${WORKSHOP}` }).click();
  const dialog = member.getByRole('dialog', { name: `Réserver ${WORKSHOP}` });
  await expect(dialog.getByLabel('Intitulé des réservations')).toHaveValue(PURPOSE);
  await dialog.getByRole('button', { name: /^Réserver (le créneau|les \d+ créneaux)$/ }).click();
  const result = member.getByRole('status').filter({ hasText: new RegExp(`réservés? à ${WORKSHOP}`) });
  await expect(result).toBeVisible();
  await expect(result.getByRole('listitem').filter({ hasText: '— réservé' }).first()).toBeVisible();
  await expect(member.getByText('Réservé', { exact: true })).toBeVisible();
  await member.getByRole('link', { name: 'Voir mes réservations' }).click();
  await expect(member.getByText(PURPOSE).first()).toBeVisible();

  // The delegate's map and table no longer show it.
  await delegate.reload();
  demand = await unmetDemand(delegate);
  await expect(demand.gard).toHaveCount(0);
  await expect(demand.circles).toHaveCount(circles - 1);

  // The manager archives the workshop again, so that a later run on the same server finds Nîmes without one.
  await manager.goto(sitePath);
  await manager
    .getByRole('row')
    .filter({ hasText: WORKSHOP })
    .getByRole('button', { name: `Archiver ${WORKSHOP}` })
    .click();
  await expect(manager.getByRole('status').filter({ hasText: `« ${WORKSHOP} » est archivé` })).toBeVisible();
});
