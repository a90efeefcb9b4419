import { randomInt } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Booking } from '@lieux/contracts';
import { NotificationProcessor } from '../src/notifications/notification.processor';
import { ReceiptsService } from '../src/receipts/receipts.service';
import {
  createMember,
  createOrganisation,
  createSite,
  createUser,
  insertBooking,
  jsonOf,
  login,
  postJson,
  slot,
} from './fixtures';
import { MODE, readMail, startApp, waitFor, type Mail, type TestApp } from './harness';

/** Paid bookings get a receipt numbered without gaps, as a PDF to download and attached to the confirmation. */
let t: TestApp;
// A series of numbers of this suite's own: other suites of the worker's database issue receipts too.
const PREFIX = `T${randomInt(100_000, 999_999)}`;
let org: string;
let member: { id: string; email: string };
let memberToken: string;
let paid: { siteId: string; spaceId: string };
let day = 0;

async function book(spaceId: string, token = memberToken, minutes = 120): Promise<Booking> {
  const res = await postJson(`${t.url}/api/v1/bookings`, token, {
    spaceId,
    ...slot(++day, 9, minutes),
    title: 'Assemblée générale',
    attendees: 5,
  });
  expect(res.status).toBe(201);
  return Booking.parse(await jsonOf(res));
}

const download = (id: string, token: string | null) =>
  fetch(`${t.url}/api/v1/bookings/${id}/receipt`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

async function pdfText(bytes: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  // Compared as one line with ordinary spaces: the PDF wraps lines and draws no-break spaces.
  return text.replace(/\s+/g, ' ');
}

async function confirmationOf(bookingId: string): Promise<{ eventId: string; mails: Mail[] }> {
  const eventId = await waitFor(`confirmation of ${bookingId}`, async () => {
    const [e] = await t.db.query(
      `SELECT id FROM outbox WHERE type = 'booking.confirmed' AND payload->>'bookingId' = $1 AND done_at IS NOT NULL`,
      [bookingId],
    );
    return e?.id as string | undefined;
  });
  const files = readdirSync(t.config.mailOutboxDir).filter((f) => f.startsWith(eventId));
  return {
    eventId,
    mails: await Promise.all(files.map((f) => readMail(path.join(t.config.mailOutboxDir, f)))),
  };
}

/** The test series' numbers, year by year: the numbering starts again each year in Paris. */
async function sequences(): Promise<number[][]> {
  const rows: { numbers: number[] }[] = await t.db.query(
    `SELECT array_agg(sequence ORDER BY sequence) AS numbers FROM receipts WHERE series = $1 GROUP BY year ORDER BY year`,
    [PREFIX],
  );
  return rows.map((r) => r.numbers);
}

beforeAll(async () => {
  t = await startApp({ env: { RECEIPT_PREFIX: PREFIX, RECEIPT_SELLER_NAME: 'La Poste Test' } });
  org = await createOrganisation(t.db);
  await t.db.query(
    `UPDATE organisations SET name = 'Ressourcerie du Lez', address = '2 rue du Lez', postcode = '34000',
            commune = 'Montpellier' WHERE id = $1`,
    [org],
  );
  member = await createMember(t.db, org);
  memberToken = await login(t.url, member.email);
  // 12,50 € an hour, less 50 % for associations.
  paid = await createSite(t.db, { hourlyRateCents: 1250 });
  await t.db.query(`INSERT INTO site_discounts (site_id, basis, percent) VALUES ($1, 'association', 50)`, [
    paid.siteId,
  ]);
});

afterAll(() => t?.close());

describe(`receipts (${MODE})`, () => {
  it('issues a receipt with a paid booking confirmed at once, as a PDF with the mentions of an invoice', async () => {
    const b = await book(paid.spaceId);
    expect(b.priceCents).toBe(1250);
    expect(b.receipt?.number).toMatch(new RegExp(`^${PREFIX}-20\\d\\d-\\d{6}$`));
    const got = Booking.parse(
      await jsonOf(
        await fetch(`${t.url}/api/v1/bookings/${b.id}`, {
          headers: { authorization: `Bearer ${memberToken}` },
        }),
      ),
    );
    expect(got.receipt).toEqual(b.receipt);

    const res = await download(b.id, memberToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="recu-${b.receipt!.number}.pdf"`,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = await pdfText(bytes);
    for (const mention of [
      `Reçu n° ${b.receipt!.number}`,
      'La Poste Test',
      'SIRET : 356 000 000 00048',
      'N° de TVA intracommunautaire : FR39356000000',
      'Ressourcerie du Lez',
      '2 rue du Lez, 34000 Montpellier',
      'Date d’émission',
      'Date d’échéance',
      '« Salle test »',
      'de 9 h 00 à 11 h 00',
      '2 h',
      '10,42 € HT / h',
      'Montant brut HT',
      '20,83 €',
      'Remise solidaire 50 % (Association)',
      '-10,41 €',
      'Total HT',
      '10,42 €',
      'TVA 20 %',
      '2,08 €',
      'Net à payer',
      '12,50 €',
      'Pas d’escompte pour paiement anticipé.',
      'indemnité forfaitaire pour frais de recouvrement de 40 €',
    ])
      expect(text).toContain(mention);
    // Drawn again from the stored facts: the same document.
    const again = new Uint8Array(await (await download(b.id, memberToken)).arrayBuffer());
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it('attaches the receipt to the confirmation, and a retry attaches the same one', async () => {
    const b = await book(paid.spaceId);
    const { eventId, mails } = await confirmationOf(b.id);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.text).toContain(`Votre reçu n° ${b.receipt!.number} est joint à ce message.`);
    const pdf = mail.attachments.find((a) => a.filename === `recu-${b.receipt!.number}.pdf`);
    expect(pdf?.contentType).toBe('application/pdf');
    expect(await pdfText(pdf!.bytes)).toContain(`Reçu n° ${b.receipt!.number}`);
    expect(mail.attachments.some((a) => a.filename === 'invitation.ics')).toBe(true);

    // The delivery is lost and the event runs again: the same receipt, no new number.
    const before = await sequences();
    await t.db.query(`DELETE FROM notification_deliveries WHERE event_id = $1`, [eventId]);
    await t.db.query(`UPDATE outbox SET done_at = NULL WHERE id = $1`, [eventId]);
    await t.app.get(NotificationProcessor).deliver(eventId);
    const resent = (await confirmationOf(b.id)).mails;
    for (const m of resent)
      expect(m.attachments.map((a) => a.filename)).toContain(`recu-${b.receipt!.number}.pdf`);
    expect(await sequences()).toEqual(before);
  });

  it('replays a booking sent again with its idempotency key with the same receipt, and no second number', async () => {
    const body = { spaceId: paid.spaceId, ...slot(++day, 14, 60), title: 'Atelier', attendees: 3 };
    const key = { 'idempotency-key': `recu-${randomInt(1e9)}` };
    const send = () => postJson(`${t.url}/api/v1/bookings`, memberToken, body, key);
    const [first, second] = await Promise.all([send(), send()]);
    const a = Booking.parse(await jsonOf(first));
    const b = Booking.parse(await jsonOf(second));
    expect(a.receipt?.number).toBeDefined();
    expect(b).toEqual(a);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM receipts WHERE booking_id = $1`, [a.id]);
    expect(n).toBe(1);
  });

  it('issues the receipt of a request when it is approved, not before', async () => {
    const site = await createSite(t.db, { hourlyRateCents: 2000, approvalRequired: true });
    const manager = await createUser(t.db, 'site_manager', { siteId: site.siteId });
    const managerToken = await login(t.url, manager.email);
    const b = await book(site.spaceId);
    expect(b.status).toBe('pending');
    expect(b.receipt).toBeNull();
    expect((await download(b.id, memberToken)).status).toBe(404);
    const res = await postJson(`${t.url}/api/v1/bookings/${b.id}/approve`, managerToken, {});
    expect(res.status).toBe(200);
    const approved = Booking.parse(await jsonOf(res));
    expect(approved.receipt?.number).toMatch(new RegExp(`^${PREFIX}-`));
    const { mails } = await confirmationOf(b.id);
    expect(mails[0].attachments.map((a) => a.filename)).toContain(`recu-${approved.receipt!.number}.pdf`);
    // The site's manager downloads it too.
    expect((await download(b.id, managerToken)).status).toBe(200);
  });

  it('gives a free booking no receipt, and its confirmation no attachment', async () => {
    const free = await createSite(t.db);
    const b = await book(free.spaceId);
    expect(b.receipt).toBeNull();
    const res = await download(b.id, memberToken);
    expect(res.status).toBe(404);
    expect((await jsonOf(res)).detail).toBe(
      'Cette réservation n’a pas de reçu : elle est gratuite, ou pas encore confirmée.',
    );
    const { mails } = await confirmationOf(b.id);
    expect(mails[0].attachments.some((a) => a.contentType === 'application/pdf')).toBe(false);
    expect(mails[0].text).not.toContain('reçu');
  });

  it('keeps the receipt and its number when the booking is cancelled, marked cancelled', async () => {
    const b = await book(paid.spaceId);
    const res = await postJson(`${t.url}/api/v1/bookings/${b.id}/cancel`, memberToken, {});
    expect(res.status).toBe(200);
    expect(Booking.parse(await jsonOf(res)).receipt).toEqual(b.receipt);
    const [r] = await t.db.query(`SELECT number, cancelled_at FROM receipts WHERE booking_id = $1`, [b.id]);
    expect(r.number).toBe(b.receipt!.number);
    expect(r.cancelled_at).not.toBeNull();
    expect((await download(b.id, memberToken)).status).toBe(200);
  });

  it('gives a booking moved after its receipt a new receipt for its new terms, the old one marked cancelled', async () => {
    const b = await book(paid.spaceId, memberToken, 60);
    const moved = slot(++day, 14, 120);
    const res = await fetch(`${t.url}/api/v1/bookings/${b.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${memberToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(moved),
    });
    expect(res.status).toBe(200);
    const after = Booking.parse(await jsonOf(res));
    expect(after.priceCents).toBe(2 * b.priceCents);
    expect(after.receipt!.number).not.toBe(b.receipt!.number);
    const rows = await t.db.query(
      `SELECT number, cancelled_at FROM receipts WHERE booking_id = $1 ORDER BY issued_at`,
      [b.id],
    );
    expect(rows.map((r: { number: string }) => r.number)).toEqual([b.receipt!.number, after.receipt!.number]);
    expect(rows[0].cancelled_at).not.toBeNull();
    expect(rows[1].cancelled_at).toBeNull();
    // The PDF is the new one, with the new price.
    const pdf = await download(b.id, memberToken);
    expect(pdf.status).toBe(200);
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain(after.receipt!.number);
  });

  it('numbers receipts without gaps under concurrent confirmations, rollbacks included', async () => {
    const spaces = await Promise.all(
      Array.from({ length: 10 }, () => createSite(t.db, { hourlyRateCents: 1000 })),
    );
    const receipts = t.app.get(ReceiptsService);
    // Transactions that take a number and then fail: their numbers must come back.
    const rolledBack = Array.from({ length: 6 }, async (_, i) => {
      const id = await insertBooking(t.db, {
        spaceId: spaces[i]!.spaceId,
        organisationId: org,
        ...slot(200 + i),
      });
      await t.db.query(`UPDATE bookings SET price_cents = 1000, list_price_cents = 1000 WHERE id = $1`, [id]);
      await expect(
        t.db.transaction(async (em) => {
          expect(await receipts.issue(em, id)).not.toBeNull();
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
    });
    // Twenty paid confirmations at once: two on each of ten spaces.
    const confirmed = spaces.flatMap((s) => [book(s.spaceId), book(s.spaceId)]);
    const [bookings] = await Promise.all([Promise.all(confirmed), Promise.all(rolledBack)]);

    // No gap, in each year (a run across New Year's midnight in Paris starts a new one).
    for (const year of await sequences()) {
      expect(year).toEqual(Array.from({ length: year.length }, (_, i) => i + 1));
    }
    const numbers = bookings.map((b) => b.receipt!.number);
    expect(new Set(numbers).size).toBe(20);
    // Chronological: a later number never bears an earlier date.
    const rows: { issued_at: Date }[] = await t.db.query(
      `SELECT issued_at FROM receipts WHERE series = $1 ORDER BY year, sequence`,
      [PREFIX],
    );
    const times = rows.map((r) => new Date(r.issued_at).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
