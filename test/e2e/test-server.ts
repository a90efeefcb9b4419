import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * The browser tests' server: the built API serving the built web app on an embedded PostgreSQL with fresh
 * demo data in `dataDir` (its e-mails land in `dataDir/outbox/`). The config's webServer starts the first
 * worker's; each further worker starts its own (support.ts), so that workers never share demo data.
 */
export const API_MAIN = path.resolve(__dirname, '../../apps/api/dist/main.js');
export const REPO_ROOT = path.resolve(__dirname, '../..');

export function serverEnv(port: number, dataDir: string): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // Offers follow a freed slot within seconds rather than the default quarter of a minute.
    WAITLIST_SWEEP_SECONDS: '2',
    NEED_MAIL_SWEEP_SECONDS: '2',
    // The demo's booking nobody checks in for is released within seconds of its deadline (check-in.spec).
    CHECK_IN_SWEEP_SECONDS: '3',
    // Webhooks to the test's receiver on 127.0.0.1, retried within seconds.
    WEBHOOK_ALLOW_LOCAL: 'true',
    WEBHOOK_SWEEP_SECONDS: '1',
    WEBHOOK_RETRY_SECONDS: '1',
  };
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts a server and waits for its health check; fails with its output if it exits or stays unhealthy. */
export async function startServer(port: number, dataDir: string, timeoutMs: number): Promise<RunningServer> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...serverEnv(port, dataDir) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      exited = code;
      resolve();
    }),
  );
  // A worker that dies leaves no server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (exited === undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== undefined)
      throw new Error(`the test server on port ${port} exited (${exited}):\n${stderr}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `the test server on port ${port} was not healthy within ${timeoutMs / 1000} s:\n${stderr}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, stop };
}
