import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../src/config/app-config';
import { createApp } from '../src/http/create-app';
import {
  existingWorkerServices,
  freshWorkerServices,
  REDIS_URL,
  seedEmbeddedDataDir,
  WORKER_DATABASE_URL,
  WORKER_REDIS_PREFIX,
} from './test-databases';

export type Mode = 'embedded' | 'services';
export const MODE: Mode = process.env.LP_TEST_MODE === 'services' ? 'services' : 'embedded';

export interface TestApp {
  app: NestFastifyApplication;
  url: string;
  config: AppConfig;
  db: DataSource;
  close(): Promise<void>;
}

/**
 * Starts the real application on a free port, on a database copied from the run's migrated template:
 * embedded PostgreSQL in a fresh folder, or this Jest worker's own database on the machine's PostgreSQL
 * and its own queues on Redis. `dataDir` lets a suite restart on the same embedded data; `fresh: false`
 * boots a second app on the services database of the one already running.
 */
export async function startApp(
  opts: { dataDir?: string; fresh?: boolean; env?: Record<string, string>; port?: number } = {},
): Promise<TestApp> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'lp-test-'));
  if (MODE === 'embedded') seedEmbeddedDataDir(dataDir);
  else if (opts.fresh === false) await existingWorkerServices();
  else await freshWorkerServices();
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    LOG_FORMAT: 'pretty',
    DEMO_SEED: 'false',
    OUTBOX_SWEEP_SECONDS: '2',
    WEB_DIST: path.join(dataDir, 'no-web'),
    // Suites send many requests from one address; rate-limits.int-spec checks the real limits.
    RATE_LIMIT_SCALE: '100',
    ...(MODE === 'services'
      ? {
          DATABASE_URL: WORKER_DATABASE_URL,
          REDIS_URL,
          REDIS_PREFIX: WORKER_REDIS_PREFIX,
          JWT_SECRET: 'integration-tests-secret-of-32-characters!',
        }
      : {}),
    ...opts.env,
  };
  const config = loadConfig(env);
  const app = await createApp(config);
  // A fixed port only where a URL must be known before the start (an OpenID provider's redirect URI).
  await app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    config,
    db: app.get(DataSource),
    close: () => app.close(),
  };
}

export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The status a request gets once a change made by another process to a person's sessions or roles is heard
 * of: an API process keeps a checked session up to 10 s and drops it at the change's notice, which comes on
 * its own connection and may follow the next request by a few milliseconds. Asked again until it answers
 * `expected`, for 3 s at most: far under the 10 s, so a notice not heard of fails the test.
 */
export async function statusOnceHeard(request: () => Promise<Response>, expected: number): Promise<number> {
  const until = Date.now() + 3_000;
  for (;;) {
    const { status } = await request();
    if (status === expected || Date.now() > until) return status;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** An e-mail of the outbox folder, parsed: what the tests read of it. */
export interface Mail {
  to: string[];
  subject: string;
  text: string;
  date: number;
  attachments: { filename: string | null; contentType: string; content: string; bytes: Buffer }[];
}

/** Parses one .eml file of the outbox folder (`t.config.mailOutboxDir`). */
export async function readMail(file: string): Promise<Mail> {
  const { readFile } = await import('node:fs/promises');
  const { default: PostalMime } = await import('postal-mime');
  const mail = await PostalMime.parse(await readFile(file), { attachmentEncoding: 'arraybuffer' });
  return {
    to: (mail.to ?? []).flatMap((a) => ('address' in a && a.address ? [a.address] : [])),
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    date: mail.date ? Date.parse(mail.date) : 0,
    attachments: mail.attachments.map((a) => {
      const bytes = Buffer.from(a.content as ArrayBuffer);
      const content = bytes.toString('utf8');
      // Text travels with CRLF line ends (MIME's canonical form, which iCalendar and our CSV also use);
      // postal-mime hands quoted-printable text back with LF.
      return {
        filename: a.filename,
        contentType: a.mimeType,
        content: a.mimeType.startsWith('text/') ? content.replace(/\r?\n/g, '\r\n') : content,
        bytes,
      };
    }),
  };
}

/** The token of the first `…?jeton=…` link in an e-mail's text. */
export const linkIn = (text: string) =>
  new URL(/https?:\/\/\S+jeton=\S+/.exec(text)![0]).searchParams.get('jeton')!;

/** The e-mails written so far to `address` (embedded mail folder), oldest first, waiting for at least `atLeast`. */
export async function mailsTo(t: TestApp, address: string, atLeast = 1): Promise<Mail[]> {
  const { readdir } = await import('node:fs/promises');
  return waitFor(`${atLeast} e-mail(s) to ${address}`, async () => {
    const files = await readdir(t.config.mailOutboxDir).catch(() => [] as string[]);
    const found: Mail[] = [];
    for (const f of files) {
      const mail = await readMail(path.join(t.config.mailOutboxDir, f));
      if (mail.to.includes(address)) found.push(mail);
    }
    return found.length >= atLeast ? found.sort((a, b) => a.date - b.date) : null;
  });
}
