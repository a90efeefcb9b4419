import { Controller, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { ROUTES, type Health, type Liveness } from '@lieux/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { databaseAnswers } from '../database/database.module';
import { Endpoint } from '../http/endpoint.decorator';
import { NOTIFICATION_QUEUE, type NotificationQueue } from '../notifications/notification.queue';

const PROBE_TIMEOUT_MS = 2_000;

@Controller()
export class HealthController {
  constructor(
    private readonly db: DataSource,
    @Inject(NOTIFICATION_QUEUE) private readonly queue: NotificationQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Endpoint(ROUTES.health)
  health(@Res({ passthrough: true }) reply: FastifyReply): Promise<Health> {
    return this.readiness(reply);
  }

  @Endpoint(ROUTES.healthLive)
  live(): Liveness {
    return { status: 'ok' };
  }

  @Endpoint(ROUTES.healthReady)
  ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<Health> {
    return this.readiness(reply);
  }

  /**
   * Not ready only without the database: bookings are taken with the queue down (the outbox keeps the
   * e-mails until it is back), so a queue outage must not get every API pulled out of the load balancer.
   */
  private async readiness(reply: FastifyReply): Promise<Health> {
    const [database, queue] = await Promise.all([
      probe(() => databaseAnswers(this.db)),
      probe(() => this.queue.ping()),
    ]);
    if (database.status === 'down') reply.status(503);
    const ok = database.status === 'up' && queue.status === 'up';
    return { status: ok ? 'ok' : 'degraded', mode: this.config.mode, checks: { database, queue } };
  }
}

async function probe(check: () => Promise<boolean>): Promise<Health['checks']['database']> {
  let t: NodeJS.Timeout | undefined;
  try {
    const up = await Promise.race([
      check(),
      new Promise<boolean>((_, reject) => {
        t = setTimeout(() => reject(new Error('no answer')), PROBE_TIMEOUT_MS);
      }),
    ]);
    return up ? { status: 'up' } : { status: 'down' };
  } catch (err) {
    return { status: 'down', detail: (err as Error).message };
  } finally {
    clearTimeout(t);
  }
}
