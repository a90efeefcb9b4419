import type { APIRequestContext, Page } from '@playwright/test';
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

/**
 * The member books 14:00–16:00 of a day next week whose morning (09:00–12:30, the site opens at 9) is free
 * too, late in the week first, away from the other suites' bookings; answers the day and its zone.
 */
async function bookAfternoon(request: APIRequestContext, title: string) {
  const space = await findSpace(request, 'Atelier Brique');
  for (const weekday of [4, 3, 2, 1, 0]) {
    const both = await Promise.all([
      freeSlotNextWeek(request, space, '09:00', '12:30', [weekday]).catch(() => null),
      freeSlotNextWeek(request, space, '14:00', '16:00', [weekday]).catch(() => null),
    ]);
    const afternoon = both[1];
    if (!both[0] || !afternoon) continue;
    const created = await request.post('/api/v1/bookings', {
      headers: { authorization: `Bearer ${await apiToken(request)}` },
      data: { spaceId: space.id, start: afternoon.start, end: afternoon.end, title, attendees: 6 },
    });
    expect(created.status()).toBe(201);
    return { date: afternoon.date, timeZone: space.site.timeZone };
  }
  throw new Error('No day next week with a free morning and afternoon at Atelier Brique');
}

test.describe('changing a booking', () => {
  // Two roles, a dialog each, axe and an e-mail: more than the default minute on a loaded machine.
  test.slow();

  test('the organisation moves its booking to the morning and changes the people', async ({
    page,
    request,
  }) => {
    const title = `Atelier vélo ${Date.now()}`;
    const { date, timeZone } = await bookAfternoon(request, title);

    await signIn(page);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Mes réservations' })
      .click();
    const row = page.getByRole('row').filter({ hasText: title });
    await expect(row).toContainText('14 h 00 – 16 h 00');
    await row.getByRole('button', { name: `Modifier — ${title}` }).click();
    const dialog = page.getByRole('dialog', { name: `Modifier « ${title} »` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Actuellement : Atelier Brique');
    // The day's free periods, the booking's own slot counted free.
    await expect(dialog.getByText('Libre ce jour-là :')).toBeVisible();

    // A time the space is closed is said so before anything is sent.
    await dialog.getByLabel('Début').fill('12:30');
    await dialog.getByLabel('Fin').fill('13:30');
    await dialog.getByRole('button', { name: 'Enregistrer les changements' }).click();
    await expect(
      dialog.getByText('Ce créneau sort des heures d’ouverture de l’espace ce jour-là.'),
    ).toBeVisible();

    await dialog.getByLabel('Début').fill('09:00');
    await dialog.getByLabel('Fin').fill('10:30');
    await dialog.getByLabel('Nombre de participants').fill('9');
    await expectAccessible(page, 'change dialog');
    await dialog.screenshot({ path: `${SCREENSHOTS}/change-booking-dialog.png` });
    await dialog.getByRole('button', { name: 'Enregistrer les changements' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: `« ${title} » est modifiée` })).toContainText(
      '9 h 00 – 10 h 30, 9 personnes',
    );
    await expect(row).toContainText(frenchDate(date, timeZone));
    await expect(row).toContainText('9 h 00 – 10 h 30');
    await expect(row.getByRole('cell', { name: '9', exact: true })).toBeVisible();

    await row.getByRole('button', { name: `Détails — ${title}` }).click();
    const history = page.getByRole('list', { name: `Historique de « ${title} »` });
    await expect(history).toContainText(/Déplacée du .+ 14 h 00 – 16 h 00 au .+ 9 h 00 – 10 h 30/);
    await expect(history).toContainText('Participants : 6 → 9');
    await page.screenshot({ path: `${SCREENSHOTS}/my-bookings-changed.png`, fullPage: true });
    await expectAccessible(page, 'my bookings with a moved booking');

    // The updated invitation went out.
    const mail = await mailFromOutbox(MEMBER.email, 'Votre réservation a été déplacée.');
    expect(mail).toContain(`« ${title} »`);
  });

  test('a manager moves a member’s booking, saying why; the member is told', async ({ page, request }) => {
    const title = `Répétition chorale ${Date.now()}`;
    const { date, timeZone } = await bookAfternoon(request, title);

    await signInAs(page, MANAGER);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Demandes' })
      .click();
    const row = page
      .getByRole('region', { name: 'Réservations à venir' })
      .getByRole('row')
      .filter({ hasText: title });
    await expect(row).toContainText('14 h 00 – 16 h 00');
    await row.getByRole('button', { name: `Déplacer — ${title}` }).click();
    const dialog = page.getByRole('dialog', {
      name: `Déplacer la réservation de Association Les Jardins de l’Écusson (« ${title} »)`,
    });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Début').fill('10:00');
    await dialog.getByLabel('Fin').fill('12:00');
    await dialog.getByRole('button', { name: 'Déplacer la réservation' }).click();
    await expect(
      dialog.getByText('Indiquez le motif du déplacement : l’organisation le recevra.'),
    ).toBeVisible();
    await expectAccessible(page, 'manager’s move dialog');
    const reason = 'Le chauffage de l’atelier est réparé l’après-midi';
    await dialog.getByLabel(/Motif \(obligatoire/).fill(reason);
    await dialog.getByRole('button', { name: 'Déplacer la réservation' }).click();
    await expect(dialog).toBeHidden();
    await expect(
      page.getByRole('status').filter({ hasText: 'La réservation de Association Les Jardins de l’Écusson' }),
    ).toContainText(`${frenchDate(date, timeZone)}, 10 h 00 – 12 h 00`);
    await expect(row).toContainText('10 h 00 – 12 h 00');

    const mail = await mailFromOutbox(MEMBER.email, `Motif : ${reason}`);
    expect(mail).toContain('Le gestionnaire du site a déplacé votre réservation.');
    expect(mail).toContain('Ancien horaire :');
  });
});
