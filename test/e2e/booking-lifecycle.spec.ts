import { expect, test } from '@playwright/test';
import { SCREENSHOTS, apiToken, findSpace, freeSlotNextWeek, frenchDate, signIn, signInAs } from './support';

const MANAGER = 'gestionnaire@demo.lieux-partages.fr';

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
    await card.getByRole('button', { name: `Approuver — ${title}` }).click();
    await expect(page.getByRole('status').filter({ hasText: `Demande « ${title} »` })).toContainText(
      'approuvée',
    );
    await expect(card).toHaveCount(0);

    // The member sees it confirmed, with who approved it, and cancels it.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await signIn(page);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Mes réservations' })
      .click();
    const row = page.getByRole('row').filter({ hasText: title });
    await expect(row).toContainText('Confirmée');
    await expect(row).toContainText(/30,00\s€/);
    await row.getByRole('button', { name: `Historique — ${title}` }).click();
    const history = page.getByRole('list', { name: `Historique de « ${title} »` });
    await expect(history).toContainText('En attente → Confirmée');
    await expect(history).toContainText('par Nathalie Roux');

    await row.getByRole('button', { name: `Annuler — ${title}` }).click();
    const dialog = page.getByRole('dialog', { name: `Annuler « ${title} » ?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).not.toContainText('moins de 24 heures');
    await dialog.getByRole('button', { name: 'Annuler la réservation' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'est annulée' })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: title })).toContainText('Annulée');
    await page.screenshot({ path: `${SCREENSHOTS}/my-bookings-cancelled.png`, fullPage: true });

    // The same bookings as a calendar.
    await page.getByRole('button', { name: 'Calendrier' }).click();
    await expect(page.locator('.lp-calendar').getByText(title)).toBeVisible();
  });
});
