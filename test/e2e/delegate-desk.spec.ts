import type { Page } from '@playwright/test';
import { axeOn, expect, randomSiret, SCREENSHOTS, signInAs, test } from './support';

const DELEGATE = {
  email: 'delegue@demo.lieux-partages.fr',
  password: process.env.DEMO_PASSWORD ?? 'demo1234',
};
const SITE = 'La Poste Montpellier Rondelet';

/** Nothing wider than the window: the page never scrolls sideways (a wide table scrolls in its own box). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function seriousViolations(page: Page) {
  const axe = await axeOn(page).analyze();
  return axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

test.describe('the delegate’s occupancy reports', () => {
  for (const screen of [
    { name: 'desktop', width: 1280, height: 900 },
    { name: 'phone', width: 390, height: 844 },
  ]) {
    test(`fit a ${screen.width} px screen, show the rate by month and open a site from its name`, async ({
      page,
    }) => {
      // Two reports, axe and four screenshots on a shared machine.
      test.slow();
      await page.setViewportSize({ width: screen.width, height: screen.height });
      await signInAs(page, DELEGATE.email, DELEGATE.password);
      await page.goto('/rapports');
      await expect(page.getByRole('heading', { level: 1, name: 'Occupation des espaces' })).toBeVisible();
      const sites = page.getByRole('table', { name: /Occupation par site/ });
      await expect(sites.getByRole('link', { name: SITE })).toBeVisible();
      await expect(page.getByTestId('occupancy-map')).toBeVisible();
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

      // The chart's figures for screen readers carry the rate beside the hours.
      const byMonth = page.getByRole('table', { name: 'Par mois' });
      await expect(byMonth.getByRole('columnheader', { name: 'Taux d’occupation' })).toBeAttached();
      await expect(byMonth.locator('tbody tr').first().locator('td').nth(2)).toHaveText(/%|—/);

      // The filters are the app's fields: an impossible period is said inline, and not sent.
      const to = page.getByLabel('Au', { exact: true });
      await to.fill('2020-01-01');
      await expect(page.getByText('La période doit finir après son début.')).toBeVisible();
      await expect(to).toHaveAttribute('aria-invalid', 'true');
      await expect(page).not.toHaveURL(/au=2020-01-01/);
      await to.fill(`${new Date().getFullYear()}-12-31`);
      await expect(page.getByText('La période doit finir après son début.')).toHaveCount(0);

      // A site's name opens its own report, in the address; a link leads back to the région.
      await sites.getByRole('link', { name: SITE }).click();
      await expect(page).toHaveURL(/[?&]site=[0-9a-f-]{36}/);
      await expect(page.getByRole('heading', { level: 2, name: SITE })).toBeVisible();
      const spaces = page.getByRole('table', { name: `Espaces de ${SITE}` });
      await expect(spaces.getByRole('rowheader', { name: /Salle Garrigue/ })).toBeVisible();
      await expect(page.getByRole('table', { name: 'Par mois' })).toBeAttached();
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/occupancy-site-${screen.name}.png`, fullPage: true });

      // The address alone opens the same report (a bookmark, a link sent to someone).
      await page.reload();
      await expect(page.getByRole('heading', { level: 2, name: SITE })).toBeVisible();
      await page.getByRole('link', { name: 'Retour à Occitanie' }).click();
      await expect(page).not.toHaveURL(/site=/);
      await expect(sites.getByRole('link', { name: SITE })).toBeVisible();
      await page.screenshot({ path: `${SCREENSHOTS}/occupancy-${screen.name}.png`, fullPage: true });
    });
  }
});

test('the verification queue shows whom to contact, the public records and the past decisions', async ({
  page,
  request,
}) => {
  test.slow();
  const name = `Atelier vélo ${Date.now()}`;
  const siret = randomSiret();
  const rna = `W34${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const email = `camille.${Date.now()}@exemple.org`;
  const registered = await request.post('/api/v1/organisations/register', {
    data: {
      organisation: {
        name,
        siret,
        legalForm: 'association',
        rna,
        address: '12 rue de l’Aiguillerie',
        postcode: '34000',
        communeCode: '34172',
      },
      admin: { displayName: 'Camille Roux', email, password: 'motdepasse-solide-1' },
    },
  });
  expect(registered.status()).toBe(201);
  const orgId = (await registered.json()).organisation.id;

  await signInAs(page, DELEGATE.email, DELEGATE.password);
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Vérifications' })
    .click();
  const pending = page.getByRole('table', { name: /en attente/ });
  const row = pending.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Camille Roux');
  await expect(row.getByRole('link', { name: email })).toHaveAttribute('href', `mailto:${email}`);
  const spaced = siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4');
  const siretLink = row.getByRole('link', {
    name: new RegExp(`^${spaced} : fiche de .* \\(nouvel onglet\\)`),
  });
  await expect(siretLink).toHaveAttribute(
    'href',
    `https://annuaire-entreprises.data.gouv.fr/etablissement/${siret}`,
  );
  await expect(siretLink).toHaveAttribute('target', '_blank');
  await expect(siretLink).toHaveAttribute('rel', /noopener/);
  await expect(row.getByRole('link', { name: new RegExp(`^${rna} : `) })).toHaveAttribute(
    'href',
    `https://annuaire-entreprises.data.gouv.fr/rechercher?terme=${rna}`,
  );
  await page.screenshot({ path: `${SCREENSHOTS}/verifications-contact.png`, fullPage: true });

  // Refused, it waits among the refused with its decision; verified after all, then withdrawn.
  await row.getByRole('button', { name: `Refuser ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Refuser ${name}` });
  await dialog.getByLabel('Motif du refus').fill('Le RNA ne correspond pas à la dénomination.');
  await dialog.getByRole('button', { name: 'Refuser l’inscription' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${name} est refusée` })).toBeVisible();
  const refused = page
    .getByRole('table', { name: /refusée/ })
    .getByRole('row')
    .filter({ hasText: name });
  await refused.getByRole('button', { name: `Vérifier ${name}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `${name} est vérifiée` })).toBeVisible();
  const verified = page
    .getByRole('table', { name: /vérifiée/ })
    .getByRole('row')
    .filter({ hasText: name });
  await verified.getByRole('button', { name: `Retirer la vérification de ${name}` }).click();
  const withdraw = page.getByRole('dialog', { name: `Retirer la vérification de ${name}` });
  await withdraw.getByLabel('Motif du retrait').fill('Activité commerciale sans lien avec l’ESS.');
  await withdraw.getByRole('button', { name: 'Retirer la vérification' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `La vérification de ${name} est retirée` }),
  ).toBeVisible();

  await refused.getByText('Décisions passées').click();
  const history = refused.getByRole('listitem');
  await expect(history).toHaveCount(3);

  // Who, when (in Paris, in French) and why, newest first: as the API recorded them.
  const token = (await (await request.post('/api/v1/auth/login', { data: DELEGATE })).json()).accessToken;
  const headers = { authorization: `Bearer ${token}` };
  const me = await (await request.get('/api/v1/me', { headers })).json();
  const decisions = (
    await (await request.get(`/api/v1/organisations/${orgId}/decisions`, { headers })).json()
  ).items;
  const paris = (at: string, options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', ...options }).format(new Date(at));
  const when = (at: string) =>
    `le ${paris(at, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })}`;
  await expect(history.nth(0)).toContainText('Vérification retirée');
  await expect(history.nth(0)).toContainText(when(decisions[0].at));
  await expect(history.nth(0)).toContainText(`par ${me.displayName}`);
  await expect(history.nth(0)).toContainText('Activité commerciale sans lien avec l’ESS.');
  await expect(history.nth(1)).toContainText('Vérifiée');
  await expect(history.nth(2)).toContainText('Refusée');
  await expect(history.nth(2)).toContainText('Le RNA ne correspond pas à la dénomination.');
  const [hour, minute] = paris(decisions[2].at, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).split(':');
  await expect(history.nth(2)).toContainText(`à ${Number(hour)} h ${minute}`);

  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/verifications-history.png`, fullPage: true });

  // On a phone the queue's rows become cards: nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(refused).toBeVisible();
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
});
