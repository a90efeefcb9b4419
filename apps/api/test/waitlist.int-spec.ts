import { Booking, WaitlistEntry, WaitlistList } from '@lieux/contracts';
import { WaitlistSweeper } from '../src/bookings/waitlist-sweeper';
import { createMember, createOrganisation, createSpace, jsonOf, login, postJson, slot } from './fixtures';
import { mailsTo, MODE, startApp, type TestApp } from './harness';

let t: TestApp;
let sweeper: WaitlistSweeper;
let spaceId: string;
let day = 0;

interface Person {
  email: string;
  token: string;
}

const api = (path: string) => `${t.url}/api/v1${path}`;
const get = (path: string, as: Person) =>
  fetch(api(path), { headers: { authorization: `Bearer ${as.token}` } });
const del = (path: string, as: Person) =>
  fetch(api(path), { method: 'DELETE', headers: { authorization: `Bearer ${as.token}` } });

async function person(): Promise<Person> {
  const member = await createMember(t.db, await createOrganisation(t.db));
  return { email: member.email, token: await login(t.url, member.email) };
}

async function book(as: Person, s: { start: string; end: string }): Promise<Booking> {
  const res = await postJson(api('/bookings'), as.token, { spaceId, ...s, title: 'Réunion', attendees: 2 });
  expect(res.status).toBe(201);
  return Booking.parse(await jsonOf(res));
}

async function queue(as: Person, s: { start: string; end: string }): Promise<WaitlistEntry> {
  const res = await postJson(api('/waitlist'), as.token, {
    spaceId,
    ...s,
    title: 'En attente',
    attendees: 2,
  });
  expect(res.status).toBe(201);
  return WaitlistEntry.parse(await jsonOf(res));
}

async function cancel(as: Person, bookingId: string) {
  const res = await postJson(api(`/bookings/${bookingId}/cancel`), as.token, {});
  expect(res.status).toBe(200);
}

const statusOf = async (entryId: string) =>
  (await t.db.query(`SELECT status FROM waitlist_entries WHERE id = $1`, [entryId]))[0].status as string;
