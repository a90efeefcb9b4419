import type { APIRequestContext } from '@playwright/test';
import {
  expect,
  findSpace,
  freePeriodHolding,
  freeSlotNextWeek,
  frenchDate,
  MEMBER,
  nextMonday,
  openSpace,
  pickTimes,
  SCREENSHOTS,
  signIn,
  stripDayName,
  test,
} from './support';

const API = '/api/v1';
const OTHER_ORGANISATION = 'cooperative@demo.lieux-partages.fr';

async function tokenOf(request: APIRequestContext, email: string): Promise<string> {
  const res = await request.post(`${API}/auth/login`, { data: { email, password: MEMBER.password } });
  expect(res.status()).toBe(200);
  return (await res.json()).accessToken;
}

test.describe('on a 390 px phone, by touch', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('a member picks a day on the date strip and books exactly 15:00–17:00 from the day view', async ({
    page,
    request,
  }) => {
    // A whole journey, signing in included: room on a loaded machine.
    test.slow();
    const space = await findSpace(request, 'Salle Garrigue');
    const tz = space.site.timeZone;
    const slot = await freeSlotNextWeek(request, space, '15:00', '17:00', [3, 2, 1, 0, 4]);
    const title = `Permanence téléphone ${Date.now()}`;

    await signIn(page);
    await page.goto(`/espaces/${space.id}`);
    await expect(page.getByRole('heading', { level: 1, name: space.name })).toBeVisible();

    // The hint speaks of touching, never of dragging; no week grid squeezed into the phone.
    await expect(
      page.getByText('Touchez un jour, puis un créneau libre pour choisir vos horaires'),
    ).toBeVisible();
    await expect(page.getByText(/faites glisser/i)).toHaveCount(0);
    await expect(page.locator('.lp-calendar')).toHaveCount(0);

    // The strip: seven days, today's chosen first; then next week, and the slot's day.
    const strip = page.getByRole('list', { name: 'Jours de la semaine' });
    await expect(strip.getByRole('button')).toHaveCount(7);
    await expect(strip.locator('[aria-current="date"]')).toHaveAttribute('aria-pressed', 'true');
    await page.getByRole('button', { name: 'Semaine suivante' }).tap();
    const monday = nextMonday(tz);
    await expect(page.getByText(`Semaine du ${stripDayName(monday).replace(/^\S+ /, '')}`)).toBeVisible();
    await expect(strip.getByRole('button').first()).toHaveAccessibleName(stripDayName(monday));
    await expect(strip.getByRole('button').first()).toContainText('lun.');
    const day = strip.getByRole('button', { name: stripDayName(slot.date), exact: true });
    await day.tap();
    await expect(day).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('heading', { level: 3, name: frenchDate(slot.date, tz) })).toBeVisible();

    // A free period is a large button; chosen, it opens large start and end pickers.
    const list = page.getByRole('list', { name: `Créneaux du ${frenchDate(slot.date, tz)}` });
    const free = await freePeriodHolding(list, '15:00', '17:00');
    expect((await free.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await free.tap();
    await expect(free).toHaveAttribute('aria-expanded', 'true');
    const picker = await pickTimes(page, '15:00', '17:00');
    await expect(picker.getByText('Durée : 2 heures')).toBeVisible();
    expect((await picker.getByLabel('Début').boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: `${SCREENSHOTS}/phone-day-view.png`, fullPage: true });
    await picker.getByRole('button', { name: 'Réserver ce créneau' }).tap();

    const dialog = page.getByRole('dialog', { name: `Réserver « ${space.name} »` });
    await expect(dialog.getByLabel('Date')).toHaveValue(slot.date);
    await expect(dialog.getByLabel('Début')).toHaveValue('15:00');
    await expect(dialog.getByLabel('Fin')).toHaveValue('17:00');
    await expect(dialog.getByRole('status').filter({ hasText: 'Ce créneau est libre.' })).toBeVisible();
    await dialog.getByLabel('Objet de la réservation').fill(title);
    await dialog.getByLabel('Nombre de participants').fill('4');
    await dialog.getByRole('button', { name: 'Réserver', exact: true }).tap();

    await expect(dialog).toBeHidden();
    const confirmation = page.getByRole('status').filter({ hasText: 'Réservation confirmée' });
    await expect(confirmation).toContainText(`${frenchDate(slot.date, tz)}, de 15 h 00 à 17 h 00`);
    const mine = list.getByRole('listitem').filter({ hasText: `Votre réservation : ${title}` });
    await expect(mine).toContainText('15 h 00 – 17 h 00');
    await page.screenshot({ path: `${SCREENSHOTS}/phone-day-view-booked.png`, fullPage: true });
  });
});

