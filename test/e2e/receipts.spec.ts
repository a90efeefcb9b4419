import { readFile } from 'node:fs/promises';
import {
  dragSlot,
  expect,
  expectNoSeriousViolations,
  findSpace,
  freeSlotNextWeek,
  frenchDate,
  openSpace,
  SCREENSHOTS,
  showWeekOf,
  signIn,
  test,
} from './support';

async function pdfText(bytes: Buffer): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

test.describe('receipts', () => {
  test('an organisation books a paid space and downloads its receipt from “Mes réservations”', async ({
    page,
    request,
  }) => {
    // A whole journey (sign-in, booking, list, download, PDF parsed): more than a minute on a loaded machine.
    test.slow();
    const space = await findSpace(request, 'Atelier Brique');
    const slot = await freeSlotNextWeek(request, space, '15:00', '17:00', [3, 2, 4, 1, 0]);
    const title = `Atelier réparation ${Date.now()}`;

    await signIn(page);
    await openSpace(page, space.name);
    await showWeekOf(page, slot.date);
    await dragSlot(page, slot.date, '15:00', '16:30');
    const dialog = page.getByRole('dialog', { name: `Réserver « ${space.name} »` });
    // The drag only opens the dialog on that day: the hours are typed, a loaded machine's drag may overshoot.
    await dialog.getByLabel('Début').fill('15:00');
    await dialog.getByLabel('Fin').fill('17:00');
    await expect(dialog.getByLabel('Fin')).toHaveValue('17:00');
    await dialog.getByLabel('Objet de la réservation').fill(title);
    await dialog.getByLabel('Nombre de participants').fill('6');
    await dialog.getByRole('button', { name: 'Réserver', exact: true }).click();
    const confirmation = page.getByRole('status').filter({ hasText: 'Réservation confirmée' });
    await expect(confirmation.getByRole('button', { name: /Télécharger le reçu \(PDF\)/ })).toBeVisible();
    await expectNoSeriousViolations(page, 'booking made, with its receipt');

    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Mes réservations' })
      .click();
    const row = page.getByRole('row').filter({ hasText: title });
    await expect(row).toContainText(frenchDate(slot.date, space.site.timeZone));
    const price = (await row.locator('td.num').nth(1).innerText()).split('\n')[0]!.trim();
    expect(price).toMatch(/^\d+,\d\d\s€$/);

    await expectNoSeriousViolations(page, 'my bookings, with a receipt');
    const button = row.getByRole('button', { name: /Télécharger le reçu \(PDF\)/ });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const filename = download.suggestedFilename();
    expect(filename).toMatch(/^recu-LP-\d{4}-\d{6}\.pdf$/);
    const number = filename.slice('recu-'.length, -'.pdf'.length);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(bytes);
    for (const mention of [
      `Reçu n° ${number}`,
      'SIRET : 356 000 000 00048',
      'N° de TVA intracommunautaire',
      `« ${space.name} »`,
      'de 15 h 00 à 17 h 00',
      title,
      'Total HT',
      `Net à payer ${price.replace(/\s/g, ' ')}`,
      'indemnité forfaitaire pour frais de recouvrement de 40 €',
    ])
      expect(text).toContain(mention);
    await page.screenshot({ path: `${SCREENSHOTS}/receipt-my-bookings.png`, fullPage: true });
  });
});
