import {
  findSpace,
  expect,
  expectNoSeriousViolations,
  mailFromOutbox,
  signInAs,
  test,
  MEMBER,
} from './support';

/**
 * Check-in and release, on the demo's own data (demo-seed.ts `seedCheckIn`): the cooperative's booking
 * begun at server start at the Coin guichet is checked in through its door page's QR code; its booking
 * at the Salle des Arènes (check-in within 5 minutes) is released by the sweep about a minute after the
 * start, and the rest of its slot offered to the association, which was waiting for it.
 */
const COOPERATIVE = 'cooperative@demo.lieux-partages.fr';
const MANAGER = 'gestionnaire@demo.lieux-partages.fr';

test('a booking checked in through the QR code of its space’s door page', async ({
  page,
  browser,
  request,
}) => {
  const space = await findSpace(request, 'Coin guichet');
  await signInAs(page, MANAGER);
  await page.goto(`/gestion/espaces/${space.id}`);
  await page.getByRole('link', { name: 'Page de porte à imprimer (QR code d’arrivée)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Coin guichet' })).toBeVisible();
  await expect(page.getByText('13 place Rondelet, 34000 Montpellier')).toBeVisible();
  const qr = page.getByRole('img', { name: 'QR code pour signaler son arrivée dans Coin guichet' });
  await expect(qr).toHaveAttribute('src', /^data:image\/png;base64,/);
  expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
  const url = (await qr.getAttribute('data-check-in-url'))!;
  expect(new URL(url).pathname).toBe(`/arrivee/${space.id}`);
  await expect(page.getByText(url)).toBeVisible();
  await expectNoSeriousViolations(page, 'door page');

  // Someone of the cooperative scans it, signed out: sign in, then straight back to the check-in.
  const phone = await browser.newContext();
  const scan = await phone.newPage();
  await scan.goto(url);
  await expect(scan).toHaveURL(/\/connexion/);
  await scan.getByLabel('Adresse e-mail').fill(COOPERATIVE);
  await scan.getByLabel('Mot de passe').fill(MEMBER.password);
  await scan.getByRole('button', { name: 'Se connecter' }).click();
  await expect(scan.getByRole('heading', { level: 1, name: 'Signaler votre arrivée' })).toBeVisible();
  const card = scan.getByRole('listitem').filter({ hasText: 'Permanence d’accueil' });
  await expectNoSeriousViolations(scan, 'check-in page');
  await card.getByRole('button', { name: /^Je suis arrivé·e/ }).click();
  await expect(card.getByText(/^Arrivée signalée à \d+ h \d\d$/)).toBeVisible();
  // Said once, shown everywhere: « Mes réservations » has it too.
  await scan.goto('/mes-reservations');
  await expect(
    scan
      .getByRole('row')
      .filter({ hasText: 'Permanence d’accueil' })
      .getByText(/^Arrivée signalée à/),
  ).toBeVisible();
  await phone.close();
});

test('a booking nobody checked in for is released and its slot offered to the waiting list', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await signInAs(page, COOPERATIVE);
  // Released about a minute after the server's start (check-in within 5 minutes of a start 4 minutes
  // before it, swept every 3 seconds): already, or shortly.
  const row = page.getByRole('row').filter({ hasText: 'Réunion de quartier' });
  await expect(async () => {
    await page.goto('/mes-reservations?voir=annulees');
    await expect(row.getByText('Libérée', { exact: true })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 150_000, intervals: [3_000] });
  await expectNoSeriousViolations(page, 'my bookings with a released one');
  await mailFromOutbox(COOPERATIVE, 'Votre réservation a été libérée');

  // The association, waiting for that slot, is offered what is left of it.
  const other = await browser.newContext();
  const member = await other.newPage();
  await signInAs(member, MEMBER.email);
  await member.goto('/liste-attente');
  const offer = member.getByRole('row').filter({ hasText: 'Salle des Arènes' });
  await expect(offer.getByText('Offre à accepter')).toBeVisible();
  await mailFromOutbox(MEMBER.email, 'Salle des Arènes');
  await other.close();
});
