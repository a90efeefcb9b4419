import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { test, expect, type APIRequestContext, type Page } from '@playwright/test';

/**
 * Screenshots of the everyday screens, at 1280 px and on a 390 px phone, for a before/after record of a
 * change (issue 13). Not a test of behaviour: `SCREENS_LABEL=after npm run screens -w test` writes
 * `test/e2e/screenshots/<label>/<screen>-<width>.png`, full page, signed in as the screen's user.
 */
const LABEL = process.env.SCREENS_LABEL ?? 'current';
const OUT = path.resolve(__dirname, '..', 'screenshots', LABEL);
const PASSWORD = process.env.DEMO_PASSWORD ?? 'demo1234';
const API = '/api/v1';

const ACCOUNTS = {
  member: 'membre@demo.lieux-partages.fr',
  manager: 'gestionnaire@demo.lieux-partages.fr',
  delegate: 'delegue@demo.lieux-partages.fr',
  admin: 'admin@demo.lieux-partages.fr',
} as const;
type Who = keyof typeof ACCOUNTS | 'visitor';

interface Screen {
  name: string;
  who: Who;
  /** The page's address, from ids the demo data gives. */
  path: (ids: Ids) => string;
  /** What to do once the page is shown, before the picture (open a dialog, switch a view). */
  then?: (page: Page) => Promise<void>;
  colorScheme?: 'dark';
  print?: boolean;
}

interface Ids {
  spaceId: string;
  siteId: string;
}

const SCREENS: Screen[] = [
  { name: 'home', who: 'visitor', path: () => '/' },
  { name: 'search', who: 'visitor', path: () => '/espaces' },
  { name: 'space', who: 'member', path: (ids) => `/espaces/${ids.spaceId}` },
  {
    name: 'booking-dialog',
    who: 'member',
    path: (ids) => `/espaces/${ids.spaceId}`,
    then: async (page) => {
      const book = page.getByRole('button', { name: /Réserver/ }).first();
      if (await book.isVisible()) await book.click();
    },
  },
  { name: 'my-bookings', who: 'member', path: () => '/mes-reservations' },
  { name: 'landing-member', who: 'member', path: () => '' },
  { name: 'landing-manager', who: 'manager', path: () => '' },
  { name: 'landing-delegate', who: 'delegate', path: () => '' },
  { name: 'landing-admin', who: 'admin', path: () => '' },
  { name: 'manager-requests', who: 'manager', path: () => '/demandes' },
  { name: 'manager-site', who: 'manager', path: (ids) => `/gestion/sites/${ids.siteId}` },
  { name: 'reports', who: 'delegate', path: () => '/rapports' },
  { name: 'verifications', who: 'delegate', path: () => '/verifications' },
  { name: 'admin-audit', who: 'admin', path: () => '/admin/journal' },
  { name: 'admin-accounts', who: 'admin', path: () => '/admin/comptes' },
  { name: 'search-dark', who: 'visitor', path: () => '/espaces', colorScheme: 'dark' },
  { name: 'space-dark', who: 'member', path: (ids) => `/espaces/${ids.spaceId}`, colorScheme: 'dark' },
  { name: 'reports-print', who: 'delegate', path: () => '/rapports', print: true },
];

const WIDTHS = [
  { width: 1280, height: 900, isMobile: false },
  { width: 390, height: 844, isMobile: true },
];

/** Asked with the test's own request context: the page's would share the manager's session cookie. */
async function demoIds(request: APIRequestContext): Promise<Ids> {
  const login = await request.post(`${API}/auth/login`, {
    data: { email: ACCOUNTS.manager, password: PASSWORD },
  });
  const token = (await login.json()).accessToken as string;
  const sites = await request.get(`${API}/sites`, { headers: { authorization: `Bearer ${token}` } });
  const site = (await sites.json()).items[0];
  const spaces = await request.get(`${API}/spaces?limit=200`);
  const space = (await spaces.json()).items.find((s: { site: { id: string } }) => s.site.id === site.id);
  return { siteId: site.id, spaceId: space.id };
}

async function signIn(page: Page, who: Who) {
  if (who === 'visitor') return;
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(ACCOUNTS[who]);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).not.toHaveURL(/\/connexion/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

for (const size of WIDTHS) {
  test.describe(`${size.width} px`, () => {
    test.use({
      viewport: { width: size.width, height: size.height },
      isMobile: size.isMobile,
      hasTouch: size.isMobile,
    });
    for (const screen of SCREENS) {
      test(screen.name, async ({ page, request }) => {
        mkdirSync(OUT, { recursive: true });
        if (screen.colorScheme) await page.emulateMedia({ colorScheme: screen.colorScheme });
        const ids = await demoIds(request);
        await signIn(page, screen.who);
        const target = screen.path(ids);
        if (target) await page.goto(target);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await page.waitForLoadState('networkidle');
        await screen.then?.(page);
        if (screen.print) await page.emulateMedia({ media: 'print' });
        // Fonts, images and the calendar's last layout.
        await page.evaluate(() => document.fonts.ready);
        const shot = await page.screenshot({ fullPage: true });
        // A 256-colour palette keeps the committed record at a third of the size, with no visible loss.
        const small = await sharp(shot).png({ palette: true, quality: 85, effort: 8 }).toBuffer();
        writeFileSync(path.join(OUT, `${screen.name}-${size.width}.png`), small);
      });
    }
  });
}
