import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Client } from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { listen } from '../database/listen';
import type { Caller } from './current-user';

/**
 * The longest a checked session is trusted without asking PostgreSQL again. A change to it (sign-out, a
 * session closed, an account deactivated or moved, a role granted or withdrawn) is heard of at its commit
 * on the `session_changes` channel (migration 1765800900000) and drops the person's entries at once; these
 * seconds only bound a notice lost, and the listener's loss empties the cache.
 */
export const SESSION_TRUST_MS = 10_000;
const CHANNEL = 'session_changes';
const MAX_ENTRIES = 20_000;
const RETRY_MS = 5_000;

interface Entry {
  caller: Caller;
  until: number;
}

/**
 * The callers of the access tokens this process has checked, so that an authenticated request asks the
 * database nothing before its own work: on `POST /bookings` the session check was one statement of three
 * (its round trip, its parsing, its planning). Services mode only: the embedded database has no channel.
 */
@Injectable()
export class SessionCache implements OnApplicationShutdown {
  private readonly logger = new Logger('SessionCache');
  private readonly byToken = new Map<string, Entry>();
  private listener: Client | null = null;
  private connecting = false;
  private retryAt = 0;
  private stopped = false;
  /** Moves at every notice: a check that read the database across one is not kept (it may be stale). */
  private epoch = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The caller of a token checked lately, if no change was heard of since. */
  get(token: string, now = Date.now()): Caller | undefined {
    if (!this.listener) {
      this.listen(now);
      return undefined;
    }
    const hit = this.byToken.get(token);
    if (!hit) return undefined;
    if (hit.until > now) return hit.caller;
    this.byToken.delete(token);
    return undefined;
  }

  /** A mark to give `set`, taken before reading the session. */
  mark(): number {
    return this.epoch;
  }

  /** Keeps a caller read from the database, unless a change was heard of since `mark` or the token ends sooner. */
  set(token: string, caller: Caller, mark: number, tokenExpiresAt: number, now = Date.now()): void {
    if (!this.listener || mark !== this.epoch) return;
    if (this.byToken.size >= MAX_ENTRIES) this.byToken.clear();
    this.byToken.set(token, { caller, until: Math.min(now + SESSION_TRUST_MS, tokenExpiresAt) });
  }

  /** Drops every entry of a person: their sessions, organisation or roles changed. */
  forget(userId: string): void {
    this.epoch++;
    for (const [token, e] of this.byToken) if (e.caller.userId === userId) this.byToken.delete(token);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    const l = this.listener;
    this.drop(l);
    await l?.end().catch(() => undefined);
  }

  private listen(now: number): void {
    if (this.connecting || this.stopped || now < this.retryAt) return;
    if (this.config.mode !== 'services' || !this.config.databaseUrl) return;
    this.connecting = true;
    let client: Client | null = null;
    listen(
      this.config.databaseUrl,
      CHANNEL,
      (userId) => (userId ? this.forget(userId) : this.clear()),
      (err) => {
        if (err)
          this.logger.warn(`listener lost, sessions checked at every request meanwhile: ${err.message}`);
        this.drop(client);
      },
    )
      .then((c) => {
        client = c;
        if (this.stopped) return c.end();
        this.listener = c;
      })
      .catch((err: Error) => {
        this.retryAt = Date.now() + RETRY_MS;
        this.logger.warn(`cannot listen on ${CHANNEL}, sessions checked at every request: ${err.message}`);
      })
      .finally(() => {
        this.connecting = false;
      });
  }

  /** Without a listener nothing is kept: a change could go unheard. */
  private drop(client: Client | null): void {
    if (!client || this.listener !== client) return;
    this.listener = null;
    this.retryAt = Date.now() + RETRY_MS;
    this.clear();
  }

  private clear(): void {
    this.epoch++;
    this.byToken.clear();
  }
}
