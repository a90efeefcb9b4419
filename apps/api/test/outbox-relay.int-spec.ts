import { createUser, postJson } from './fixtures';
import { MODE, mailsTo, startApp, type TestApp } from './harness';

let t: TestApp;

// The other suites sweep every 2 s, which would hide a commit's own hand-out failing: here the sweep
// waits an hour, so only the hand-out that follows the commit can deliver in time.
beforeAll(async () => {
  t = await startApp({ env: { OUTBOX_SWEEP_SECONDS: '3600' } });
});
afterAll(() => t?.close());

describe(`outbox relay (${MODE})`, () => {
  it('hands a committed event to the queue at once, without waiting for the sweep', async () => {
    const { email } = await createUser(t.db, 'admin');
    const res = await postJson(`${t.url}/api/v1/auth/password-reset`, null, { email });
    expect(res.status).toBe(202);
    const [mail] = await mailsTo(t, email);
    expect(mail.text).toMatch(/mot-de-passe\/nouveau/);
  });
});
