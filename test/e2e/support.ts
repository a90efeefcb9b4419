import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  test as base,
  expect,
  type APIRequestContext,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test';
import { startServer } from './test-server';

export { expect };

/**
 * Playwright's `test`, where a Content-Security-Policy violation on any page of the test (in its own
 * browser context or one it opens) fails the test: the browser reports it in the console, and the
 * `securitypolicyviolation` event catches what it reports only to the page.
 */
export const test = base.extend<{ cspGuard: void }, { workerServer: string | undefined }>({
  /**
   * The server of a worker after the first (E2E_WORKERS > 1): its own port and data folder, so that its
   * demo data and its outbox are its own; its URL becomes the worker's baseURL and its folder E2E_DATA_DIR.
   * The first worker, and every worker on E2E_BASE_URL, use the config's server.
   */
  workerServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use, workerInfo) => {
      if (process.env.E2E_BASE_URL || workerInfo.parallelIndex === 0) return use(undefined);
      const port = Number(process.env.E2E_PORT ?? 3100) + workerInfo.parallelIndex;
      const dataDir = mkdtempSync(path.join(tmpdir(), `lieux-e2e-w${workerInfo.parallelIndex}-`));
      const server = await startServer(port, dataDir, 150_000);
      process.env.E2E_DATA_DIR = dataDir;
      await use(server.url);
      await server.stop();
    },
    { scope: 'worker', auto: true, timeout: 180_000 },
  ],
  baseURL: async ({ baseURL, workerServer }, use) => use(workerServer ?? baseURL),
  cspGuard: [
    async ({ context, browser }, use) => {
      const violations: string[] = [];
      const watch = async (ctx: BrowserContext) => {
        await ctx.addInitScript(() =>
          document.addEventListener('securitypolicyviolation', (e) =>
            console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
          ),
        );
        const onPage = (page: Page) =>
          page.on('console', (msg) => {
            if (msg.type() === 'error' && /Content Security Policy|CSP violation/.test(msg.text()))
              violations.push(`${page.url()}: ${msg.text()}`);
          });
        ctx.pages().forEach(onPage);
        ctx.on('page', onPage);
      };
      await watch(context);
      // A context a test opens itself (a second person) is closed with the test: Playwright closes only its
      // own, and a page left open keeps rendering and polling on a shared browser and server to the end of
      // the run (CI's browser tests took twice as long with a few left behind).
      const opened: BrowserContext[] = [];
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const ctx = await newContext(...args);
        opened.push(ctx);
        await watch(ctx);
        return ctx;
      };
      await use();
      browser.newContext = newContext;
      await Promise.all(opened.map((ctx) => ctx.close().catch(() => undefined)));
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export const MEMBER = {
  email: 'membre@demo.lieux-partages.fr',
  password: process.env.DEMO_PASSWORD ?? 'demo1234',
};
export const SCREENSHOTS = `${__dirname}/results`;

const API = '/api/v1';

export interface SpaceSummary {
  id: string;
  name: string;
  site: { name: string; timeZone: string };
  policy: { approvalRequired: boolean };
}

export async function apiToken(request: APIRequestContext): Promise<string> {
  const res = await request.post(`${API}/auth/login`, { data: MEMBER });
  expect(res.status()).toBe(200);
  return (await res.json()).accessToken;
}

export async function findSpace(request: APIRequestContext, name: string): Promise<SpaceSummary> {
  const res = await request.get(`${API}/spaces?limit=200`);
  expect(res.ok()).toBeTruthy();
  const space = ((await res.json()).items as SpaceSummary[]).find((s) => s.name === name);
  if (!space) throw new Error(`No demo space named ${name}`);
  return space;
}

/** `+01:00` for an instant in a zone. */
function offsetOf(ms: number, timeZone: string): string {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName')!.value;
  return name === 'GMT' ? '+00:00' : name.slice(3);
}

/** The instant of a local date and time in a zone, ISO with its offset. */
export function localInstant(date: string, time: string, timeZone: string): string {
  const guess = Date.parse(`${date}T${time}:00Z`);
  const offset = offsetOf(guess - 12 * 3600_000, timeZone);
  const first = `${date}T${time}:00${offset}`;
  const again = offsetOf(Date.parse(first), timeZone);
  return `${date}T${time}:00${again}`;
}

function localDate(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(ms));
}

