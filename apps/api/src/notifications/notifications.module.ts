import { Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { createMailer, MAILER, type Mailer } from './mailer';
import { JOB_SCHEDULER, type JobScheduler } from '../jobs/job-scheduler';
import { NOTIFICATION_QUEUE, NOTIFICATION_QUEUE_OPTIONS, type NotificationQueue } from './notification.queue';
import { MailFactsRepository } from './mail-facts.repository';
import { NeedMailFactsRepository } from './need-mail-facts.repository';
import { NotificationProcessor } from './notification.processor';
import { OutboxRelay } from './outbox.relay';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { ReceiptsModule } from '../receipts/receipts.module';
import { WebhooksModule } from '../webhooks/webhooks.module';

@Module({
  imports: [ReceiptsModule, WebhooksModule],
  providers: [
    {
      provide: NOTIFICATION_QUEUE,
      inject: [JOB_SCHEDULER],
      useFactory: (jobs: JobScheduler): NotificationQueue =>
        jobs.queue('notifications', NOTIFICATION_QUEUE_OPTIONS),
    },
    {
      provide: MAILER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createMailer(config.smtpUrl, config.mailOutboxDir),
    },
    NotificationProcessor,
    MailFactsRepository,
    NeedMailFactsRepository,
    OutboxRelay,
    OutboxRepository,
    OutboxService,
  ],
  exports: [OutboxService, NOTIFICATION_QUEUE, OutboxRelay],
})
export class NotificationsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(NOTIFICATION_QUEUE) private readonly queue: NotificationQueue,
    @Inject(JOB_SCHEDULER) private readonly jobs: JobScheduler,
    private readonly processor: NotificationProcessor,
    @Inject(MAILER) private readonly mailer: Mailer,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.consume(
      this.queue,
      (id) => this.processor.deliver(id),
      (id, error) => this.processor.giveUp(id, error),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    this.mailer.close();
  }
}
