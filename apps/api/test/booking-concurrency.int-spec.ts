import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createMember, createOrganisation, createSite, createUser, login, postJson, slot } from './fixtures';
import { MODE, startApp, waitFor, type TestApp } from './harness';
import { dayFromToday, iso } from './local-time';

/**
 * No double booking across processes: 50 simultaneous requests for one slot, half to this process's API and
 * half to a second API process (the built server, its own connection pool), on the real PostgreSQL. Only
 * the database can keep this rule, so it runs in services mode only.
 */
const API_DIR = path.resolve(__dirname, '..');
const REQUESTS = 50;
const ROUNDS = 5;

let t: TestApp;
let second: ChildProcess;
let secondUrl: string;
let tokens: string[];
let managerToken: string;
/** Members of one organisation: the quotas are the organisation's. */
let oneOrganisation: { id: string; tokens: string[] };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Sends request `i` to one process or the other, alternately. */
const urlFor = (i: number) => (i % 2 === 0 ? t.url : secondUrl);
const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
const activeIn = async (spaceId: string) =>
  (
    await t.db.query(
      `SELECT count(*)::int AS n FROM bookings WHERE space_id = $1 AND status IN ('pending', 'confirmed')`,
      [spaceId],
    )
  )[0].n as number;

async function burst(bodies: (i: number) => object): Promise<Record<number, number>> {
  const answers = await Promise.all(
    Array.from({ length: REQUESTS }, (_, i) =>
      postJson(`${urlFor(i)}/api/v1/bookings`, tokens[i % tokens.length], bodies(i)),
    ),
  );
  return tally(answers.map((r) => r.status));
}

const describeServices = MODE === 'services' ? describe : describe.skip;