/** Monday of next week in the zone, `YYYY-MM-DD`. */
export function nextMonday(timeZone: string): string {
  let ms = Date.now() + 86_400_000;
  for (let i = 0; i < 8; i++, ms += 86_400_000) {
    const weekday = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short' }).format(new Date(ms));
    if (weekday === 'Mon') return localDate(ms, timeZone);
  }
  throw new Error('unreachable');
}

const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * A weekday of next week whose `[start, end)` local slot is free for the space, asking the API itself
 * (so a holiday or an earlier booking never breaks the test). `weekdays` are 0 = Monday … 4 = Friday.
 */
export async function freeSlotNextWeek(
  request: APIRequestContext,
  space: SpaceSummary,
  start: string,
  end: string,
  weekdays = [1, 2, 3, 0, 4],
  weeksAhead = 1,
): Promise<{ date: string; start: string; end: string }> {
  const tz = space.site.timeZone;
  const monday = addDays(nextMonday(tz), 7 * (weeksAhead - 1));
  const from = localInstant(monday, '00:00', tz);
  const to = localInstant(addDays(monday, 7), '00:00', tz);
  const res = await request.get(
    `${API}/spaces/${space.id}/availability?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
  );
  expect(res.ok()).toBeTruthy();
  const free = (await res.json()).free as { start: string; end: string }[];
  for (const w of weekdays) {
    const date = addDays(monday, w);
    const s = localInstant(date, start, tz);
    const e = localInstant(date, end, tz);
    if (free.some((f) => Date.parse(f.start) <= Date.parse(s) && Date.parse(e) <= Date.parse(f.end))) {
      return { date, start: s, end: e };
    }
  }
  throw new Error(`No free ${start}–${end} slot in ${weeksAhead} week(s) for ${space.name}`);
}

export async function signIn(page: Page) {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(MEMBER.email);
  await page.getByLabel('Mot de passe').fill(MEMBER.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Espaces à réserver' })).toBeVisible();
}

export async function openSpace(page: Page, name: string) {
  await page.getByRole('link', { name: `Voir les disponibilités de ${name}` }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(calendar(page).locator('[role="cell"][data-date]').first()).toBeVisible();
}

export const calendar = (page: Page): Locator => page.locator('.lp-calendar');

/** Moves the calendar forward until the column of `date` is shown. */
export async function showWeekOf(page: Page, date: string) {
  for (let i = 0; i < 3; i++) {
    if ((await dayColumn(page, date).count()) > 0) return;
    await page.getByRole('button', { name: 'Semaine suivante' }).click();
  }
  await expect(dayColumn(page, date)).toBeVisible();
}

export const dayColumn = (page: Page, date: string) =>
  calendar(page).locator(`[role="cell"][data-date="${date}"]`).first();

/** Drags with the mouse over the `[from, to)` local slots of a day (30-minute rows). */
export async function dragSlot(page: Page, date: string, from: string, lastSlot: string) {
  // The calendar keeps the last week's answer while the shown week's loads, and a drag over time it does not
  // know to be free selects nothing: wait for this day's free time, drawn once its answer is in.
  await expect(dayColumn(page, date).locator('.lp-free').first()).toBeAttached();
  const column = await dayColumn(page, date).boundingBox();
  const rowBox = async (time: string) => {
    const rows = calendar(page).locator(`[data-time="${time}:00"]`);
    const boxes = await Promise.all((await rows.all()).map((r) => r.boundingBox()));
    // The lane row (spanning the days), not the time label of the axis.
    return boxes.filter((b) => b !== null).sort((a, b) => b!.width - a!.width)[0]!;
  };
  expect(column).not.toBeNull();
  const x = column!.x + column!.width / 2;
  const a = await rowBox(from);
  const b = await rowBox(lastSlot);
  await page.mouse.move(x, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(x, (a.y + b.y) / 2 + a.height / 2, { steps: 5 });
  await page.mouse.move(x, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

export const frenchDate = (date: string, timeZone: string) =>
  new Intl.DateTimeFormat('fr-FR', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(new Date(`${date}T12:00:00Z`));

/** Presses Tab (keyboard only) until `target` has the focus. */
export async function tabTo(page: Page, target: Locator, max = 40) {
  for (let i = 0; i < max && !(await target.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/**
 * The keys to type a date into the browser's native date input: its segment order follows the browser's
 * own UI language (month first in an English Chromium), so it is probed once on a blank page.
 */
export async function dateKeys(page: Page, isoDate: string): Promise<string> {
  const probe = await page.context().newPage();
  await probe.setContent('<input type="date" aria-label="probe">');
  await probe.getByLabel('probe').focus();
  await probe.keyboard.type('01022000');
  const value = await probe.getByLabel('probe').inputValue();
  await probe.close();
  const [y, m, d] = isoDate.split('-');
  return value === '2000-02-01' ? `${d}${m}${y}` : `${m}${d}${y}`;
}

/**
 * The page each kind of account lands on after signing in: a site manager's day, a delegate's région,
 * the admin console; members (and anyone else) the search.
 */
export const LANDING: Record<string, RegExp> = {
  'gestionnaire@demo.lieux-partages.fr': /^Aujourd’hui$/,
  'delegue@demo.lieux-partages.fr': /^Ma région/,
  'admin@demo.lieux-partages.fr': /^Comptes La Poste$/,
};

/** Signs in through the login page as any account (demo password by default). */
export async function signInAs(page: Page, email: string, password = MEMBER.password) {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: LANDING[email] ?? 'Espaces à réserver' }),
  ).toBeVisible();
}

/** A random SIRET with a valid Luhn key (never La Poste's SIREN 356000000). */
export function randomSiret(): string {
  for (;;) {
    const body = Array.from({ length: 13 }, (_, i) =>
      i === 0 ? 1 + Math.floor(Math.random() * 9) : Math.floor(Math.random() * 10),
    );
    for (let check = 0; check < 10; check++) {
      const digits = [...body, check];
      const sum = digits
        .slice()
        .reverse()
        .reduce((s, d, i) => s + (i % 2 === 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
      const siret = digits.join('');
      if (sum % 10 === 0 && !siret.startsWith('356000000')) return siret;
    }
  }
}

/** Registers an organisation (pending) and its admin through the API; answers the admin's credentials. */
export async function registerOrganisation(
  request: APIRequestContext,
  name = `Collectif ${Date.now()}`,
): Promise<{ name: string; email: string; password: string }> {
  const email = `admin.${Date.now()}.${Math.floor(Math.random() * 1e6)}@exemple.org`;
  const password = 'motdepasse-solide-1';
  const res = await request.post(`${API}/organisations/register`, {
    data: {
      organisation: {
        name,
        siret: randomSiret(),
        legalForm: 'scic',
        address: '3 place de la Comédie',
        postcode: '34000',
        communeCode: '34172',
      },
      admin: { displayName: 'Dominique Test', email, password },
    },
  });
  expect(res.status()).toBe(201);
  return { name, email, password };
}

/**
 * The test server's e-mails (.eml files in its outbox, quoted-printable decoded), newest first; none
 * while nothing has been sent.
 */
function outboxMails(): string[] {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir)
    throw new Error('E2E_DATA_DIR is not set: the outbox is only readable with the local test server');
  const outbox = path.join(dataDir, 'outbox');
  if (!existsSync(outbox)) return [];
  return readdirSync(outbox)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => path.join(outbox, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
    .map((f) => decodeQuotedPrintable(readFileSync(f, 'utf8')));
}

/** The last e-mail to `to` that contains `text`, waiting for it to be sent. */
export async function mailFromOutbox(to: string, text: string, timeout = 15_000, also = ''): Promise<string> {
  let found: string | null = null;
  await expect
    .poll(
      () =>
        (found =
          outboxMails().find(
            (m) => m.toLowerCase().includes(to.toLowerCase()) && m.includes(text) && m.includes(also),
          ) ?? null),
      { message: `an e-mail to ${to} saying ${text} ${also}`, timeout },
    )
    .not.toBeNull();
  return found!;
}

/**
 * The last link to `pathname` e-mailed to `to`, read from the test server's outbox: answers its path and
 * query, to open against the test's base URL.
 */
export async function linkFromOutbox(to: string, pathname: string): Promise<string> {
  const mail = await mailFromOutbox(to, pathname);
  const url = mail.match(new RegExp(`https?://[^\\s"<>]+${pathname.replace(/[/]/g, '\\/')}\\?jeton=[\\w-]+`));
  expect(url, `a ${pathname} link in the e-mail to ${to}`).not.toBeNull();
  const parsed = new URL(url![0]);
  return `${parsed.pathname}${parsed.search}`;
}

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined[i] === '=' ? joined.slice(i + 1, i + 3) : '';
    if (/^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The waiting-list offer link (`/liste-attente/<id>`) last e-mailed to `to`, as a path. */
export async function offerLinkFromOutbox(to: string, spaceName: string): Promise<string> {
  // The space named: the demo also offers the member the rest of a slot released for want of check-in.
  const mail = await mailFromOutbox(to, '/liste-attente/', 30_000, spaceName);
  const url = mail.match(/https?:\/\/[^\s"<>]+\/liste-attente\/[0-9a-f-]{36}/);
  expect(url, `a waiting-list offer link in the e-mail to ${to}`).not.toBeNull();
  return new URL(url![0]).pathname;
}

/** `lundi 7 décembre`, as the day view's date strip names a day. */
export const stripDayName = (date: string) =>
  new Intl.DateTimeFormat('fr-FR', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));

/** The day view (a phone's calendar) on `date`, turning its weeks forward as needed; the day's list. */
export async function showDayInDayView(page: Page, date: string, timeZone: string): Promise<Locator> {
  const strip = page.getByRole('list', { name: 'Jours de la semaine' });
  const day = strip.getByRole('button', { name: stripDayName(date), exact: true });
  for (let i = 0; i < 3 && (await day.count()) === 0; i++) {
    await page.getByRole('button', { name: 'Semaine suivante' }).click();
  }
  await day.click();
  await expect(day).toHaveAttribute('aria-pressed', 'true');
  return page.getByRole('list', { name: `Créneaux du ${frenchDate(date, timeZone)}` });
}

const minutesOf = (text: string) => {
  const [h, m] = text.replace(':', ' h ').split(' h ').map(Number);
  return h * 60 + m;
};

/** The day view's free period that holds `[from, to)` (`HH:MM`), found by its `9 h 00 – 18 h 00` text. */
export async function freePeriodHolding(list: Locator, from: string, to: string): Promise<Locator> {
  const buttons = list.getByRole('button', { name: /Libre — choisir mes horaires/ });
  await expect(buttons.first()).toBeVisible();
  for (const button of await buttons.all()) {
    const range = /(\d+ h \d\d) – (\d+ h \d\d)/.exec((await button.textContent()) ?? '');
    if (range && minutesOf(range[1]) <= minutesOf(from) && minutesOf(to) <= minutesOf(range[2]))
      return button;
  }
  throw new Error(`No free period holding ${from}–${to}`);
}

/** In the day view's picker, `from` and `to` (`HH:MM`) chosen. */
export async function pickTimes(page: Page, from: string, to: string): Promise<Locator> {
  const label = (time: string) => `${Number(time.slice(0, 2))} h ${time.slice(3)}`;
  const picker = page.getByRole('group', { name: 'Vos horaires' });
  await picker.getByLabel('Début').selectOption({ label: label(from) });
  await picker.getByLabel('Fin').selectOption({ label: label(to) });
  return picker;
}

/**
 * axe on the page as it stands, for WCAG 2.1 A and AA. Legacy mode: `axe.run` in the page itself, rather
 * than a partial run per frame finished in a blank page opened for it (a third of each audit's time); the
 * app has no frames, so the audit is the same.
 */
export const axeOn = (page: Page) =>
  new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode();

/** axe on the page as it stands: no serious or critical violation of WCAG 2.1 A and AA. */
export async function expectNoSeriousViolations(page: Page, name: string) {
  const results = await axeOn(page).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = serious.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations on ${name}`).toEqual([]);
}
