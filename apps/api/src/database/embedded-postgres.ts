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
 * PostgreSQL in process (PGlite), served on a private Unix socket to the ordinary `pg` driver.
 * PGlite has a single session underneath; the socket server queues each connection's transaction
 * whole, so concurrent requests cannot interleave inside one another's BEGIN … COMMIT (the in-process
 * TypeORM driver does not, see TOOLCHAIN.md). The same migrations and constraints as production run here.
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
