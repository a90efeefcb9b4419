import {
  apiToken,
  calendar,
  dateKeys,
  dayColumn,
  dragSlot,
  expect,
  findSpace,
  freeSlotNextWeek,
  frenchDate,
  openSpace,
  SCREENSHOTS,
  showWeekOf,
  signIn,
  tabTo,
  test,
} from './support';

test.describe('booking a space', () => {
  test('a member drags over a free slot next week, books it and finds it in “Mes réservations”', async ({
    page,
    request,
  }) => {
    const space = await findSpace(request, 'Salle Garrigue');
    const slot = await freeSlotNextWeek(request, space, '10:00', '11:00');
    const date = slot.date;
    const title = `Atelier numérique ${Date.now()}`;

    await signIn(page);
    await openSpace(page, space.name);
    await showWeekOf(page, date);
    await dragSlot(page, date, '10:00', '10:30');

    const dialog = page.getByRole('dialog', { name: `Réserver « ${space.name} »` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Date')).toHaveValue(date);
    await expect(dialog.getByLabel('Début')).toHaveValue('10:00');
    await expect(dialog.getByLabel('Fin')).toHaveValue('11:00');
    await expect(
      dialog.getByText(`${frenchDate(date, space.site.timeZone)}, de 10 h 00 à 11 h 00`),
    ).toBeVisible();
    await dialog.getByLabel('Objet de la réservation').fill(title);
    await dialog.getByLabel('Nombre de participants').fill('8');
    await dialog.getByRole('button', { name: 'Réserver', exact: true }).click();

    await expect(dialog).toBeHidden();
    const confirmation = page.getByRole('status').filter({ hasText: 'Réservation confirmée' });
    await expect(confirmation).toBeVisible();
    await expect(confirmation).toContainText(
      `${frenchDate(date, space.site.timeZone)}, de 10 h 00 à 11 h 00`,
    );
    await expect(dayColumn(page, date).getByText(`Votre réservation : ${title}`)).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/booking-confirmed.png`, fullPage: true });

    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Mes réservations' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mes réservations' })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: title });
    await expect(row).toContainText(frenchDate(date, space.site.timeZone));
    await expect(row).toContainText('10 h 00 – 11 h 00');
    await expect(row).toContainText(space.name);
    await expect(row).toContainText('Gratuit (mécénat)');
    await expect(row).toContainText('Confirmée');
    await page.screenshot({ path: `${SCREENSHOTS}/my-bookings.png`, fullPage: true });
  });

  test('the same booking with the keyboard alone', async ({ page, request }) => {
    const space = await findSpace(request, 'Bureau partagé Lez');
    const slot = await freeSlotNextWeek(request, space, '14:00', '15:30', [2, 1, 3, 0, 4]);
    const title = `Permanence emploi ${Date.now()}`;

    await signIn(page);
    // From the list to the space, keyboard only.
    const link = page.getByRole('link', { name: `Voir les disponibilités de ${space.name}` });
    await tabTo(page, link);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: space.name })).toBeVisible();

    const book = page.getByRole('button', { name: 'Réserver un créneau' });
    await tabTo(page, book);
    await page.keyboard.press('Enter');

    const dialog = page.getByRole('dialog', { name: `Réserver « ${space.name} »` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Date')).toBeFocused();
    await page.keyboard.type(await dateKeys(page, slot.date));
    // Native date and time inputs keep the focus on their picker button for one more Tab.
    await tabTo(page, dialog.getByLabel('Début'), 3);
    await page.keyboard.type('1400');
    await tabTo(page, dialog.getByLabel('Fin'), 3);
    await page.keyboard.type('1530');
    // Past the day's free periods, each a button that would fill the times.
    await tabTo(page, dialog.getByLabel('Objet de la réservation'), 10);
    await page.keyboard.type(title);
    await page.keyboard.press('Tab');
    await expect(dialog.getByLabel('Nombre de participants')).toBeFocused();
    await page.keyboard.type('2');
    await expect(dialog.getByLabel('Date')).toHaveValue(slot.date);
    // 1 h 30 at 3,00 € / hour.
    await expect(dialog.getByText('Prix : 4,50 €')).toBeVisible();
    await page.keyboard.press('Enter');

    await expect(dialog).toBeHidden();
    const confirmation = page.getByRole('status').filter({ hasText: 'Réservation confirmée' });
    await expect(confirmation).toBeVisible();
    await expect(confirmation).toContainText(
      `${frenchDate(slot.date, space.site.timeZone)}, de 14 h 00 à 15 h 30`,
    );
    await expect(page.locator('.notice-slot')).toBeFocused();

    await showWeekOf(page, slot.date);
    await expect(dayColumn(page, slot.date).getByText(`Votre réservation : ${title}`)).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/keyboard-booking.png`, fullPage: true });

    // "Mes réservations" by keyboard too.
    const mine = page.getByRole('link', { name: 'Mes réservations' }).first();
    await mine.focus();
    await page.keyboard.press('Enter');
    const row = page.getByRole('row').filter({ hasText: title });
    await expect(row).toContainText('14 h 00 – 15 h 30');
    await expect(row).toContainText('4,50 €');
  });

  test('someone else takes the slot while the form is open: a French message, and the calendar refreshes', async ({
    page,
    request,
  }) => {
    const space = await findSpace(request, 'Salle des Arènes');
    const slot = await freeSlotNextWeek(request, space, '10:00', '11:00', [3, 2, 1, 0, 4]);

    await signIn(page);
    await openSpace(page, space.name);
    await showWeekOf(page, slot.date);
    await expect(dayColumn(page, slot.date).getByText('Occupé')).toHaveCount(0);
    await dragSlot(page, slot.date, '10:00', '10:30');
    const dialog = page.getByRole('dialog', { name: `Réserver « ${space.name} »` });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Objet de la réservation').fill('Réunion du bureau');
    await dialog.getByLabel('Nombre de participants').fill('5');

    // Meanwhile, through the API, the slot is taken.
    const token = await apiToken(request);
    const taken = await request.post('/api/v1/bookings', {
      headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': crypto.randomUUID() },
      data: { spaceId: space.id, start: slot.start, end: slot.end, title: 'Pris entre-temps', attendees: 3 },
    });
    expect(taken.status()).toBe(201);

    await dialog.getByRole('button', { name: 'Réserver', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Créneau déjà pris' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('Quelqu’un vient de réserver ce créneau');
    await expect(dialog).toBeHidden();
    // The refreshed calendar shows the slot as no longer free (the same organisation booked it: it is ours).
    await expect(dayColumn(page, slot.date).getByText('Votre réservation : Pris entre-temps')).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/conflict.png`, fullPage: true });
  });
});

test('the calendar starts on Monday, in French, with closed hours greyed', async ({ page }) => {
  await signIn(page);
  await openSpace(page, 'Salle Garrigue');
  const headers = calendar(page).getByRole('columnheader');
  await expect(headers.first()).toContainText('lun.');
  await expect(headers.nth(6)).toContainText('dim.');
  await expect(calendar(page).locator('.lp-closed').first()).toBeAttached();
});
