import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { SMTPServer } from 'smtp-server';

/** Real parts for the fault runs: an SMTP sink, worker processes and a PostgreSQL of the suite's own. */

const run = promisify(execFile);
const API_ROOT = path.join(__dirname, '..');
const DIST_MAIN = path.join(API_ROOT, 'dist', 'main.js');

/** The worker processes run the built code: refuse to test something older than the sources. */
export function assertBuilt(): void {
  const build = 'run `npx nx run api:build` first: the fault runs start real worker processes from it';
  if (!existsSync(DIST_MAIN)) throw new Error(`${DIST_MAIN} is missing: ${build}`);
  const built = statSync(DIST_MAIN).mtimeMs;
  const newer = sourcesNewerThan(path.join(API_ROOT, 'src'), built);
  if (newer) throw new Error(`${newer} changed after the build in apps/api/dist: ${build}`);
}

function sourcesNewerThan(dir: string, time: number): string | undefined {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = sourcesNewerThan(file, time);
      if (found) return found;
    } else if (file.endsWith('.ts') && !file.endsWith('.spec.ts') && statSync(file).mtimeMs > time) {
      return path.relative(API_ROOT, file);
    }
  }
  return undefined;
}

/** One message the sink accepted (it answered 250 to the end of its data). */
export interface Copy {
  messageId: string;
  to: string[];
  at: number;
}

/**
 * An SMTP server on loopback that keeps every copy it accepts. It answers RCPT TO after `rcptDelayMs`, as a
 * real server checking its recipient does, so that a worker killed at random is often caught mid-message;
 * a message whose client vanished before the end of its data is not accepted, as on a real server.
 */
export class SmtpSink {
  readonly copies: Copy[] = [];
  private readonly server: SMTPServer;
  private port = 0;

  constructor(rcptDelayMs: number) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (_address, _session, callback) => void setTimeout(() => callback(), rcptDelayMs),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const head = Buffer.concat(chunks)
            .toString('utf8')
            .split(/\r?\n\r?\n/)[0]
            .replace(/\r?\n[ \t]+/g, ' ');
          this.copies.push({
            messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? '',
            to: session.envelope.rcptTo.map((r) => r.address),
            at: Date.now(),
          });
          callback();
        });
      },
    });
  }

  async start(): Promise<this> {
    // A killed worker resets its connection: that is the test's doing, not the sink's problem.
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The copies of each Message-ID. */
  byMessageId(): Map<string, Copy[]> {
    const by = new Map<string, Copy[]>();
    for (const c of this.copies) by.set(c.messageId, [...(by.get(c.messageId) ?? []), c]);
    return by;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * `node apps/api/dist/main.js worker` as a child process. Collects, from its JSON log, how long each sent
 * message waited for its delivery record (`recordMs`).
 */
export class WorkerProcess {
  readonly ready: Promise<void>;
  /** How long it took to start, once ready. */
  startMs = NaN;
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private readonly stderr: string[] = [];

  constructor(env: Record<string, string>, recordMs: number[]) {
    this.child = spawn(process.execPath, [DIST_MAIN, 'worker'], {
      cwd: API_ROOT,
      env: { PATH: process.env.PATH ?? '', LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const spawnedAt = Date.now();
    let onReady: () => void;
    this.ready = new Promise((resolve) => (onReady = resolve));
    void this.ready.then(() => (this.startMs = Date.now() - spawnedAt));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const entry = parseJson(line);
      const message = entry?.message;
      if (typeof message === 'string' && message.startsWith('processing notifications')) onReady();
      if (message?.msg === 'e-mail sent' && typeof message.recordMs === 'number')
        recordMs.push(message.recordMs);
    });
    createInterface({ input: this.child.stderr! }).on('line', (line) => {
      this.stderr.push(line);
      if (this.stderr.length > 20) this.stderr.shift();
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What it printed on stderr last, to explain an exit nobody asked for. */
  get lastErrors(): string {
    return this.stderr.join('\n');
  }

  /** Dies at once, in the middle of whatever it was doing. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

function parseJson(line: string): { message?: any } | undefined {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A PostgreSQL cluster of the suite's own, on loopback, that it can stop and start (the machine's serves
 * other people). initdb and pg_ctl refuse root: as root they run as the `postgres` user.
 */
export class PrivatePostgres {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const bin = postgresBin();
    const dir = mkdtempSync(path.join(tmpdir(), 'lp-pg-'));
    mkdirSync(path.join(dir, 'data'), { mode: 0o700 });
    if (asRoot()) await run('chown', ['-R', 'postgres:postgres', dir]);
    const pg = new PrivatePostgres(bin, dir, await freePort());
    await pg.as('initdb', ['-D', pg.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    await pg.startServer();
    return pg;
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** `fast` closes every session then stops; `immediate` stops dead (crash recovery at the next start). */
  async stopServer(mode: 'fast' | 'immediate'): Promise<void> {
    await this.as('pg_ctl', ['-D', this.data, '-m', mode, '-w', 'stop']);
  }

  async startServer(): Promise<void> {
    await this.as('pg_ctl', [
      '-D',
      this.data,
      '-l',
      path.join(this.dir, 'server.log'),
      '-w',
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  }

  async destroy(): Promise<void> {
    await this.stopServer('immediate').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private get data(): string {
    return path.join(this.dir, 'data');
  }

  private async as(tool: string, args: string[]): Promise<void> {
    const command = path.join(this.bin, tool);
    if (asRoot()) await run('runuser', ['-u', 'postgres', '--', command, ...args]);
    else await run(command, args);
  }
}

const asRoot = () => userInfo().uid === 0;

/** PG_BIN, or the newest server installed the Debian way (/usr/lib/postgresql/<version>/bin). */
function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(`no PostgreSQL server binaries under ${root} (install postgresql, or set PG_BIN)`);
  }
  return path.join(root, versions[0], 'bin');
}

/** Percentiles of a sample, for the printed figures. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
