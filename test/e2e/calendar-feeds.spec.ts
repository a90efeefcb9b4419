import ICAL from 'ical.js';
import type { APIRequestContext, Page } from '@playwright/test';
import {
  apiToken,
  expect,
  expectNoSeriousViolations,
  findSpace,
  freeSlotNextWeek,
  signIn,
  signInAs,
  test,
} from './support';

const API = '/api/v1';
const MANAGER = 'gestionnaire@demo.lieux-partages.fr';

/** A feed fetched as a calendar app would (no session), then read by ical.js: each event's facts. */
async function readFeed(request: APIRequestContext, link: string) {
  const res = await request.get(new URL(link).pathname);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  const cal = new ICAL.Component(ICAL.parse(await res.text()));
  return cal.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      summary: e.summary,
      status: String(v.getFirstPropertyValue('status') ?? ''),
      start: e.startDate.toJSDate().toISOString(),
    };
  });
}

/** The subscription panel's link: copied with its button, read back from the clipboard. */
async function copiedLink(page: Page, field: string): Promise<string> {
  const input = page.getByLabel(field);
  await expect(input).toHaveValue(/^https?:\/\/.+\.ics$/);
  const panel = page.locator('.calendar-subscription').filter({ has: input });
  await panel.getByRole('button', { name: 'Copier le lien' }).click();
  await expect(panel.getByText('Lien copié.')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await input.inputValue());
  await expect(panel.getByRole('link', { name: 'S’abonner au calendrier' })).toHaveAttribute(
    'href',
    copied.replace(/^https?:/, 'webcal:'),
  );
  return copied;
}

test.describe('calendar subscriptions', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('a member copies their organisation’s feed link, the feed holds the booking, and a new link retires it', async ({
    page,
    request,
  }) => {
    test.slow();
    const token = await apiToken(request);
    const space = await findSpace(request, 'Salle Garrigue');
    const slot = await freeSlotNextWeek(request, space, '17:00', '18:00', [4, 3, 2, 1, 0]);
    const title = `Abonnement ${Date.now()}`;
    const made = await request.post(`${API}/bookings`, {
      headers: { authorization: `Bearer ${token}` },
      data: { spaceId: space.id, start: slot.start, end: slot.end, title, attendees: 2 },
    });
    expect(made.status()).toBe(201);
    const booking = await made.json();

    await signIn(page);
    await page.goto('/mes-reservations');
    await expect(page.getByRole('heading', { name: 'Abonnement au calendrier' })).toBeVisible();
    const link = await copiedLink(page, 'Lien secret de l’agenda');
    const events = await readFeed(request, link);
    expect(events).toContainEqual({
      uid: `${booking.id}@lieux-partages.fr`,
      summary: `${title} — Salle Garrigue`,
      status: 'CONFIRMED',
      start: new Date(slot.start).toISOString(),
    });
    await expectNoSeriousViolations(page, 'calendar-feed-member');

    // A new link: asked first, then the old one is gone.
    await page.getByRole('button', { name: 'Nouveau lien' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remplacer le lien de l’agenda ?' });
    await dialog.getByRole('button', { name: 'Remplacer le lien' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Nouveau lien créé')).toBeVisible();
    await expect(page.getByLabel('Lien secret de l’agenda')).not.toHaveValue(link);
    const fresh = await copiedLink(page, 'Lien secret de l’agenda');
    expect((await request.get(new URL(link).pathname)).status()).toBe(404);
    expect((await readFeed(request, fresh)).map((e) => e.uid)).toContain(`${booking.id}@lieux-partages.fr`);
  });

  test('a site manager subscribes to their sites’ bookings from the site calendar', async ({
    page,
    request,
  }) => {
    test.slow();
    const token = await apiToken(request);
    const space = await findSpace(request, 'Salle Garrigue');
    const slot = await freeSlotNextWeek(request, space, '12:00', '12:30', [0, 1, 2, 3, 4]);
    const made = await request.post(`${API}/bookings`, {
      headers: { authorization: `Bearer ${token}` },
      data: {
        spaceId: space.id,
        start: slot.start,
        end: slot.end,
        title: `Soirée ${Date.now()}`,
        attendees: 2,
      },
    });
    expect(made.status()).toBe(201);
    const booking = await made.json();
    const detail = await (await request.get(`${API}/spaces/${space.id}`)).json();

    await signInAs(page, MANAGER);
    await page.goto(`/gestion/sites/${detail.site.id}?rubrique=calendrier`);
    await expect(page.getByRole('heading', { name: 'Abonnement au calendrier' })).toBeVisible();
    // The week draws the booking in the space's colour of the legend, white on it.
    const week = page.locator('.lp-calendar--site');
    await week.getByRole('button', { name: 'Semaine suivante' }).click();
    const drawn = week.getByText('Salle Garrigue').first();
    await expect(drawn).toBeVisible();
    const painted = await drawn.evaluate((el) => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor;
        if (bg !== 'rgba(0, 0, 0, 0)') return { bg, fg: getComputedStyle(el).color };
      }
      return null;
    });
    const swatch = await page
      .getByRole('list', { name: 'Couleur de chaque espace' })
      .getByRole('listitem')
      .filter({ hasText: 'Salle Garrigue' })
      .locator('.legend__swatch')
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(painted).toEqual({ bg: swatch, fg: 'rgb(255, 255, 255)' });
    const link = await copiedLink(page, 'Lien secret de l’agenda');
    const events = await readFeed(request, link);
    expect(events.map((e) => e.uid)).toContain(`${booking.id}@lieux-partages.fr`);
  });

  test('anybody subscribes to a space’s busy feed, which names nobody', async ({ page, request }) => {
    const token = await apiToken(request);
    const space = await findSpace(request, 'Salle Garrigue');
    const slot = await freeSlotNextWeek(request, space, '13:30', '14:30', [1, 2, 3, 4, 0]);
    const title = `Confidentiel ${Date.now()}`;
    const made = await request.post(`${API}/bookings`, {
      headers: { authorization: `Bearer ${token}` },
      data: { spaceId: space.id, start: slot.start, end: slot.end, title, attendees: 2 },
    });
    expect(made.status()).toBe(201);

    await page.goto(`/espaces/${space.id}`);
    await expect(
      page.getByRole('heading', { name: 'Occupation de l’espace dans votre agenda' }),
    ).toBeVisible();
    const link = await copiedLink(page, 'Lien public de l’agenda d’occupation');
    const events = await readFeed(request, link);
    expect(events).toContainEqual(
      expect.objectContaining({ summary: 'Occupé', start: new Date(slot.start).toISOString() }),
    );
    expect(events.map((e) => e.summary)).not.toContain(title);
  });
});
