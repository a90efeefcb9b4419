import AxeBuilder from '@axe-core/playwright';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, LANDING, test } from './support';

/**
 * Staff sign-in through La Poste's identity provider, in the browser. The suite's usual server has no
 * provider configured (the button must not show there), so this spec starts its own: a real OpenID
 * Connect provider (oidc-provider, test/oidc/test-provider.mjs) and an API server on fresh demo data
 * configured to use it. E2E_OIDC_PORT moves both (API on it, provider on the next port).
 */
const API_PORT = Number(process.env.E2E_OIDC_PORT ?? 3232);
const PROVIDER_PORT = API_PORT + 1;
const APP = `http://127.0.0.1:${API_PORT}`;
const ISSUER = `http://127.0.0.1:${PROVIDER_PORT}`;
const MANAGER = 'gestionnaire@demo.lieux-partages.fr';
const ROOT = path.resolve(__dirname, '../..');

const children: ChildProcess[] = [];

function start(args: string[], env: Record<string, string>, ready: () => Promise<boolean>) {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  children.push(child);
  return (async () => {
    const until = Date.now() + 110_000;
    while (Date.now() < until) {
      if (child.exitCode !== null) throw new Error(`${args[0]} exited: ${stderr}`);
      if (await ready().catch(() => false)) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${args[0]} did not start: ${stderr}`);
  })();
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await Promise.all([
    start(
      [path.join(ROOT, 'test/oidc/test-provider.mjs')],
      {
        OIDC_TEST_PORT: String(PROVIDER_PORT),
        OIDC_TEST_REDIRECT_URIS: `${APP}/api/v1/auth/oidc/callback`,
        OIDC_TEST_ACCOUNTS: JSON.stringify({
          'c.martin': { email: MANAGER, email_verified: true, name: 'Camille Martin' },
        }),
      },
      async () => (await fetch(`${ISSUER}/.well-known/openid-configuration`)).ok,
    ),
    start(
      [path.join(ROOT, 'apps/api/dist/main.js')],
      {
        PORT: String(API_PORT),
        HOST: '127.0.0.1',
        PUBLIC_URL: APP,
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'lieux-e2e-oidc-')),
        LOG_LEVEL: 'warn',
        OIDC_ISSUER: ISSUER,
        OIDC_CLIENT_ID: 'lieux-partages',
        OIDC_CLIENT_SECRET: 'test-client-secret',
      },
      async () => (await fetch(`${APP}/api/health`)).ok,
    ),
  ]);
});

test.afterAll(() => {
  for (const child of children) child.kill('SIGTERM');
});

test('a site manager signs in with the La Poste account, through the group’s identity provider', async ({
  page,
}) => {
  await page.goto(`${APP}/connexion`);
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
  // The staff section, keyboard-reachable and axe-clean, beside the organisations' password form.
  const button = page.getByRole('link', { name: 'Se connecter avec le compte La Poste' });
  await expect(page.getByRole('heading', { level: 2, name: 'Personnel de La Poste' })).toBeVisible();
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await button.focus();
  await page.keyboard.press('Enter');

  // The provider's own pages: its login form, then its consent.
  await expect(page).toHaveURL(new RegExp(`^${ISSUER}/interaction/`));
  await page.locator('input[name="login"]').fill('c.martin');
  await page.locator('input[name="password"]').fill('mot-de-passe-du-groupe');
  await page.locator('button[type="submit"]').click();
  await page.getByRole('button', { name: 'Continue' }).click();

  // Back on Lieux Partagés, signed in, on the manager's own page.
  await expect(page.getByRole('heading', { level: 1, name: LANDING[MANAGER] })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(APP);
  const me = await page.evaluate(async () => {
    const res = await fetch('/api/v1/auth/refresh', { method: 'POST' });
    return ((await res.json()) as { user: { email: string } }).user.email;
  });
  expect(me).toBe(MANAGER);
});

test('the button shows only where a provider is configured; a refusal is explained on the login page', async ({
  page,
}) => {
  // The suite's usual server has none.
  await page.goto('/connexion');
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Se connecter avec le compte La Poste' })).toHaveCount(0);

  // A callback without a sign-in in progress (another browser, or too late) comes back here, explained.
  await page.goto(`${APP}/api/v1/auth/oidc/callback?code=abc&state=def`);
  await expect(page).toHaveURL(`${APP}/connexion?oidc=OIDC_FAILED`);
  await expect(page.getByRole('alert')).toContainText('La connexion avec le compte La Poste n’a pas abouti');
});