describeServices('50 concurrent conflicting bookings over two API processes', () => {
  beforeAll(async () => {
    t = await startApp();
    const main = path.join(API_DIR, 'dist/main.js');
    // CI builds before testing; a bare checkout builds here.
    if (!existsSync(main))
      execFileSync('npx', ['tsc', '-p', 'tsconfig.app.json'], { cwd: API_DIR, stdio: 'inherit' });
    const port = await freePort();
    second = spawn(process.execPath, [main], {
      cwd: API_DIR,
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'lp-second-')),
        DATABASE_URL: t.config.databaseUrl,
        REDIS_URL: t.config.redisUrl,
        REDIS_PREFIX: t.config.redisPrefix,
        JWT_SECRET: t.config.jwtSecret,
        DEMO_SEED: 'false',
        RUN_JOBS: 'false',
        LOG_LEVEL: 'error',
        WEB_DIST: path.join(tmpdir(), 'no-web'),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    secondUrl = `http://127.0.0.1:${port}`;
    await waitFor(
      'the second API process',
      async () => (await fetch(`${secondUrl}/api/health`).catch(() => null))?.status === 200,
      60_000,
    );
    const orgs = [await createOrganisation(t.db), await createOrganisation(t.db)];
    tokens = [];
    for (const org of orgs)
      for (let i = 0; i < 3; i++) tokens.push(await login(t.url, (await createMember(t.db, org)).email));
    const id = await createOrganisation(t.db);
    oneOrganisation = { id, tokens: [] };
    for (let i = 0; i < 3; i++)
      oneOrganisation.tokens.push(await login(t.url, (await createMember(t.db, id)).email));
  }, 180_000);

  afterAll(async () => {
    second?.kill('SIGTERM');
    await t?.close();
  });

  it('answers from both processes', async () => {
    for (const url of [t.url, secondUrl]) {
      const res = await fetch(`${url}/api/v1/bookings?mine=true`, {
        headers: { authorization: `Bearer ${tokens[0]}` },
      });
      expect(res.status).toBe(200);
    }
  });

  it.each(Array.from({ length: ROUNDS }, (_, i) => i))(
    'one slot: exactly one booked (round %i)',
    async (round) => {
      const { spaceId } = await createSite(t.db);
      const s = slot(round, 14);
      const got = await burst(() => ({ spaceId, ...s, title: `Course ${round}`, attendees: 2 }));
      expect(got).toEqual({ 201: 1, 409: REQUESTS - 1 });
      expect(await activeIn(spaceId)).toBe(1);
    },
  );

  it.each(Array.from({ length: ROUNDS }, (_, i) => i))(
    'adjacent periods that meet only through the buffers: exactly one booked (round %i)',
    async (round) => {
      const { spaceId } = await createSite(t.db, { bufferBeforeMinutes: 15, bufferAfterMinutes: 15 });
      // 10:00–11:00 and 11:00–12:00 do not overlap; widened by 15 minutes each side, they do.
      const periods = [slot(round, 10), slot(round, 11)];
      const got = await burst((i) => ({
        spaceId,
        ...periods[i % 2],
        title: `Tampon ${round}`,
        attendees: 2,
      }));
      expect(got).toEqual({ 201: 1, 409: REQUESTS - 1 });
      expect(await activeIn(spaceId)).toBe(1);
    },
  );

  it.each(Array.from({ length: ROUNDS }, (_, i) => i))(
    'a pending request holds its slot while the manager approves it (round %i)',
    async (round) => {
      const { siteId, spaceId } = await createSite(t.db, { approvalRequired: true });
      managerToken = await login(t.url, (await createUser(t.db, 'site_manager', { siteId })).email);
      const s = slot(round, 15);
      const body = { spaceId, ...s, title: `Demande ${round}`, attendees: 2 };
      expect(await burst(() => body)).toEqual({ 201: 1, 409: REQUESTS - 1 });
      const [{ id }] = await t.db.query(
        `SELECT id FROM bookings WHERE space_id = $1 AND status = 'pending'`,
        [spaceId],
      );
      // The approval and a second wave of requests, at once, over both processes.
      const [approval, wave] = await Promise.all([
        postJson(`${urlFor(round)}/api/v1/bookings/${id}/approve`, managerToken, {}),
        burst(() => body),
      ]);
      expect(approval.status).toBe(200);
      expect(wave).toEqual({ 409: REQUESTS });
      expect(
        (await t.db.query(`SELECT status FROM bookings WHERE space_id = $1`, [spaceId])).map(
          (r: { status: string }) => r.status,
        ),
      ).toEqual(['confirmed']);
    },
  );

  /**
   * The quotas hold across processes: 50 requests of one organisation at once, each fitting alone, for
   * different slots of two spaces of the site (no slot or space lock in common), that together pass the
   * limit. Only the organisation's lock, taken by the check, keeps more than the limit from passing.
   */
  describe('quotas: requests that together pass a limit', () => {
    async function siteWithTwoSpaces(rule: object): Promise<string[]> {
      const { siteId, spaceId } = await createSite(t.db);
      const second = randomUUID();
      await t.db.query(
        `INSERT INTO spaces (id, site_id, region_code, departement_code, name, kind, area_sqm, capacity, status,
                             horizon_days, max_duration_minutes)
         SELECT $1, site_id, region_code, departement_code, 'Salle 2', kind, 20, 10, 'published', 365, 720
           FROM spaces WHERE id = $2`,
        [second, spaceId],
      );
      await t.db.query(`INSERT INTO quota_rules (site_id, week_minutes, max_active) VALUES ($1, $2, $3)`, [
        siteId,
        ...(rule as [number | null, number | null]),
      ]);
      return [spaceId, second];
    }

    /** Request `i`: two hours on a slot of its own in the week starting `weeks` Mondays ahead. */
    function quotaBurst(spaces: string[], weeks: number) {
      const today = dayFromToday(0);
      const monday = today.add({ days: 8 - today.dayOfWeek + 7 * weeks });
      return Promise.all(
        Array.from({ length: REQUESTS }, (_, i) => {
          const k = Math.floor(i / 2);
          const start = monday.add({ days: Math.floor(k / 6) }).with({ hour: 8 + 2 * (k % 6) });
          return postJson(`${urlFor(i)}/api/v1/bookings`, oneOrganisation.tokens[i % 3], {
            spaceId: spaces[i % 2],
            start: iso(start),
            end: iso(start.add({ hours: 2 })),
            title: `Quota ${i}`,
            attendees: 2,
          });
        }),
      );
    }

    const activeAt = async (spaces: string[]) =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n, coalesce(sum(extract(epoch FROM upper(period) - lower(period))), 0)::int AS s
             FROM bookings WHERE space_id = ANY($1) AND status IN ('pending', 'confirmed')`,
          [spaces],
        )
      )[0] as { n: number; s: number };

    it.each(Array.from({ length: ROUNDS }, (_, i) => i))(
      'hours a week (3 h, two-hour requests): exactly one booked (round %i)',
      async (round) => {
        const spaces = await siteWithTwoSpaces([180, null]);
        const answers = await quotaBurst(spaces, 2 + round);
        expect(tally(answers.map((r) => r.status))).toEqual({ 201: 1, 422: REQUESTS - 1 });
        const refused = (await answers.find((r) => r.status === 422)!.json()) as { code: string };
        expect(refused.code).toBe('QUOTA_EXCEEDED');
        expect(await activeAt(spaces)).toEqual({ n: 1, s: 7200 });
      },
    );

    it.each(Array.from({ length: ROUNDS }, (_, i) => i))(
      'bookings at once (3): exactly three booked (round %i)',
      async (round) => {
        const spaces = await siteWithTwoSpaces([null, 3]);
        const answers = await quotaBurst(spaces, 2 + round);
        expect(tally(answers.map((r) => r.status))).toEqual({ 201: 3, 422: REQUESTS - 3 });
        expect((await activeAt(spaces)).n).toBe(3);
      },
    );
  });
});
