import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { MetricsRepository } from './metrics.repository';
import { QUEUE_INSPECTOR, type QueueInspector } from './queue-inspector';

/**
 * The Prometheus metrics of one process, in a registry of its own (tests run several apps in one
 * process). Gauges of the database and the queues are read at scrape time, never on a timer.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly logger = new Logger('Metrics');
  private readonly httpDuration: Histogram<'route' | 'method' | 'status'>;
  private readonly bookingsCreated: Counter<'status'>;
  private readonly bookingsRefused: Counter<'reason'>;

  constructor(
    db: DataSource,
    repository: MetricsRepository,
    @Inject(QUEUE_INSPECTOR) inspector: QueueInspector | null,
  ) {
    const registers = [this.registry];
    const logger = this.logger;
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route pattern, method and status',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.bookingsCreated = new Counter({
      name: 'bookings_created_total',
      help: 'Bookings created, by status (confirmed, or pending approval)',
      labelNames: ['status'],
      registers,
    });
    this.bookingsRefused = new Counter({
      name: 'bookings_refused_total',
      help: 'Booking requests refused, by error code (SLOT_TAKEN, OUTSIDE_OPENING_HOURS…)',
      labelNames: ['reason'],
      registers,
    });

    const outboxPending = new Gauge({
      name: 'outbox_pending_events',
      help: 'Notification events neither delivered nor given up',
      registers,
    });
    new Gauge({
      name: 'outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest pending notification event (0 when none)',
      registers,
      // One query fills both outbox gauges; this one is collected after the pending count.
      collect: async function () {
        try {
          const { pending, oldestSeconds } = await repository.outbox();
          outboxPending.set(pending);
          this.set(oldestSeconds);
        } catch (err) {
          outboxPending.reset();
          this.reset();
          logger.warn(`outbox metrics unavailable: ${(err as Error).message}`);
        }
      },
    });
    const pool = (db.driver as unknown as { master?: Pool }).master;
    new Gauge({
      name: 'db_pool_connections',
      help: 'Connections of this process’s database pool: total open, idle, and requests waiting for one',
      labelNames: ['state'],
      registers,
      collect() {
        if (!pool) return;
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });

    if (inspector) {
      new Gauge({
        name: 'queue_jobs',
        help: 'Jobs in a Bull queue by state (waiting, active, delayed, failed)',
        labelNames: ['queue', 'state'],
        registers,
        collect: async function () {
          this.reset();
          const counts = await inspector.counts();
          for (const [queue, byState] of counts ?? []) {
            for (const [state, n] of Object.entries(byState)) this.set({ queue, state }, n);
          }
        },
      });
    }
  }

  /** `route` is the matched pattern (`/api/v1/bookings/:id`), never the raw URL: bounded label values. */
  observeHttp(route: string, method: string, status: number, seconds: number): void {
    this.httpDuration.observe({ route, method, status: String(status) }, seconds);
  }

  bookingCreated(status: string): void {
    this.bookingsCreated.inc({ status });
  }

  bookingRefused(reason: string): void {
    this.bookingsRefused.inc({ reason });
  }
}
