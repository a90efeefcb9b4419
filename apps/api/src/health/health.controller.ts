import { Controller, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { ROUTES, type Health } from '@lieux/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
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
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<Health> {
    const [database, queue] = await Promise.all([
      probe(() => this.db.query('SELECT 1').then(() => true)),
      probe(() => this.queue.ping()),
    ]);
    const ok = database.status === 'up' && queue.status === 'up';
    if (!ok) reply.status(503);
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
