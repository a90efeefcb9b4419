import { readdirSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { Booking } from '@lieux/contracts';
import { MAILER, type Mailer } from '../src/notifications/mailer';
import { NotificationProcessor } from '../src/notifications/notification.processor';
import {
  createMember,
  createOrganisation,
  createSite,
  createUser,
  jsonOf,
  login,
  postJson,
  slot,
} from './fixtures';
import { MODE, readMail, startApp, waitFor, type Mail, type TestApp } from './harness';

/** Every change of a booking tells the people concerned, in French, once per event. */
let t: TestApp;
let site: { siteId: string; spaceId: string };
let approvalSite: { siteId: string; spaceId: string };
let member: { id: string; email: string };
let memberToken: string;
let manager: { id: string; email: string };
let managerToken: string;
let approvalManager: { id: string; email: string };
let approvalManagerToken: string;
let day = 0;

const act = (id: string, action: string, token: string, body: unknown = {}) =>
  postJson(`${t.url}/api/v1/bookings/${id}/${action}`, token, body);
async function book(spaceId: string): Promise<Booking> {
  const res = await postJson(`${t.url}/api/v1/bookings`, memberToken, {
    spaceId,
    ...slot(++day, 9, 120),
    title: 'Assemblée',
    attendees: 5,
  });
  expect(res.status).toBe(201);
  return Booking.parse(await jsonOf(res));
}

/** The e-mails of one event of a booking, once the event is done. */
async function mailsOf(bookingId: string, type: string): Promise<Mail[]> {
  const eventId = await waitFor(`${type} of ${bookingId}`, async () => {
    const [e] = await t.db.query(
      `SELECT id FROM outbox WHERE type = $1 AND payload->>'bookingId' = $2 AND done_at IS NOT NULL`,
      [type, bookingId],
    );
    return e?.id as string | undefined;
  });
  const files = readdirSync(t.config.mailOutboxDir).filter((f) => f.startsWith(eventId));
  return Promise.all(files.map(async (f) => readMail(path.join(t.config.mailOutboxDir, f))));
}
const to = (m: Mail) => m.to[0];
function calendarOf(m: Mail) {
  const ics = m.attachments.find(
    (a) => a.contentType.startsWith('text/calendar') || a.filename?.endsWith('.ics'),
  );
  expect(ics).toBeDefined();
  const cal = new ICAL.Component(ICAL.parse(ics!.content));
  const event = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
  return { method: cal.getFirstPropertyValue('method'), uid: event.uid, sequence: event.sequence };
}

beforeAll(async () => {
  t = await startApp();
  site = await createSite(t.db);
  approvalSite = await createSite(t.db, { approvalRequired: true });
  const org = await createOrganisation(t.db);
  member = await createMember(t.db, org);
  memberToken = await login(t.url, member.email);
  manager = await createUser(t.db, 'site_manager', { siteId: site.siteId });
  managerToken = await login(t.url, manager.email);
  approvalManager = await createUser(t.db, 'site_manager', { siteId: approvalSite.siteId });
  approvalManagerToken = await login(t.url, approvalManager.email);
});

afterAll(() => t?.close());

describe(`booking notifications (${MODE})`, () => {
  it('tells the site’s managers of a new request, and the organisation that it was received', async () => {
    const b = await book(approvalSite.spaceId);
    const mails = await mailsOf(b.id, 'booking.requested');
    const byRecipient = Object.fromEntries(mails.map((m) => [to(m), m]));
    expect(Object.keys(byRecipient).sort()).toEqual([approvalManager.email, member.email].sort());
    expect(byRecipient[approvalManager.email].subject).toMatch(/^Nouvelle demande à traiter : Salle test, /);
    expect(byRecipient[approvalManager.email].text).toContain('/demandes');
    expect(byRecipient[member.email].subject).toMatch(/^Demande de réservation reçue/);
  });

  it('confirms an approved request with an updated invite (same UID, higher SEQUENCE)', async () => {
    const b = await book(approvalSite.spaceId);
    const [received] = (await mailsOf(b.id, 'booking.requested')).filter((m) => to(m) === member.email);
    const first = calendarOf(received);
    expect((await act(b.id, 'approve', approvalManagerToken)).status).toBe(200);
    const [confirmed] = await mailsOf(b.id, 'booking.confirmed');
    expect(confirmed.subject).toMatch(/^Réservation confirmée/);
    const second = calendarOf(confirmed);
    expect(second).toMatchObject({ method: 'REQUEST', uid: first.uid });
    expect(second.sequence).toBeGreaterThan(first.sequence);
  });

  it('tells the organisation why its request was rejected, withdrawing the tentative invite', async () => {
    const b = await book(approvalSite.spaceId);
    await act(b.id, 'reject', approvalManagerToken, { reason: 'La salle est réservée au conseil municipal' });
    const [mail] = await mailsOf(b.id, 'booking.rejected');
    expect(mail.subject).toMatch(/^Demande de réservation refusée/);
    expect(mail.text).toContain('Motif : La salle est réservée au conseil municipal');
    expect(calendarOf(mail)).toMatchObject({ method: 'CANCEL', uid: `${b.id}@lieux-partages.fr` });
  });

  it('cancels with METHOD:CANCEL, the invite’s UID and a higher SEQUENCE, in French with the site’s time', async () => {
    const b = await book(site.spaceId);
    const [invite] = await mailsOf(b.id, 'booking.confirmed');
    const first = calendarOf(invite);
    expect(invite.text).toContain('Lieu : La Poste Test, 1 rue de la Poste, 34000 Montpellier');
    expect(invite.text).toMatch(/de 9 h 00 à 11 h 00 \(heure locale du site\)/);
    expect(invite.text).toContain(`/mes-reservations?annuler=${b.id}`);
    await act(b.id, 'cancel', managerToken, { reason: 'Coupure de courant' });
    const [mail] = await mailsOf(b.id, 'booking.cancelled');
    expect(to(mail)).toBe(member.email);
    expect(mail.subject).toMatch(/^Réservation annulée : Salle test, /);
    expect(mail.text).toContain('Motif : Coupure de courant');
    const cancel = calendarOf(mail);
    expect(cancel).toMatchObject({ method: 'CANCEL', uid: first.uid });
    expect(cancel.sequence).toBeGreaterThan(first.sequence);
  });

  it('sends each event’s e-mails once, however often its job runs', async () => {
    const b = await book(site.spaceId);
    await act(b.id, 'cancel', memberToken);
    await mailsOf(b.id, 'booking.cancelled');
    const [{ id }] = await t.db.query(
      `SELECT id FROM outbox WHERE type = 'booking.cancelled' AND payload->>'bookingId' = $1`,
      [b.id],
    );
    await t.db.query(`UPDATE outbox SET done_at = NULL WHERE id = $1`, [id]);
    await t.app.get(NotificationProcessor).deliver(id);
    expect(readdirSync(t.config.mailOutboxDir).filter((f) => f.startsWith(id))).toHaveLength(1);
  });

  it('sends an event handed out twice to one worker at once a single time, its lease taken with others', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const b = await book(site.spaceId);
      await mailsOf(b.id, 'booking.confirmed');
      const [{ id }] = await t.db.query(
        `INSERT INTO outbox (type, payload, enqueued_at) VALUES ('booking.reminder', $1, now()) RETURNING id`,
        [JSON.stringify({ bookingId: b.id })],
      );
      ids.push(id);
    }
    // The first call takes its lease alone; the three others, made meanwhile, share one statement, in
    // which the second event is asked for twice.
    const processor = t.app.get(NotificationProcessor);
    const mailer = t.app.get<Mailer>(MAILER);
    const send = mailer.send;
    const sent: string[] = [];
    mailer.send = (message) => {
      sent.push(String(message.messageId));
      return send.call(mailer, message);
    };
    try {
      await Promise.all([ids[0], ids[1], ids[2], ids[1]].map((id) => processor.deliver(id)));
    } finally {
      mailer.send = send;
    }
    for (const id of ids) {
      expect(sent.filter((m) => m.startsWith(`<${id}.`))).toHaveLength(1);
      const [event] = await t.db.query(`SELECT done_at, attempts FROM outbox WHERE id = $1`, [id]);
      expect(event.done_at).not.toBeNull();
      expect(event.attempts).toBe(1);
    }
  });

  it('takes over the event of a worker that died holding it as soon as its lease runs out', async () => {
    const b = await book(site.spaceId);
    await mailsOf(b.id, 'booking.confirmed');
    // A worker took this event a moment ago, then died: it renews the lease no more.
    const [{ id }] = await t.db.query(
      `INSERT INTO outbox (type, payload, enqueued_at, locked_until, attempts)
       VALUES ('booking.reminder', $1, now(), now() + interval '3 seconds', 1) RETURNING id`,
      [JSON.stringify({ bookingId: b.id })],
    );
    const started = Date.now();
    await t.app.get(NotificationProcessor).deliver(id);
    const [event] = await t.db.query(`SELECT done_at FROM outbox WHERE id = $1`, [id]);
    expect(event.done_at).not.toBeNull();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(readdirSync(t.config.mailOutboxDir).filter((f) => f.startsWith(id))).toHaveLength(1);
  });
});
