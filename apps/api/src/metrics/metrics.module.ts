import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Metrics } from './metrics';
import { MetricsRepository } from './metrics.repository';
import { QUEUE_INSPECTOR, QueueInspector } from './queue-inspector';

@Global()
@Module({
  providers: [
    {
      provide: QUEUE_INSPECTOR,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.redisUrl ? new QueueInspector(config.redisUrl, config.redisPrefix) : null,
    },
    MetricsRepository,
    Metrics,
  ],
  exports: [Metrics, QUEUE_INSPECTOR],
})
export class MetricsModule implements OnApplicationShutdown {
  constructor(@Inject(QUEUE_INSPECTOR) private readonly inspector: QueueInspector | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.inspector?.close();
  }
}
