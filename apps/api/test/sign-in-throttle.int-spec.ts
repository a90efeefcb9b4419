import { createUser, PASSWORD, postJson } from './fixtures';
import { MODE, startApp, type TestApp } from './harness';

/**
 * Parallel guesses against the sign-in throttle. In services mode two API processes share the database,
 * as replicas would, and the guesses are spread over both; embedded mode has one process.
 */
let apps: TestApp[] = [];

beforeAll(async () => {
  const first = await startApp();
  apps = MODE === 'services' ? [first, await startApp({ fresh: false })] : [first];
});
afterAll(() => Promise.all(apps.map((a) => a.close())));

const db = () => apps[0].db;
const signIn = (i: number, email: string, password: string) =>
  postJson(`${apps[i % apps.length].url}/api/v1/auth/login`, null, { email, password });

/** How many of `n` parallel sign-ins were actually checked (not refused by the throttle). */
async function guess(n: number, accounts: string[], password = 'mauvais-mot-de-passe') {
  const res = await Promise.all(
    Array.from({ length: n }, (_, i) => signIn(i, accounts[i % accounts.length], password)),
  );
  const statuses = res.map((r) => r.status);
  return {
    checked: statuses.filter((s) => s !== 429).length,
    refused: statuses.filter((s) => s === 429).length,
    other: statuses.filter((s) => ![401, 429].includes(s)),
    retryAfter: res.find((r) => r.status === 429)?.headers.get('retry-after'),
  };
}

const failuresRecorded = async (userId: string) =>
  Number(
    (
      await db().query(
        `SELECT count(*) AS n FROM audit_log WHERE entity_id = $1 AND action = 'sign_in_failed'`,
        [userId],
      )
    )[0].n,
  );

describe(`sign-in throttle under parallel guesses (${MODE}, ${MODE === 'services' ? 2 : 1} process(es))`, () => {
  it('checks at most 5 of 100 parallel wrong passwords on one account, then refuses the right one too', async () => {
    const user = await createUser(db(), 'admin');
    const run = await guess(100, [user.email]);
    expect(run.other).toEqual([]);
    expect(run.checked).toBe(5);
    expect(run.refused).toBe(95);
    expect(run.retryAfter).toMatch(/^\d+$/);
    expect(await failuresRecorded(user.id)).toBe(5);

    // The right password, sent to each process after the limit, is refused like the others.
    const right = await Promise.all(apps.map((_, i) => signIn(i, user.email, PASSWORD)));
    expect(right.map((r) => r.status)).toEqual(apps.map(() => 429));
    // Refused attempts were not counted: the account's count is the limit, no more.
    const [row] = await db().query(`SELECT failures FROM sign_in_throttle WHERE key = $1`, [
      `account:${user.email}`,
    ]);
    expect(row.failures).toBe(5);
  });

  it('a right password among parallel wrong ones is checked only if it is among the first 5', async () => {
    const user = await createUser(db(), 'admin');
    const res = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => signIn(i, user.email, 'mauvais-mot-de-passe')),
      signIn(1, user.email, PASSWORD),
      ...Array.from({ length: 20 }, (_, i) => signIn(i, user.email, 'mauvais-mot-de-passe')),
    ]);
    const statuses = res.map((r) => r.status);
    // A success racing the failures once deadlocked with them and answered 500.
    expect(statuses.filter((s) => ![200, 401, 429].includes(s))).toEqual([]);
    // A success starts the account afresh, so it may let 5 more through, never more.
    const checked = statuses.filter((s) => s !== 429).length;
    expect(checked).toBeLessThanOrEqual(statuses.includes(200) ? 10 : 5);
    expect(statuses.filter((s) => s === 401).length).toBe(await failuresRecorded(user.id));
  });

  it('checks at most 20 failures per address, whatever the accounts, across the processes', async () => {
    const [{ n: before }] = await db().query(
      `SELECT coalesce(sum(failures), 0)::int AS n FROM sign_in_throttle WHERE key LIKE 'address:%'`,
    );
    const accounts = await Promise.all(
      Array.from({ length: 12 }, () => createUser(db(), 'admin').then((u) => u.email)),
    );
    const run = await guess(48, accounts);
    expect(run.other).toEqual([]);
    expect(run.checked).toBe(20 - before);
    // A person of the same address with the right password waits too.
    const other = await createUser(db(), 'admin');
    expect((await signIn(0, other.email, PASSWORD)).status).toBe(429);
  });
});
