import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Booking } from '@lieux/contracts';
import { freshDatabase, onServerRun, siblingDatabase } from './test-databases';
import { createMember, createOrganisation, createSpace, jsonOf, login, postJson, slot } from './fixtures';
import { MODE, startApp } from './harness';

const run = promisify(execFile);

(MODE === 'services' ? describe : describe.skip)('backup and restore (services)', () => {
  it('restores a pg_dump into a fresh database, and the product starts on it with its data', async () => {
    const source = await startApp();
    let booking: Booking;
    let email: string;
    const dumped = source.config.databaseUrl!;
    try {
      const organisationId = await createOrganisation(source.db);
      email = (await createMember(source.db, organisationId)).email;
      const res = await postJson(`${source.url}/api/v1/bookings`, await login(source.url, email), {
        spaceId: await createSpace(source.db),
        ...slot(6),
        title: 'Sauvegardée',
        attendees: 3,
      });
      expect(res.status).toBe(201);
      booking = Booking.parse(await jsonOf(res));
    } finally {
      await source.close();
    }

    // What the documentation tells an operator to run.
    const dump = path.join(mkdtempSync(path.join(tmpdir(), 'lp-backup-')), 'lieux.dump');
    await run('pg_dump', ['-Fc', '--no-owner', '-f', dump, '-d', dumped]);
    const target = siblingDatabase('restore');
    await freshDatabase(target.name);
    try {
      await run('pg_restore', ['--no-owner', '--exit-on-error', '-d', target.url, dump]);
      const restored = await startApp({ fresh: false, env: { DATABASE_URL: target.url } });
      try {
        const token = await login(restored.url, email);
        const res = await fetch(`${restored.url}/api/v1/bookings/${booking.id}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.status).toBe(200);
        expect(Booking.parse(await jsonOf(res))).toMatchObject({
          id: booking.id,
          title: 'Sauvegardée',
          status: 'confirmed',
        });
        const [{ n }] = await restored.db.query(`SELECT count(*)::int AS n FROM migrations`);
        expect(n).toBeGreaterThan(0);
      } finally {
        await restored.close();
      }
    } finally {
      await onServerRun(`DROP DATABASE IF EXISTS "${target.name}" WITH (FORCE)`);
    }
  });
});
