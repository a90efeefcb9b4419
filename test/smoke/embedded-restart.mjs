// Embedded-mode smoke test, as a newcomer would run the product: `npm start` with no environment,
// wait for health, log in and book over HTTP, stop, start again, and find the booking still there.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// SMOKE_PORT: another port than the default 3000, for a second checkout's CI beside another one.
const port = process.env.SMOKE_PORT ?? '3000';
const base = `http://127.0.0.1:${port}`;
const env = { ...process.env };
for (const k of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'DATA_DIR', 'PORT', 'JWT_SECRET', 'DEMO_PASSWORD'])
  delete env[k];
if (port !== '3000') env.PORT = port;

function start() {
  const child = spawn('npm', ['start'], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return {
    output: () => output,
    async stop() {
      process.kill(-child.pid, 'SIGTERM');
      await new Promise((resolve) => child.on('exit', resolve));
    },
  };
}

async function waitHealthy(app, seconds = 240) {
  for (let i = 0; i < seconds * 2; i++) {
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`not healthy after ${seconds}s:\n${app.output()}`);
}

async function api(pathname, { token, body } = {}) {
  const res = await fetch(`${base}${pathname}`, {
    method: body ? 'POST' : 'GET',
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: await res.json() };
}

async function login() {
  const r = await api('/api/v1/auth/login', {
    body: { email: 'membre@demo.lieux-partages.fr', password: 'demo1234' },
  });
  if (r.status !== 200) throw new Error(`login: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json.accessToken;
}

let app = start();
try {
  await waitHealthy(app);
  if (
    !app.output().includes(`Lieux Partagés is running: http://localhost:${port}`) ||
    !/membre@demo\.lieux-partages\.fr/.test(app.output())
  ) {
    throw new Error(`the start banner lacks the URL or the demo accounts:\n${app.output()}`);
  }
  let token = await login();
  const spaces = await api('/api/v1/spaces');
  const space = spaces.json.items.find((s) => !s.policy.approvalRequired);
  // The first free hour of the coming fortnight, at least a day ahead.
  const from = new Date(Date.now() + 86_400_000);
  const to = new Date(from.getTime() + 14 * 86_400_000);
  const avail = await api(
    `/api/v1/spaces/${space.id}/availability?from=${from.toISOString()}&to=${to.toISOString()}`,
  );
  const hour = 3_600_000;
  const free = avail.json.free
    .map((f) => ({ start: Math.ceil(Date.parse(f.start) / hour) * hour, end: Date.parse(f.end) }))
    .find((f) => f.end - f.start >= hour);
  const booking = await api('/api/v1/bookings', {
    token,
    body: {
      spaceId: space.id,
      start: new Date(free.start).toISOString(),
      end: new Date(free.start + hour).toISOString(),
      title: 'Smoke test',
      attendees: 1,
    },
  });
  if (booking.status !== 201) throw new Error(`booking: ${booking.status} ${JSON.stringify(booking.json)}`);
  console.log(`booked ${booking.json.id} in ${space.name}`);
  await app.stop();

  app = start();
  await waitHealthy(app);
  token = await login();
  const mine = await api('/api/v1/bookings?mine=true&limit=200', { token });
  if (!mine.json.items.some((b) => b.id === booking.json.id))
    throw new Error('the booking did not survive the restart');
  console.log('embedded smoke: the booking survived a restart');
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await app.stop().catch(() => {});
}
