import type { Page } from '@playwright/test';
import {
  apiToken,
  axeOn,
  expect,
  findSpace,
  freeSlotNextWeek,
  frenchDate,
  mailFromOutbox,
  MEMBER,
  SCREENSHOTS,
  signIn,
  signInAs,
  test,
} from './support';

const MANAGER = 'gestionnaire@demo.lieux-partages.fr';

async function expectAccessible(page: Page, name: string) {
  const results = await axeOn(page).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `axe violations on ${name}`).toEqual([]);
}

test.describe('the life of a request', () => {
  test('a manager approves a request from the queue; the member sees it confirmed, its history, and cancels it', async ({
    page,
    request,
  }) => {
    // A member asks for the hall that needs approval (Toulouse, managed by the demo manager).
    const space = await findSpace(request, 'Salle Garonne');
    expect(space.policy.approvalRequired).toBe(true);
    const slot = await freeSlotNextWeek(request, space, '10:00', '12:00');
    const title = `Assemblée générale ${Date.now()}`;
    const created = await request.post('/api/v1/bookings', {
      headers: { authorization: `Bearer ${await apiToken(request)}` },
      data: { spaceId: space.id, start: slot.start, end: slot.end, title, attendees: 30 },
    });
    expect(created.status()).toBe(201);
    expect((await created.json()).status).toBe('pending');

    // The manager finds it in the queue, with the day of the hall around it, and approves it.
    await signInAs(page, MANAGER);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Demandes' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Demandes de réservation' })).toBeVisible();
    const card = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: new RegExp(title) }) });
    await expect(card).toContainText(`${frenchDate(slot.date, space.site.timeZone)}, 10 h 00 – 12 h 00`);
    await expect(card).toContainText('Salle Garonne');
    await expect(card.getByText('Cette demande')).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/request-queue.png`, fullPage: true });
    await expectAccessible(page, 'request queue');
    await card.getByRole('button', { name: `Approuver — ${title}` }).click();
    await expect(page.getByRole('status').filter({ hasText: `Demande « ${title} »` })).toContainText(
      'approuvée',
    );
    await expect(card).toHaveCount(0);

    // The member sees it confirmed, with who approved it, and cancels it.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    // Signed out once the app says so: a sign-in begun before, on a loaded machine, met the manager's
    // session restored by the page it loaded, and the member landed on the manager's page.
    await expect(page).toHaveURL(/\/connexion$/);
    await signIn(page);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Mes réservations' })
      .click();
    const row = page.getByRole('row').filter({ hasText: title });
    await expect(row).toContainText('Confirmée');
    await expect(row).toContainText(/30,00\s€/);
    await row.getByRole('button', { name: `Détails — ${title}` }).click();
    const history = page.getByRole('list', { name: `Historique de « ${title} »` });
    await expect(history).toContainText('En attente → Confirmée');
    await expect(history).toContainText('par Nathalie Roux');

    await row.getByRole('button', { name: `Annuler — ${title}` }).click();
    const dialog = page.getByRole('dialog', { name: `Annuler « ${title} » ?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).not.toContainText('moins de 24 heures');
    await expectAccessible(page, 'cancel dialog');
    await dialog.getByRole('button', { name: 'Annuler la réservation' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'est annulée' })).toBeVisible();
    // It leaves the bookings to come, for the list of those called off.
    await expect(page.getByRole('row').filter({ hasText: title })).toBeHidden();
    await page
      .getByRole('group', { name: 'Afficher' })
      .getByRole('button', { name: /^Annulées ou refusées/ })
      .click();
    await expect(page.getByRole('row').filter({ hasText: title })).toContainText('Annulée');
    await page.screenshot({ path: `${SCREENSHOTS}/my-bookings-cancelled.png`, fullPage: true });

    // The same bookings as a calendar.
    await page.getByRole('button', { name: 'Calendrier' }).click();
    await expect(page.locator('.lp-calendar').getByText(title)).toBeVisible();
    await expectAccessible(page, 'my bookings calendar');
  });

  test('a manager cancels a member’s confirmed booking with a reason; the member reads it on the page and in the e-mail', async ({
    page,
    request,
  }) => {
    // A member books the Toulouse workshop, confirmed at once.
    const space = await findSpace(request, 'Atelier Brique');
    expect(space.policy.approvalRequired).toBe(false);
    const slot = await freeSlotNextWeek(request, space, '14:00', '16:00');
    const title = `Atelier réparation ${Date.now()}`;
    const created = await request.post('/api/v1/bookings', {
      headers: { authorization: `Bearer ${await apiToken(request)}` },
      data: { spaceId: space.id, start: slot.start, end: slot.end, title, attendees: 8 },
    });
    expect(created.status()).toBe(201);
    expect((await created.json()).status).toBe('confirmed');

    // The site's manager finds it among the upcoming bookings and cancels it, saying why.
    await signInAs(page, MANAGER);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Demandes' })
      .click();
    const upcoming = page.getByRole('region', { name: 'Réservations à venir' });
    const row = upcoming.getByRole('row').filter({ hasText: title });
    await expect(row).toContainText(frenchDate(slot.date, space.site.timeZone));
    await expect(row).toContainText('14 h 00 – 16 h 00');
    await expect(row).toContainText('Association Les Jardins de l’Écusson');
    await row.getByRole('button', { name: `Annuler — ${title}` }).click();
    const dialog = page.getByRole('dialog', {
      name: `Annuler la réservation de Association Les Jardins de l’Écusson (« ${title} ») ?`,
    });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Annuler la réservation' }).click();
    await expect(dialog.getByText('Indiquez le motif : l’organisation le recevra.')).toBeVisible();
    await expectAccessible(page, 'manager’s cancel dialog');
    const reason = 'Dégât des eaux : l’atelier est fermé pour travaux';
    await dialog.getByLabel(/Motif \(obligatoire/).fill(reason);
    await dialog.screenshot({ path: `${SCREENSHOTS}/manager-cancel-dialog.png` });
    await dialog.getByRole('button', { name: 'Annuler la réservation' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: `La réservation « ${title} »` })).toContainText(
      'l’organisation reçoit votre motif',
    );
    await expect(row).toHaveCount(0);
    await page.screenshot({ path: `${SCREENSHOTS}/manager-upcoming.png`, fullPage: true });
    await expectAccessible(page, 'requests page with the upcoming bookings');

    // The member is told by e-mail, with the reason.
    const mail = await mailFromOutbox(MEMBER.email, `Motif : ${reason}`);
    expect(mail).toContain('Cette réservation est annulée');
    expect(mail).toContain(`« ${title} »`);

    // And sees it cancelled, with the reason, in "Mes réservations".
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page).toHaveURL(/\/connexion$/);
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Mes réservations' })
      .click();
    await page
      .getByRole('group', { name: 'Afficher' })
      .getByRole('button', { name: /^Annulées ou refusées/ })
      .click();
    const mine = page.getByRole('row').filter({ hasText: title });
    await expect(mine).toContainText('Annulée');
    await expect(mine).toContainText(`Motif : ${reason}`);

    // The table fits a 1280 px screen: nothing to scroll sideways.
    const overflow = () =>
      page.evaluate(() => ({
        tables: [...document.querySelectorAll('.table-wrap')].map((w) => w.scrollWidth - w.clientWidth),
        // Only what overflows: with the scrollbar's room kept (scrollbar-gutter) the difference can be negative.
        page: Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth),
      }));
    const wide = await overflow();
    expect(wide.tables.length).toBeGreaterThan(0);
    for (const excess of wide.tables) expect(excess).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENSHOTS}/my-bookings-1280.png`, fullPage: true });

    // On a phone every booking is a card, each value under its column's name, and the page does not scroll sideways.
    await page.setViewportSize({ width: 390, height: 800 });
    await expect(mine).toContainText(`Motif : ${reason}`);
    expect(await overflow()).toEqual({ tables: wide.tables.map(() => 0), page: 0 });
    expect(
      await mine
        .getByRole('cell')
        .first()
        .evaluate((td) => getComputedStyle(td, '::before').content),
    ).toMatch(/Date et horaire/);
    await page.screenshot({ path: `${SCREENSHOTS}/my-bookings-phone.png`, fullPage: true });
    await expectAccessible(page, 'my bookings on a phone');
  });
});
