import type { Page } from '@playwright/test';
import {
  axeOn,
  dayColumn,
  expect,
  findSpace,
  freeSlotNextWeek,
  MEMBER,
  offerLinkFromOutbox,
  openSpace,
  SCREENSHOTS,
  showWeekOf,
  signIn,
  test,
} from './support';

const API = '/api/v1';

async function expectNoSeriousViolations(page: Page, name: string) {
  const results = await axeOn(page).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe violations on ${name}`,
  ).toEqual([]);
}
const COOPERATIVE = { email: 'cooperative@demo.lieux-partages.fr', password: MEMBER.password };

test.describe('series and waiting list', () => {
  test('a member books a weekly series and sees each date booked or refused with its reason', async ({
    page,
    request,
  }) => {
    const space = await findSpace(request, 'Salle Garrigue');
    const slot = await freeSlotNextWeek(request, space, '17:00', '18:00', [1, 3, 2, 0, 4]);
    const title = `Permanence hebdomadaire ${Date.now()}`;
    const weekday = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', timeZone: 'UTC' }).format(
      new Date(`${slot.date}T12:00:00Z`),
    );

    await signIn(page);
    await openSpace(page, space.name);
    await page.getByRole('button', { name: 'Réserver un créneau' }).click();
    const dialog = page.getByRole('dialog', { name: `Réserver « ${space.name} »` });
    await dialog.getByLabel('Date', { exact: true }).fill(slot.date);
    await dialog.getByLabel('Début').fill('17:00');
    await dialog.getByLabel('Fin', { exact: true }).fill('18:00');
    await dialog.getByLabel('Répéter').check();
    await dialog.getByLabel('Fréquence').selectOption('weekly');
    await dialog.getByLabel('Nombre de fois').fill('4');
    await expect(dialog.getByTestId('recurrence-summary')).toHaveText(
      `tous les ${weekday}s de 17 h à 18 h, 4 fois`,
    );
    await dialog.getByLabel('Objet de la réservation').fill(title);
    await dialog.getByLabel('Nombre de participants').fill('3');
    await expectNoSeriousViolations(page, 'booking dialog with its recurrence editor');
    await dialog.screenshot({ path: `${SCREENSHOTS}/series-dialog.png` });
    await dialog.getByRole('button', { name: 'Réserver la série' }).click();

    await expect(dialog).toBeHidden();
    const result = page.getByRole('status').filter({ hasText: /créneaux? réservés?/ });
    await expect(result).toBeVisible();
    const rows = result.getByRole('row').filter({ hasNot: page.getByRole('columnheader') });
    await expect(rows).toHaveCount(4);
    const booked = await rows
      .filter({ has: page.getByRole('cell', { name: 'Réservé', exact: true }) })
      .count();
    expect(booked).toBeGreaterThan(1);
    await expect(rows.first()).toContainText('Réservé');
    for (const row of await rows.all()) {
      await expect(row).toContainText('17 h 00 – 18 h 00');
      await expect(row).toContainText(/Réservé|Non réservé : .+/);
    }
    await showWeekOf(page, slot.date);
    await expect(dayColumn(page, slot.date).getByText(`Votre réservation : ${title}`)).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/series-booked.png`, fullPage: true });
    await expectNoSeriousViolations(page, 'series result');

    // The series is in "Mes réservations", date by date, each date marked as part of it.
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Mes réservations' })
      .click();
    const occurrences = page
      .getByRole('table', { name: 'À venir' })
      .getByRole('row')
      .filter({ hasText: title });
    await expect(occurrences).toHaveCount(booked);
    await expect(occurrences.first()).toContainText(`Série tous les ${weekday}s de 17 h à 18 h, 4 fois`);
    await expect(
      occurrences.first().getByRole('button', { name: `Annuler cette occurrence — ${title}` }),
    ).toBeVisible();

    await page.screenshot({ path: `${SCREENSHOTS}/series-in-my-bookings.png`, fullPage: true });

    // The member cancels every date to come at once.
    await occurrences
      .first()
      .getByRole('button', { name: `Annuler toutes les occurrences à venir — ${title}` })
      .click();
    const cancel = page.getByRole('dialog', {
      name: `Annuler toutes les occurrences à venir de « ${title} » ?`,
    });
    await expect(cancel).toContainText(`${booked} occurrences à venir seront annulées`);
    await expectNoSeriousViolations(page, 'series cancellation dialog');
    await cancel.screenshot({ path: `${SCREENSHOTS}/series-cancel-dialog.png` });
    await cancel.getByRole('button', { name: 'Annuler les occurrences à venir' }).click();
    await expect(cancel).toBeHidden();
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: `${booked} occurrences à venir de « ${title} » sont annulées.` }),
    ).toBeVisible();
    // Cancelled, they leave "À venir" for their own filter (reading the rows before the list is refreshed
    // raced with it), each marked cancelled there, with nothing left to cancel.
    await expect(occurrences).toHaveCount(0);
    await page
      .getByRole('group', { name: 'Afficher' })
      .getByRole('button', { name: /^Annulées ou refusées/ })
      .click();
    const cancelled = page
      .getByRole('table', { name: 'Réservations annulées ou refusées' })
      .getByRole('row')
      .filter({ hasText: title });
    await expect(cancelled).toHaveCount(booked);
    for (const row of await cancelled.all()) {
      await expect(row).toContainText('Annulée');
      await expect(row.getByRole('button', { name: /^Annuler/ })).toHaveCount(0);
    }
    await page.screenshot({ path: `${SCREENSHOTS}/series-cancelled.png`, fullPage: true });
  });

  test('a member joins the waiting list from a busy block, the slot is cancelled, and the e-mailed offer books it', async ({
    page,
    request,
  }) => {
    const space = await findSpace(request, 'Salle Garrigue');
    const slot = await freeSlotNextWeek(request, space, '15:00', '16:00', [2, 4, 1, 3, 0]);

    // Another organisation holds the slot.
    const login = await request.post(`${API}/auth/login`, { data: COOPERATIVE });
    const coop = (await login.json()).accessToken as string;
    const held = await request.post(`${API}/bookings`, {
      headers: { authorization: `Bearer ${coop}` },
      data: { spaceId: space.id, start: slot.start, end: slot.end, title: 'Assemblée', attendees: 5 },
    });
    expect(held.status()).toBe(201);
    const booking = await held.json();

    await signIn(page);
    await openSpace(page, space.name);
    await showWeekOf(page, slot.date);
    await dayColumn(page, slot.date).getByText('Occupé — rejoindre la liste d’attente').click();
    const dialog = page.getByRole('dialog', { name: `Rejoindre la liste d’attente — « ${space.name} »` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Début')).toHaveValue('15:00');
    await dialog.getByLabel('Objet de la réservation').fill('Atelier couture');
    await dialog.getByLabel('Nombre de participants').fill('4');
    await expectNoSeriousViolations(page, 'waiting-list dialog');
    await dialog.getByRole('button', { name: 'Rejoindre la liste d’attente' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Vous êtes sur la liste d’attente.' }),
    ).toBeVisible();

    // The holder cancels: the first in line is offered the slot by e-mail.
    const cancelled = await request.post(`${API}/bookings/${booking.id}/cancel`, {
      headers: { authorization: `Bearer ${coop}` },
      data: {},
    });
    expect(cancelled.status()).toBe(200);
    const link = await offerLinkFromOutbox(MEMBER.email, space.name);

    await page.goto(link);
    await expect(
      page.getByRole('heading', { level: 2, name: 'Un créneau s’est libéré pour vous' }),
    ).toBeVisible();
    await expect(page.getByText(/Offre valable jusqu’au .+ à \d+ h \d\d\./)).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/waitlist-offer.png`, fullPage: true });
    await expectNoSeriousViolations(page, 'waiting-list offer');
    // The offer of this slot: the demo may hold others (the rest of a slot released for want of check-in).
    await page
      .getByRole('row')
      .filter({ hasText: 'Atelier couture' })
      .getByRole('button', { name: 'Accepter et réserver' })
      .click();
    await expect(page.getByRole('status').filter({ hasText: 'Réservation confirmée' })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: 'Atelier couture' })).toContainText('Réservé');
  });
});
