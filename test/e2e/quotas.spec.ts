import type { APIRequestContext } from '@playwright/test';
import {
  apiToken,
  dragSlot,
  expect,
  expectNoSeriousViolations,
  findSpace,
  freeSlotNextWeek,
  openSpace,
  SCREENSHOTS,
  showWeekOf,
  signIn,
  signInAs,
  test,
} from './support';

const API = '/api/v1';
const MANAGER = 'gestionnaire@demo.lieux-partages.fr';
const PASSWORD = process.env.DEMO_PASSWORD ?? 'demo1234';
const SITE = 'La Poste Nîmes Esplanade';
const SPACE = 'Salle des Arènes';

async function managerToken(request: APIRequestContext): Promise<string> {
  const res = await request.post(`${API}/auth/login`, { data: { email: MANAGER, password: PASSWORD } });
  return (await res.json()).accessToken;
}

/** Leaves the demo as it was for the other specs: the site's quotas and the bookings made here gone. */
async function cleanUp(request: APIRequestContext, title: string) {
  const manager = { authorization: `Bearer ${await managerToken(request)}` };
  const sites = (await (await request.get(`${API}/sites`, { headers: manager })).json()).items as {
    id: string;
    name: string;
  }[];
  const site = sites.find((s) => s.name === SITE)!;
  const rules = await (await request.get(`${API}/sites/${site.id}/quotas`, { headers: manager })).json();
  for (const r of rules.items as { id: string }[])
    await request.delete(`${API}/sites/${site.id}/quotas/${r.id}`, { headers: manager });
  const member = { authorization: `Bearer ${await apiToken(request)}` };
  const mine = (await (await request.get(`${API}/bookings?mine=true&limit=200`, { headers: member })).json())
    .items as { id: string; title: string; status: string }[];
  for (const b of mine.filter((b) => b.title === title && b.status !== 'cancelled'))
    await request.post(`${API}/bookings/${b.id}/cancel`, { headers: member, data: {} });
}

test('a manager sets a quota; the organisation books until it is reached, told what is left, then refused', async ({
  browser,
  page: managerPage,
  request,
}) => {
  test.slow();
  const title = `Quota ${Date.now()}`;
  const space = await findSpace(request, SPACE);
  let page = managerPage;
  try {
    // The manager: two hours a week in the site's meeting rooms, for every organisation.
    await signInAs(page, MANAGER);
    await page.goto('/gestion');
    await page.getByRole('link', { name: SITE }).click();
    await page
      .getByRole('navigation', { name: 'Sections de la page' })
      .getByRole('link', { name: 'Quotas' })
      .click();
    await expect(page.getByRole('heading', { level: 2, name: 'Quotas d’usage' })).toBeVisible();
    await expect(page.getByText('Aucun quota pour l’instant.')).toBeVisible();
    await page.getByRole('button', { name: 'Enregistrer le quota' }).click();
    await expect(
      page.getByText('Fixez au moins une limite : heures par semaine, par mois ou réservations à la fois'),
    ).toBeVisible();
    await page.getByLabel('Type d’espace').selectOption({ label: 'Salle de réunion' });
    await page.getByLabel('Heures par semaine').fill('2');
    await page.getByRole('button', { name: 'Enregistrer le quota' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Quota enregistré.' })).toBeVisible();
    const rule = page.getByRole('row').filter({ hasText: 'Toutes les organisations' });
    await expect(rule).toContainText('Salle de réunion');
    await expect(rule).toContainText('2 h');
    await expectNoSeriousViolations(page, 'the site’s quotas');
    await page.screenshot({ path: `${SCREENSHOTS}/site-quotas.png`, fullPage: true });

    // A week in which the organisation has no meeting room booked here yet: the specs run before this one
    // on the same server may have booked next week's.
    const member = { authorization: `Bearer ${await apiToken(request)}` };
    let weeks = 1;
    let first = await freeSlotNextWeek(request, space, '10:00', '11:00', undefined, weeks);
    for (;;) {
      const standing = await (
        await request.get(`${API}/spaces/${space.id}/quota?at=${encodeURIComponent(first.start)}`, {
          headers: member,
        })
      ).json();
      if (standing.weekMinutesLeft === 120) break;
      expect(weeks, 'a week without the organisation’s meeting rooms at this site').toBeLessThan(3);
      first = await freeSlotNextWeek(request, space, '10:00', '11:00', undefined, ++weeks);
    }

    // The organisation books an hour: the dialog says two are left.
    page = await (await browser.newContext()).newPage();
    await signIn(page);
    await openSpace(page, SPACE);
    await showWeekOf(page, first.date);
    await dragSlot(page, first.date, '10:00', '10:30');
    let dialog = page.getByRole('dialog', { name: `Réserver « ${SPACE} »` });
    await expect(dialog.getByText('Il vous reste 2 h cette semaine sur ce site.')).toBeVisible();
    await dialog.getByLabel('Objet de la réservation').fill(title);
    await dialog.getByLabel('Nombre de participants').fill('4');
    await dialog.getByRole('button', { name: 'Réserver', exact: true }).click();
    await expect(dialog).toBeHidden();

    // Two more hours the same week: one is left, as the dialog says, and the booking is refused.
    const second = await freeSlotNextWeek(request, space, '14:00', '16:00', undefined, weeks);
    await page.getByRole('button', { name: 'Réserver un créneau' }).click();
    dialog = page.getByRole('dialog', { name: `Réserver « ${SPACE} »` });
    await dialog.getByLabel('Date').fill(second.date);
    await dialog.getByLabel('Début').fill('14:00');
    await dialog.getByLabel('Fin').fill('16:00');
    await expect(dialog.getByText('Il vous reste 1 h cette semaine sur ce site.')).toBeVisible();
    await dialog.getByLabel('Objet de la réservation').fill(title);
    await dialog.getByLabel('Nombre de participants').fill('4');
    await dialog.getByRole('button', { name: 'Réserver', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText(
      /Limite atteinte : 2 h par semaine pour les espaces « salle de réunion » de ce site pour votre organisation ; il vous reste 1 h la semaine du lundi \d+ \S+\./,
    );
    await expectNoSeriousViolations(page, 'the refused booking');
    await page.screenshot({ path: `${SCREENSHOTS}/quota-refused.png`, fullPage: true });
  } finally {
    await cleanUp(request, title);
  }
});
