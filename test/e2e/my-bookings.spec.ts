import {
  apiToken,
  calendar,
  expect,
  findSpace,
  freeSlotNextWeek,
  SCREENSHOTS,
  signIn,
  test,
  expectNoSeriousViolations,
} from './support';

const API = '/api/v1';

const weekdayOf = (date: string) =>
  new Intl.DateTimeFormat('fr-FR', { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );

test.describe('my bookings on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('cancelled bookings leave "À venir" for their own filter, struck through in the month', async ({
    page,
    request,
  }) => {
    // Two bookings made, a list, a reload and a calendar, each audited: more than a minute on a busy machine.
    test.slow();
    const token = await apiToken(request);
    const auth = { authorization: `Bearer ${token}` };
    const space = await findSpace(request, 'Salle Garrigue');

    // A booking made then cancelled, and a series every other week.
    const slot = await freeSlotNextWeek(request, space, '16:00', '17:00', [2, 1, 3, 0, 4]);
    const cancelledTitle = `Atelier annulé ${Date.now()}`;
    const made = await request.post(`${API}/bookings`, {
      headers: auth,
      data: { spaceId: space.id, start: slot.start, end: slot.end, title: cancelledTitle, attendees: 4 },
    });
    expect(made.status()).toBe(201);
    const booking = await made.json();
    const cancel = await request.post(`${API}/bookings/${booking.id}/cancel`, { headers: auth, data: {} });
    expect(cancel.status()).toBe(200);

    const seriesSlot = await freeSlotNextWeek(request, space, '11:00', '12:30', [3, 1, 2, 0, 4]);
    const seriesTitle = `Permanence quinzaine ${Date.now()}`;
    const series = await request.post(`${API}/booking-series`, {
      headers: auth,
      data: {
        spaceId: space.id,
        firstStart: seriesSlot.start,
        firstEnd: seriesSlot.end,
        rrule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=2',
        title: seriesTitle,
        attendees: 3,
      },
    });
    expect(series.status()).toBeLessThan(300);

    await signIn(page);
    await page.goto('/mes-reservations');
    await expect(page.getByRole('heading', { level: 1, name: 'Mes réservations' })).toBeVisible();
    const filters = page.getByRole('group', { name: 'Afficher' });
    await expect(filters.getByRole('button', { name: /^À venir/ })).toHaveAttribute('aria-pressed', 'true');
    const upcoming = page.getByRole('table', { name: 'Réservations à venir' });
    const seriesRow = upcoming.getByRole('row').filter({ hasText: seriesTitle }).first();
    await expect(seriesRow).toContainText(
      `un ${weekdayOf(seriesSlot.date)} sur deux de 11 h à 12 h 30, 2 fois`,
    );
    await expect(upcoming.getByText(cancelledTitle)).toHaveCount(0);
    await expectNoSeriousViolations(page, 'my bookings (phone)');

    await filters.getByRole('button', { name: /^Annulées ou refusées/ }).click();
    await expect(page).toHaveURL(/voir=annulees/);
    const called = page.getByRole('table', { name: 'Réservations annulées ou refusées' });
    await expect(called.getByRole('row').filter({ hasText: cancelledTitle })).toContainText('Annulée');
    // The filter is in the address: a reload or a shared link shows the same list.
    await page.reload();
    await expect(filters.getByRole('button', { name: /^Annulées ou refusées/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(called.getByRole('cell', { name: cancelledTitle, exact: true })).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/my-bookings-cancelled-phone.png`, fullPage: true });

    await page.getByRole('button', { name: 'Calendrier' }).click();
    await expect(page).toHaveURL(/vue=calendrier/);
    await expect(calendar(page).getByRole('button', { name: 'Ce mois-ci' })).toBeVisible();
    const struck = calendar(page).locator('.lp-booking--off').filter({ hasText: cancelledTitle });
    // The calendar opens on the month of the next booking; next week may be in the month after.
    const month = new Intl.DateTimeFormat('fr-FR', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${slot.date}T12:00:00Z`));
    const heading = calendar(page).getByRole('heading', { level: 2 });
    await expect(heading).not.toHaveText('');
    if ((await heading.textContent()) !== month) {
      await calendar(page).getByRole('button', { name: 'Mois suivant' }).click();
    }
    await expect(heading).toHaveText(month);
    await expect(struck).toBeVisible();
    await expect(struck).toContainText('(Annulée)');
    await expect(struck).toHaveCSS('text-decoration-line', 'line-through');
    await expectNoSeriousViolations(page, 'my bookings calendar (phone)');
    await page.screenshot({ path: `${SCREENSHOTS}/my-bookings-calendar-phone.png`, fullPage: true });
  });

  test('a series’ number of times is the person’s to choose, and its summary reads naturally', async ({
    page,
    request,
  }) => {
    const space = await findSpace(request, 'Salle Garrigue');
    const slot = await freeSlotNextWeek(request, space, '09:00', '10:30', [3, 1, 2, 0, 4]);
    await signIn(page);
    await page.goto(`/espaces/${space.id}`);
    await page.getByRole('button', { name: 'Réserver un créneau' }).click();
    const dialog = page.getByRole('dialog', { name: `Réserver « ${space.name} »` });
    await dialog.getByLabel('Date', { exact: true }).fill(slot.date);
    await dialog.getByLabel('Début').fill('09:00');
    await dialog.getByLabel('Fin', { exact: true }).fill('10:30');
    await dialog.getByLabel('Répéter').check();
    const count = dialog.getByLabel('Nombre de fois');
    await expect(count).toHaveValue('');
    const missing = 'Indiquez combien de fois répéter ce créneau, ou choisissez une date de fin.';
    await expect(dialog.getByTestId('recurrence-summary')).toHaveText(missing);
    await expect(dialog.getByRole('button', { name: 'Réserver la série' })).toBeDisabled();
    await count.focus();
    await count.blur();
    await expect(count).toHaveAttribute('aria-invalid', 'true');
    await count.fill('10');
    await expect(dialog.getByTestId('recurrence-summary')).toHaveText(
      `tous les ${weekdayOf(slot.date)}s de 9 h à 10 h 30, 10 fois`,
    );
    await expect(count).not.toHaveAttribute('aria-invalid', 'true');
  });
});
