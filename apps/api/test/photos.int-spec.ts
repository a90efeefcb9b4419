import sharp from 'sharp';
import { SpacePhoto } from '@lieux/contracts';
import { createOrganisation, createSite, createUser, jsonOf, login } from './fixtures';
import { MODE, startApp, type TestApp } from './harness';

let t: TestApp;
const api = (p: string) => `${t.url}/api/v1${p}`;

beforeAll(async () => {
  t = await startApp();
});
afterAll(() => t?.close());

/** A photo as a camera makes it: 3000 × 2000, JPEG, lying on its side according to its EXIF orientation. */
function cameraJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#2e86de' } })
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

function upload(spaceId: string, token: string | null, bytes: Buffer, type = 'image/jpeg', field = 'file') {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type }), 'photo.jpg');
  return fetch(api(`/spaces/${spaceId}/photos`), {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
}

describe(`photos of a space (${MODE})`, () => {
  let siteId: string;
  let spaceId: string;
  let manager: string;

  beforeAll(async () => {
    ({ siteId, spaceId } = await createSite(t.db, { regionCode: '52', departementCode: '44' }));
    manager = await login(t.url, (await createUser(t.db, 'site_manager', { siteId })).email);
  });

  it('keeps an upright large version and a cropped thumbnail, served as WebP with long caching', async () => {
    const res = await upload(spaceId, manager, await cameraJpeg());
    expect(res.status).toBe(201);
    const photo = SpacePhoto.parse(await jsonOf(res));
    // Turned upright (orientation 6 is a quarter turn), then within 1600 px.
    expect([photo.width, photo.height]).toEqual([1067, 1600]);

    const large = await fetch(`${t.url}${photo.url}`);
    expect(large.status).toBe(200);
    expect(large.headers.get('content-type')).toBe('image/webp');
    expect(large.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const largeMeta = await sharp(Buffer.from(await large.arrayBuffer())).metadata();
    expect([largeMeta.format, largeMeta.width, largeMeta.height, largeMeta.orientation]).toEqual([
      'webp',
      1067,
      1600,
      undefined,
    ]);

    const thumb = await fetch(`${t.url}${photo.thumbnailUrl}`);
    const thumbMeta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect([thumbMeta.format, thumbMeta.width, thumbMeta.height]).toEqual(['webp', 480, 360]);

    const again = await fetch(`${t.url}${photo.thumbnailUrl}`, {
      headers: { 'if-none-match': thumb.headers.get('etag')! },
    });
    expect(again.status).toBe(304);

    const space = await jsonOf(await fetch(api(`/spaces/${spaceId}`)));
    expect(space.photos).toEqual([photo]);
    const found = await jsonOf(await fetch(api('/spaces?departement=44&region=52')));
    expect(found.items.find((s: { id: string }) => s.id === spaceId).photos).toEqual([photo]);
  });

  it('judges the type by the bytes, not by what the upload declares', async () => {
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    for (const bytes of [gif, Buffer.from('%PDF-1.7 not a photo at all')]) {
      const res = await upload(spaceId, manager, bytes, 'image/jpeg');
      expect(res.status).toBe(415);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await jsonOf(res)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const json = await fetch(api(`/spaces/${spaceId}/photos`), {
      method: 'POST',
      headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    const noFile = await upload(spaceId, manager, await cameraJpeg(), 'image/jpeg', 'picture');
    expect(noFile.status).toBe(400);
  });

  it('refuses a file over 8 MB with a 413 problem', async () => {
    const res = await upload(spaceId, manager, Buffer.alloc(8 * 1024 * 1024 + 1, 0xff));
    expect(res.status).toBe(413);
    const problem = await jsonOf(res);
    expect(problem.code).toBe('PAYLOAD_TOO_LARGE');
    expect(problem.errors[0].path).toBe('body.file');
  });

  it('lets only the managers of the space’s site add or remove photos', async () => {
    const other = await createSite(t.db, { regionCode: '52', departementCode: '44' });
    const otherManager = await login(
      t.url,
      (await createUser(t.db, 'site_manager', { siteId: other.siteId })).email,
    );
    const member = await login(
      t.url,
      (await createUser(t.db, 'member', { organisationId: await createOrganisation(t.db) })).email,
    );
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM space_photos`))[0].n;
    expect((await upload(spaceId, otherManager, await cameraJpeg())).status).toBe(404);
    expect((await upload(spaceId, member, await cameraJpeg())).status).toBe(403);
    expect((await upload(spaceId, null, await cameraJpeg())).status).toBe(401);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM space_photos`))[0].n).toBe(before);

    const photo = await jsonOf(await upload(spaceId, manager, await cameraJpeg()));
    const remove = (token: string) =>
      fetch(api(`/spaces/${spaceId}/photos/${photo.id}`), {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await remove(otherManager)).status).toBe(404);
    expect((await remove(manager)).status).toBe(204);
    expect((await fetch(`${t.url}${photo.url}`)).status).toBe(404);
    expect((await remove(manager)).status).toBe(404);
  });

  it('shows a draft’s photos to its managers only, and never to a shared cache', async () => {
    await t.db.query(`UPDATE spaces SET status = 'draft' WHERE id = $1`, [spaceId]);
    try {
      const photo = await jsonOf(await upload(spaceId, manager, await cameraJpeg()));
      expect((await fetch(`${t.url}${photo.thumbnailUrl}`)).status).toBe(404);
      const own = await fetch(`${t.url}${photo.thumbnailUrl}`, {
        headers: { authorization: `Bearer ${manager}` },
      });
      expect(own.status).toBe(200);
      expect(own.headers.get('cache-control')).toBe('private, no-cache');
    } finally {
      await t.db.query(`UPDATE spaces SET status = 'published' WHERE id = $1`, [spaceId]);
    }
  });

  it('stops at twelve photos a space', async () => {
    const { spaceId: full } = await createSite(t.db, { regionCode: '52', departementCode: '44' });
    const mine = await login(t.url, (await createUser(t.db, 'admin', {})).email);
    const bytes = await cameraJpeg();
    for (let i = 0; i < 12; i++) {
      await t.db.query(
        `INSERT INTO space_photos (space_id, width, height, large, thumbnail) VALUES ($1, 1, 1, $2, $2)`,
        [full, bytes],
      );
    }
    const res = await upload(full, mine, bytes);
    expect(res.status).toBe(422);
    expect((await jsonOf(res)).code).toBe('TOO_MANY_PHOTOS');
    // Refused for the count before the body is decoded: bytes that are no image get the same answer.
    const junk = await upload(full, mine, Buffer.from('not an image at all'.repeat(1_000)));
    expect(junk.status).toBe(422);
    expect((await jsonOf(junk)).code).toBe('TOO_MANY_PHOTOS');
  });
});
