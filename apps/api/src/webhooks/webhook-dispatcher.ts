import http from 'node:http';
import https from 'node:https';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { WEBHOOK_EVENT_HEADER, WEBHOOK_EVENT_ID_HEADER, WEBHOOK_SIGNATURE_HEADER } from '@lieux/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JOB_SCHEDULER, type JobScheduler, type ScheduledJob } from '../jobs/job-scheduler';
import { guardedLookup } from './webhook-address';
import { SecretBox, signatureHeader } from './webhook-crypto';
import { WebhooksRepository, type ClaimedDelivery } from './webhooks.repository';

const BATCH = 20;
/** How long the log keeps a finished delivery, and how often it is pruned. */
const KEEP_DAYS = 30;
const PRUNE_EVERY_MS = 3_600_000;
/** The most of an answer kept for the log. */
const ERROR_MAX = 300;

export interface AttemptOutcome {
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  delivered: boolean;
}

/**
 * Sends the webhook deliveries due: each a signed POST, leased while it is sent (a process that dies
 * mid-send leaves it to the next sweep), its attempt logged, retried after base × 2^(attempt−1) seconds
 * until WEBHOOK_MAX_ATTEMPTS. At least once: a receiver whose 2xx got lost sees the delivery again, with
 * the same X-LP-Event-Id.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly box: SecretBox;
  private sweeps?: ScheduledJob;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private prunedAt = 0;

  constructor(
    private readonly repo: WebhooksRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_SCHEDULER) private readonly jobs: JobScheduler,
  ) {
    this.box = new SecretBox(config.jwtSecret);
  }

  onApplicationBootstrap(): void {
    this.sweeps = this.jobs.sweep(
      'WebhookDispatcher',
      this.config.webhooks.sweepSeconds * 1000,
      async () => {
        if (Date.now() - this.prunedAt > PRUNE_EVERY_MS) {
          this.prunedAt = Date.now();
          await this.repo.prune(KEEP_DAYS);
        }
        this.kick();
      },
      { atStart: true },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.sweeps?.stop();
    await this.running;
  }

  /** Sends what is due now, or once more after the run under way. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.dispatch()
      .then(() => undefined)
      .catch((err) => this.logger.warn(`dispatch failed: ${(err as Error).message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Sends every delivery due; resolves with how many were attempted. */
  async dispatch(): Promise<number> {
    const { timeoutSeconds } = this.config.webhooks;
    let total = 0;
    for (;;) {
      const batch = await this.repo.claimDue(BATCH, timeoutSeconds + 30);
      await Promise.all(batch.map((d) => this.attempt(d)));
      total += batch.length;
      if (batch.length < BATCH || this.stopped) return total;
    }
  }

  private async attempt(d: ClaimedDelivery): Promise<void> {
    const { maxAttempts, retryBaseSeconds } = this.config.webhooks;
    let outcome: AttemptOutcome;
    try {
      outcome = await this.send(d.url, this.box.open(d.secret_encrypted), d.id, d.event_type, d.body);
    } catch (err) {
      outcome = { statusCode: null, durationMs: 0, error: (err as Error).message, delivered: false };
    }
    const retryIn =
      outcome.delivered || d.attempts >= maxAttempts ? null : retryBaseSeconds * 2 ** (d.attempts - 1);
    await this.repo.recordAttempt(d, outcome, retryIn);
    this.logger.log({
      msg: outcome.delivered ? 'webhook delivered' : 'webhook attempt failed',
      deliveryId: d.id,
      attempt: d.attempts,
      statusCode: outcome.statusCode,
      durationMs: outcome.durationMs,
      ...(outcome.error ? { error: outcome.error } : {}),
    });
  }

  /** One signed POST; never follows a redirect. */
  send(url: string, secret: string, id: string, type: string, body: string): Promise<AttemptOutcome> {
    const { allowLocal, timeoutSeconds } = this.config.webhooks;
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    return new Promise((resolve) => {
      const target = new URL(url);
      const client = target.protocol === 'https:' ? https : http;
      if (target.protocol !== 'https:' && !allowLocal) {
        resolve({ statusCode: null, durationMs: 0, error: 'https:// required', delivered: false });
        return;
      }
      const req = client.request(
        target,
        {
          method: 'POST',
          lookup: guardedLookup(allowLocal) as never,
          timeout: timeoutSeconds * 1000,
          headers: {
            'content-type': 'application/json',
            'user-agent': 'LieuxPartages-Webhooks/1',
            [WEBHOOK_EVENT_ID_HEADER]: id,
            [WEBHOOK_EVENT_HEADER]: type,
            [WEBHOOK_SIGNATURE_HEADER]: signatureHeader(secret, body),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (text.length < ERROR_MAX) text += chunk;
          });
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const delivered = status >= 200 && status < 300;
            resolve({
              statusCode: status,
              durationMs: elapsed(),
              error: delivered ? null : `HTTP ${status}${text ? `: ${text.slice(0, ERROR_MAX)}` : ''}`,
              delivered,
            });
          });
          res.on('error', (err) =>
            resolve({ statusCode: status(res), durationMs: elapsed(), error: err.message, delivered: false }),
          );
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutSeconds} s`)));
      req.on('error', (err: NodeJS.ErrnoException) =>
        resolve({
          statusCode: null,
          durationMs: elapsed(),
          error: err.code && !err.message.includes(err.code) ? `${err.code}: ${err.message}` : err.message,
          delivered: false,
        }),
      );
      req.end(body);
    });
  }
}

const status = (res: http.IncomingMessage) => res.statusCode ?? null;