const offerEvents = async (entryId: string) =>
  (
    await t.db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE type = 'waitlist.offered' AND payload->>'entryId' = $1`,
      [entryId],
    )
  )[0].n as number;

/** A slot taken by `holder`, with `first` then `second` queued for it. */
async function contested() {
  const s = slot(++day, 10, 60);
  const holder = await person();
  const first = await person();
  const second = await person();
  const booking = await book(holder, s);
  const a = await queue(first, s);
  const b = await queue(second, s);
  return { s, holder, first, second, booking, a, b };
}

beforeAll(async () => {
  // Sweeps run when the test says, so that each step is seen.
  t = await startApp({ env: { WAITLIST_SWEEP_SECONDS: '3600', WAITLIST_OFFER_MINUTES: '90' } });
  sweeper = t.app.get(WaitlistSweeper);
  spaceId = await createSpace(t.db);
});

afterAll(() => t?.close());

describe(`waiting list (${MODE})`, () => {
  it('refuses to queue for a free slot: the client should just book it', async () => {
    const me = await person();
    const res = await postJson(api('/waitlist'), me.token, {
      spaceId,
      ...slot(++day),
      title: 'Libre',
      attendees: 2,
    });
    expect(res.status).toBe(409);
    expect((await jsonOf(res)).code).toBe('SLOT_FREE');
    expect(
      await t.db.query(`SELECT 1 FROM waitlist_entries WHERE user_id IS NOT NULL AND title = 'Libre'`),
    ).toEqual([]);
  });

  it('queues for a taken slot once, and lists my entries', async () => {
    const s = slot(++day);
    await book(await person(), s);
    const me = await person();
    const entry = await queue(me, s);
    expect(entry).toMatchObject({
      status: 'waiting',
      offerExpiresAt: null,
      start: new Date(s.start).toISOString(),
    });
    const again = await postJson(api('/waitlist'), me.token, {
      spaceId,
      ...s,
      title: 'Encore',
      attendees: 2,
    });
    expect(again.status).toBe(409);
    expect((await jsonOf(again)).code).toBe('ALREADY_WAITING');
    const mine = WaitlistList.parse(await jsonOf(await get('/waitlist', me)));
    expect(mine.items.map((e) => e.id)).toEqual([entry.id]);
  });

  it('offers a freed slot to the first in line only, once, by e-mail with the accept link; accepting books it', async () => {
    const { holder, first, second, booking, a, b } = await contested();
    await cancel(holder, booking.id);
    const { offers } = await sweeper.sweep();
    expect(offers).toBe(1);
    expect(await statusOf(a.id)).toBe('offered');
    expect(await statusOf(b.id)).toBe('waiting');
    // The freed-slot event is consumed once: more sweeps make no second offer.
    await Promise.all([sweeper.sweep(), sweeper.sweep(), sweeper.sweep()]);
    expect(await offerEvents(a.id)).toBe(1);
    expect(await offerEvents(b.id)).toBe(0);

    const [mail] = await mailsTo(t, first.email);
    expect(mail.subject).toMatch(/^Un créneau s’est libéré : Salle test/);
    expect(mail.text).toContain(`${t.config.publicUrl}/liste-attente/${a.id}`);
    expect(mail.text).toMatch(/acceptez l’offre avant le .* à \d+ h \d\d/);

    const offered = WaitlistEntry.parse(
      (await jsonOf(await get('/waitlist', first))).items.find((e: WaitlistEntry) => e.id === a.id),
    );
    const deadline = Date.parse(offered.offerExpiresAt!);
    expect(deadline - Date.now()).toBeGreaterThan(85 * 60_000);
    expect(deadline - Date.now()).toBeLessThanOrEqual(90 * 60_000);

    // Somebody else than the offer's organisation cannot take it.
    expect((await postJson(api(`/waitlist/${a.id}/accept`), second.token, undefined)).status).toBe(404);
    const accepted = await postJson(api(`/waitlist/${a.id}/accept`), first.token, undefined);
    expect(accepted.status).toBe(201);
    const made = Booking.parse(await jsonOf(accepted));
    expect(made.status).toBe('confirmed');
    expect(await statusOf(a.id)).toBe('booked');
    // Accepting twice books nothing more.
    expect((await postJson(api(`/waitlist/${a.id}/accept`), first.token, undefined)).status).toBe(409);
    expect(
      (
        await t.db.query(`SELECT count(*)::int AS n FROM bookings WHERE id = $1 OR title = 'En attente'`, [
          made.id,
        ])
      )[0].n,
    ).toBe(1);
  });

  it('passes a lapsed offer to the next in line', async () => {
    const { holder, second, booking, a, b } = await contested();
    await cancel(holder, booking.id);
    await sweeper.sweep();
    expect(await statusOf(a.id)).toBe('offered');
    await t.db.query(
      `UPDATE waitlist_entries SET offer_expires_at = now() - interval '1 second' WHERE id = $1`,
      [a.id],
    );
    const { offers } = await sweeper.sweep();
    expect(offers).toBe(1);
    expect(await statusOf(a.id)).toBe('expired');
    expect(await statusOf(b.id)).toBe('offered');
    const [mail] = await mailsTo(t, second.email);
    expect(mail.text).toContain(`/liste-attente/${b.id}`);
    const late = await postJson(api(`/waitlist/${a.id}/accept`), (await person()).token, undefined);
    expect(late.status).toBe(404);
  });

  it('passes a declined offer to the next in line at once', async () => {
    const { holder, first, booking, a, b } = await contested();
    await cancel(holder, booking.id);
    await sweeper.sweep();
    const declined = await del(`/waitlist/${a.id}`, first);
    expect(declined.status).toBe(204);
    expect(await statusOf(a.id)).toBe('withdrawn');
    expect(await statusOf(b.id)).toBe('offered');
  });

  it('answers 409 when the offered slot was taken meanwhile, and keeps the entry in line', async () => {
    const { s, holder, first, booking, a } = await contested();
    await cancel(holder, booking.id);
    await sweeper.sweep();
    expect(await statusOf(a.id)).toBe('offered');
    await book(await person(), s); // the waiting list does not hold the slot: a direct booking may win it
    const res = await postJson(api(`/waitlist/${a.id}/accept`), first.token, undefined);
    expect(res.status).toBe(409);
    expect((await jsonOf(res)).code).toBe('SLOT_TAKEN');
    expect(await statusOf(a.id)).toBe('waiting');
  });

  it('refuses to accept what was never offered', async () => {
    const { first, a } = await contested();
    const res = await postJson(api(`/waitlist/${a.id}/accept`), first.token, undefined);
    expect(res.status).toBe(409);
    expect((await jsonOf(res)).code).toBe('NO_OFFER');
  });
});
