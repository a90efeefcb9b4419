import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { NeedMatchMailer } from './need-match-mail.service';
import { NeedsDemandRepository } from './needs-demand.repository';

/**
 * The e-mail of new matches for needs, without HTTP: an API process and a worker process both load it,
 * and whichever runs jobs sweeps.
 */
@Module({
  imports: [NotificationsModule],
  providers: [NeedMatchMailer, NeedsDemandRepository],
  exports: [NeedMatchMailer],
})
export class NeedMatchMailModule {}
