import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { decodeHTML } from 'entities';
import { createSite } from './fixtures';
import { MODE, startApp, type TestApp } from './harness';

const SCRIPT = `console.log(${JSON.stringify('Lieux Partagés '.repeat(200))});`;
const ASSET = 'index-Ab12Cd34.js';
const PUBLIC_URL = 'https://lieux.example.org';

/** A built web app in miniature, as Vite and its compression plugin write it. */
function webDist(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lp-web-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="UTF-8" />
    <meta
      name="description"
      content="Réserver les espaces de La Poste prêtés à l’économie sociale &amp; solidaire."
    />
    <title>Lieux Partagés</title>
    <script type="module" crossorigin src="/assets/${ASSET}"></script>
  </head>
  <body><div id="root"></div></body>
</html>`,
  );
  const asset = path.join(dir, 'assets', ASSET);
  writeFileSync(asset, SCRIPT);
  writeFileSync(`${asset}.br`, brotliCompressSync(SCRIPT));
  writeFileSync(`${asset}.gz`, gzipSync(SCRIPT));
  writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

/** The bytes as sent (fetch would decompress them). */
function raw(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** The meta tags of a page, by name or property, decoded. */
function metaOf(html: string): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const m of html.matchAll(/<meta\s+(?:name|property)="([^"]+)"\s+content="([^"]*)"\s*\/?>/g))
    meta[m[1]] = decodeHTML(m[2]);
  const title = /<title>([\s\S]*?)<\/title>/.exec(html);
  if (title) meta.title = decodeHTML(title[1]);
  return meta;
}

let t: TestApp;
beforeAll(async () => {
  t = await startApp({ env: { WEB_DIST: webDist(), PUBLIC_URL } });
});
afterAll(() => t?.close());

describe(`the web app's files (${MODE})`, () => {
  it.each([
    ['br', 'br', brotliCompressSync(SCRIPT)],
    ['gzip, deflate', 'gzip', gzipSync(SCRIPT)],
    ['gzip, deflate, br', 'br', brotliCompressSync(SCRIPT)],
  ])(
    'sends an asset precompressed (Accept-Encoding: %s), cached for a year',
    async (accept, encoding, bytes) => {
      const res = await raw(`${t.url}/assets/${ASSET}`, { 'accept-encoding': accept });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.body.equals(bytes)).toBe(true);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    },
  );

  it('sends the asset as it is to a client that accepts no compression', async () => {
    const res = await raw(`${t.url}/assets/${ASSET}`, { 'accept-encoding': 'identity' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe(SCRIPT);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it.each(['/', '/recherche?q=Montpellier', '/index.html', '/favicon.svg'])(
    'has %s asked again every time',
    async (target) => {
      const res = await fetch(`${t.url}${target}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
    },
  );
});

describe(`compression of the API's answers (${MODE})`, () => {
  it.each([
    ['br', 'br', brotliDecompressSync],
    ['gzip, deflate', 'gzip', gunzipSync],
  ] as const)(
    'compresses a large JSON answer for a client that accepts %s, saying so to caches',
    async (accept, encoding, inflate) => {
      const res = await raw(`${t.url}/api/docs-json`, { 'accept-encoding': accept });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      const plain = await raw(`${t.url}/api/docs-json`, { 'accept-encoding': 'identity' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(inflate(res.body).equals(plain.body)).toBe(true);
      expect(res.body.length).toBeLessThan(plain.body.length / 4);
    },
  );

  it('leaves small answers as they are', async () => {
    const res = await raw(`${t.url}/api/health`, { 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.body.length).toBeLessThan(1024);
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('still answers 304 to an asset asked again with its validator', async () => {
    const first = await raw(`${t.url}/assets/${ASSET}`, { 'accept-encoding': 'br' });
    const validator = first.headers.etag as string;
    expect(validator).toBeTruthy();
    const again = await raw(`${t.url}/assets/${ASSET}`, {
      'accept-encoding': 'br',
      'if-none-match': validator,
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });
});

describe(`a shared link's preview (${MODE})`, () => {
  const NAME = `Salle "Jaurès" <script>alert('x')</script>`;
  const DESCRIPTION = `Lumineuse & calme, "vue sur cour" <b>au 1er</b>.`;
  let spaceId: string;
  let photoId: string;

  beforeAll(async () => {
    ({ spaceId } = await createSite(t.db));
    await t.db.query(`UPDATE spaces SET name = $2, description = $3 WHERE id = $1`, [
      spaceId,
      NAME,
      DESCRIPTION,
    ]);
    [{ id: photoId }] = await t.db.query(
      `INSERT INTO space_photos (space_id, width, height, large, thumbnail) VALUES ($1, 1600, 1200, '\\x00', '\\x00') RETURNING id`,
      [spaceId],
    );
  });

  it('names a published space, escaped, with its photo and address', async () => {
    const res = await fetch(`${t.url}/espaces/${spaceId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const html = await res.text();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>');
    // One title and one description, the space's, and the app's script still there.
    expect(html.match(/<title>/g)).toHaveLength(1);
    expect(html.match(/name="description"/g)).toHaveLength(1);
    expect(html).toContain(`<script type="module" crossorigin src="/assets/${ASSET}"></script>`);
    const title = `${NAME} · La Poste Test, Montpellier · Lieux Partagés`;
    expect(metaOf(html)).toEqual({
      title,
      description: DESCRIPTION,
      'og:type': 'website',
      'og:site_name': 'Lieux Partagés',
      'og:locale': 'fr_FR',
      'og:title': title,
      'og:description': DESCRIPTION,
      'og:url': `${PUBLIC_URL}/espaces/${spaceId}`,
      'og:image': `${PUBLIC_URL}/api/v1/spaces/${spaceId}/photos/${photoId}/large`,
      'twitter:card': 'summary_large_image',
    });
  });

  it('describes a space without a description by its size and address', async () => {
    const { spaceId: plain } = await createSite(t.db);
    await t.db.query(`UPDATE spaces SET area_sqm = 35.5 WHERE id = $1`, [plain]);
    const meta = metaOf(await (await fetch(`${t.url}/espaces/${plain}`)).text());
    expect(meta.description).toBe('35,5 m², jusqu’à 10 personnes, 1 rue de la Poste, 34000 Montpellier.');
    expect(meta['og:image']).toBeUndefined();
    expect(meta['twitter:card']).toBe('summary');
  });

  it('shortens a long description to a sentence a preview shows', async () => {
    const { spaceId: wordy } = await createSite(t.db);
    await t.db.query(`UPDATE spaces SET description = $2 WHERE id = $1`, [
      wordy,
      'Une salle claire.\n'.repeat(30),
    ]);
    const meta = metaOf(await (await fetch(`${t.url}/espaces/${wordy}`)).text());
    expect(meta.description).toHaveLength(200);
    expect(meta.description).toMatch(/^Une salle claire\. Une salle claire\..*…$/);
  });

  const GENERIC = {
    title: 'Lieux Partagés',
    description: 'Réserver les espaces de La Poste prêtés à l’économie sociale & solidaire.',
    'og:type': 'website',
    'og:site_name': 'Lieux Partagés',
    'og:locale': 'fr_FR',
    'og:title': 'Lieux Partagés',
    'og:description': 'Réserver les espaces de La Poste prêtés à l’économie sociale & solidaire.',
    'twitter:card': 'summary',
  };

  it('gives every other page the generic title and description', async () => {
    const { spaceId: draft } = await createSite(t.db);
    await t.db.query(`UPDATE spaces SET status = 'draft', name = 'Secret' WHERE id = $1`, [draft]);
    for (const target of [
      '/',
      '/recherche',
      `/espaces/${draft}`,
      '/espaces/00000000-0000-4000-8000-000000000000',
      '/espaces/pas-un-identifiant',
    ]) {
      const res = await fetch(`${t.url}${target}`);
      expect([target, res.status]).toEqual([target, 200]);
      expect([target, metaOf(await res.text())]).toEqual([target, GENERIC]);
    }
  });
});
