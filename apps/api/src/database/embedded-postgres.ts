import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL in process (PGlite), served on a private Unix socket to the ordinary `pg` driver, so that
 * the embedded mode runs the very code, migrations and constraints of production. PGlite has a single
 * session underneath: the caller must use one connection at a time (see DatabaseModule).
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  maxConnections: number,
): Promise<EmbeddedPostgres> {
  const pgdata = path.join(dataDir, 'pgdata');
  mkdirSync(pgdata, { recursive: true });
  const db = await PGlite.create({ dataDir: pgdata, extensions: { btree_gist } });
  // A short socket directory: Unix socket paths are limited to ~107 bytes, DATA_DIR may be deep.
  const socketDir = mkdtempSync(path.join(tmpdir(), 'lp-pg-'));
  const port = 5432;
  const server = new PGLiteSocketServer({
    db,
    path: path.join(socketDir, `.s.PGSQL.${port}`),
    maxConnections,
  });
  await server.start();
  return {
    url: `postgres://postgres@localhost:${port}/postgres?host=${encodeURIComponent(socketDir)}`,
    async stop() {
      await server.stop();
      await db.close();
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}
