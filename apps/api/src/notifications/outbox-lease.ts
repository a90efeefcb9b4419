import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OutboxRepository } from './outbox.repository';

/**
 * How long an event stays held by a worker that stops renewing it. Short, so that the events of a worker
 * that died are taken over within seconds rather than minutes; the holder renews it while it works.
 */
const LEASE_SECONDS = 15;
const RENEW_EVERY_MS = 5_000;
/**
 * How long a job waits for the lease of another worker (which may have died) before failing, so that the
 * queue retries it later. Twice the lease: a dead worker's lease runs out within it.
 */
const TAKEOVER_WAIT_MS = 2 * LEASE_SECONDS * 1000;
const POLL_MS = 1_000;

export interface LeasedEvent<P> {
  type: string;
  payload: P;
  requestId: string | null;
  sent: string[];
  lease: Lease;
}

/**
 * Takes an event's lease, waiting for one held by another worker to be renewed no more (a dead worker) or
 * its event to be done. Null when there is nothing left to do. The lease's token is the event's attempt
 * number, which every take increments: a renewal by a worker whose lease was taken over finds no row.
 */
export async function takeLease<P>(
  outbox: OutboxRepository,
  eventId: string,
): Promise<LeasedEvent<P> | null> {
  const giveUpAt = Date.now() + TAKEOVER_WAIT_MS;
  for (;;) {
    const event = await outbox.takeLease<P>(eventId, LEASE_SECONDS);
    if (event) {
      const { attempts, ...rest } = event;
      return { ...rest, lease: new Lease(outbox, eventId, attempts) };
    }
    const held = await outbox.holdOf(eventId);
    if (!held || held.done) return null;
    if (Date.now() >= giveUpAt) throw new Error(`event ${eventId} is still held by another worker`);
    await sleep(Math.min(held.heldMs + 100, POLL_MS));
  }
}

/** A worker's hold on an event, renewed in the background until it is released. */
export class Lease {
  private readonly logger = new Logger('OutboxLease');
  private readonly timer: NodeJS.Timeout;
  private renewing?: Promise<void>;
  private lost = false;

  constructor(
    private readonly outbox: OutboxRepository,
    readonly eventId: string,
    readonly token: number,
  ) {
    this.timer = setInterval(() => {
      this.renewing ??= this.renew().finally(() => (this.renewing = undefined));
    }, RENEW_EVERY_MS);
  }

  /** Throws if another worker has taken the event over: this one must not send any more of it. */
  assertHeld(): void {
    if (this.lost) throw new Error(`event ${this.eventId} was taken over by another worker`);
  }

  /** Stops renewing; the caller then marks the event done or frees it. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.renewing;
  }

  /** Frees the event for a retry now rather than when the lease runs out. */
  async release(error: string): Promise<void> {
    await this.stop();
    await this.outbox.releaseLease(this.eventId, this.token, error);
  }

  private async renew(): Promise<void> {
    try {
      // Also after the lease ran out (the database was away): only another take changes the token.
      if (!(await this.outbox.renewLease(this.eventId, this.token, LEASE_SECONDS))) this.lost = true;
    } catch (err) {
      // The database is away: keep working, the next renewal (or the delivery record's retries) waits for it.
      this.logger.warn(`lease of ${this.eventId} not renewed: ${(err as Error).message}`);
    }
  }
}