test('a slot typed in the dialog shows taken before sending, with the day’s free periods and the waiting list', async ({
  page,
  request,
}) => {
  test.slow();
  const space = await findSpace(request, 'Bureau partagé Lez');
  const slot = await freeSlotNextWeek(request, space, '09:00', '10:00', [4, 3, 2, 1, 0]);
  // Another organisation books it days ahead.
  const taken = await request.post(`${API}/bookings`, {
    headers: {
      Authorization: `Bearer ${await tokenOf(request, OTHER_ORGANISATION)}`,
      'Idempotency-Key': crypto.randomUUID(),
    },
    data: { spaceId: space.id, start: slot.start, end: slot.end, title: 'Conseil coopératif', attendees: 2 },
  });
  expect(taken.status()).toBe(201);

  await signIn(page);
  await openSpace(page, space.name);
  await page.getByRole('button', { name: 'Réserver un créneau' }).click();
  const dialog = page.getByRole('dialog', { name: `Réserver « ${space.name} »` });
  await dialog.getByLabel('Date').fill(slot.date);
  await dialog.getByLabel('Début').fill('09:00');
  await dialog.getByLabel('Fin').fill('10:00');

  // Said plainly, in a live region, before anything is sent.
  const verdict = dialog.getByRole('status').filter({ hasText: 'Ce créneau est déjà réservé.' });
  await expect(verdict).toBeVisible();
  await expect(verdict).toContainText('L’espace est occupé de 9 h 00 à 10 h 00');
  const periods = dialog.getByRole('group', { name: 'Périodes libres ce jour-là' });
  await expect(periods.getByRole('button').first()).toBeVisible();
  await dialog.getByLabel('Objet de la réservation').fill('Atelier CV');
  await dialog.getByLabel('Nombre de participants').fill('2');
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/v1/bookings')) sent.push(r.url());
  });
  await dialog.getByRole('button', { name: 'Réserver', exact: true }).click();
  await expect(dialog.getByText('Ce créneau est déjà réservé : choisissez une période libre.')).toBeVisible();
  await expect(dialog.getByLabel('Début')).toBeFocused();
  expect(sent).toEqual([]);
  await expect(page.getByText('Quelqu’un vient de réserver')).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOTS}/dialog-slot-taken.png`, fullPage: true });

  // From there, the waiting list for that very slot, with what was already typed.
  await dialog.getByRole('button', { name: 'Rejoindre la liste d’attente pour ce créneau' }).click();
  await expect(dialog).toBeHidden();
  const waitlist = page.getByRole('dialog', { name: `Rejoindre la liste d’attente — « ${space.name} »` });
  await expect(waitlist.getByLabel('Date')).toHaveValue(slot.date);
  await expect(waitlist.getByLabel('Début')).toHaveValue('09:00');
  await expect(waitlist.getByLabel('Fin')).toHaveValue('10:00');
  await expect(waitlist.getByLabel('Objet de la réservation')).toHaveValue('Atelier CV');
  await waitlist.getByRole('button', { name: 'Rejoindre la liste d’attente', exact: true }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Vous êtes sur la liste d’attente.' }),
  ).toBeVisible();

  // A free period of the day fills the times, and the slot then reads free.
  await page.getByRole('button', { name: 'Réserver un créneau' }).click();
  await dialog.getByLabel('Date').fill(slot.date);
  const first = dialog.getByRole('group', { name: 'Périodes libres ce jour-là' }).getByRole('button').first();
  const [, start] = /Libre de (\d+ h \d\d)/.exec((await first.getAttribute('aria-label')) ?? '') ?? [];
  await first.click();
  const startTime = start.replace(' h ', ':').padStart(5, '0');
  await expect(dialog.getByLabel('Début')).toHaveValue(startTime);
  await expect(dialog.getByRole('status').filter({ hasText: 'Ce créneau est libre.' })).toBeVisible();
});
