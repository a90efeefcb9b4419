import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { MIGRATIONS } from '../src/database/migrations';
import { freshDatabase, onServerRun, siblingDatabase } from './test-databases';
import { MODE, waitFor } from './harness';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MAIN = path.resolve(__dirname, '../dist/main.js');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      REDIS_URL,
      JWT_SECRET: 'integration-tests-secret-of-32-characters!',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'lp-proc-')),
      WEB_DIST: path.join(tmpdir(), 'lp-no-web'),
      DEMO_SEED: 'false',
      // As the harness: the per-address limits in Redis outlive a run, and every run calls from 127.0.0.1.
      RATE_LIMIT_SCALE: '100',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function stop(procs: Proc[]): Promise<void> {
  for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGTERM');
  await Promise.all(procs.map((p) => p.exited));
}

async function ready(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/api/health/ready`)).status === 200;
  } catch {
    return false;
  }
}

(MODE === 'services' ? describe : describe.skip)('the built processes (services)', () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) {
      throw new Error(`${MAIN} is missing: run \`npx nx run api:build\` before this suite.`);
    }
  });

  it('start four at once on an empty database: all come up, each migration applied once', async () => {
    const db = siblingDatabase('race');
    await freshDatabase(db.name);
    const ports = [await freePort(), await freePort()];
    const procs = [
      ...ports.map((port) => start([], { DATABASE_URL: db.url, PORT: String(port), RUN_JOBS: 'false' })),
      start(['worker'], { DATABASE_URL: db.url }),
      start(['worker'], { DATABASE_URL: db.url }),
    ];
    try {
      await waitFor(
        'two ready APIs and two running workers',
        async () => {
          const dead = procs.find((p) => p.child.exitCode !== null);
          if (dead) throw new Error(`a process exited (${dead.child.exitCode}):\n${dead.output()}`);
          const apis = await Promise.all(ports.map(ready));
          const workers = procs.slice(2).every((p) => p.output().includes('processing notifications'));
          return apis.every(Boolean) && workers;
        },
        90_000,
      );
      const pg = new Client({ connectionString: db.url });
      await pg.connect();
      const { rows } = await pg.query(`SELECT name, count(*)::int AS n FROM migrations GROUP BY name`);
      await pg.end();
      expect(rows.filter((r) => r.n !== 1)).toEqual([]);
      expect(rows.map((r) => r.name).sort()).toEqual(MIGRATIONS.map((M) => new M().name).sort());
    } finally {
      await stop(procs);
      await onServerRun(`DROP DATABASE IF EXISTS "${db.name}" WITH (FORCE)`);
    }
  });

  it('migrate once with `main.js migrate`, which says what it applied', async () => {
    const db = siblingDatabase('migrate');
    await freshDatabase(db.name);
    try {
      const first = start(['migrate'], { DATABASE_URL: db.url });
      expect(await first.exited).toBe(0);
      expect(first.output()).toContain('migrations applied');
      for (const M of MIGRATIONS) expect(first.output()).toContain(new M().name);
      const again = start(['migrate'], { DATABASE_URL: db.url });
      expect(await again.exited).toBe(0);
      expect(again.output()).toContain('none pending');
    } finally {
      await onServerRun(`DROP DATABASE IF EXISTS "${db.name}" WITH (FORCE)`);
    }
  });

  it('on SIGTERM finish the request in flight, refuse new connections and exit 0 in time', async () => {
    const db = siblingDatabase('shutdown');
    await freshDatabase(db.name);
    const port = await freePort();
    const api = start([], { DATABASE_URL: db.url, PORT: String(port), SHUTDOWN_TIMEOUT_SECONDS: '10' });
    const worker = start(['worker'], { DATABASE_URL: db.url, SHUTDOWN_TIMEOUT_SECONDS: '10' });
    try {
      await waitFor('the API', () => ready(port), 60_000);
      await waitFor('the worker', async () => worker.output().includes('processing notifications'), 60_000);

      // A request whose body is still arriving when the signal comes.
      const body = JSON.stringify({ email: 'personne@example.org' });
      const answer = new Promise<{ status: number; connection?: string }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/api/v1/auth/password-reset',
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
          },
        );
        req.on('error', reject);
        req.write(body.slice(0, 5));
        setTimeout(() => req.end(body.slice(5)), 1_500);
      });
      let answered = false;
      void answer.then(() => (answered = true)).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 300));
      const signalledAt = Date.now();
      api.child.kill('SIGTERM');
      worker.child.kill('SIGTERM');

      // Refused while the request in flight is still being answered. Asked until then: on a loaded
      // machine a connection made before the listener closed was reset with it (ECONNRESET). Without
      // keep-alive, so that no connection of these questions holds the API open.
      const ask = () =>
        new Promise<string>((resolve) => {
          http
            .get({ host: '127.0.0.1', port, path: '/api/health/live', agent: false }, (res) => {
              res.resume();
              resolve('accepted');
            })
            .on('error', (err: Error & { code?: string }) => resolve(err.code ?? err.message));
        });
      let refused = '';
      while (refused !== 'ECONNREFUSED' && !answered) {
        await new Promise((r) => setTimeout(r, 100));
        refused = await ask();
      }
      expect(refused).toBe('ECONNREFUSED');
      expect(answered).toBe(false);
      // Closed after the answer: kept alive, it would hold the API's exit until the client let it go.
      expect(await answer).toEqual({ status: 202, connection: 'close' });
      expect(await api.exited).toBe(0);
      expect(await worker.exited).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(10_000);
    } finally {
      await stop([api, worker]);
      await onServerRun(`DROP DATABASE IF EXISTS "${db.name}" WITH (FORCE)`);
    }
  });
});
