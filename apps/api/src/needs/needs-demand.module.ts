import { Module } from '@nestjs/common';
import { GeographyModule } from '../geography/geography.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { NeedMatchMailModule } from './need-match-mail.module';
import { NeedsDemandController } from './needs-demand.controller';
import { NeedsDemandRepository } from './needs-demand.repository';
import { NeedsNearbyService } from './needs-nearby.service';
import { UnmetDemandService } from './unmet-demand.service';

/** The needs read from the places' side: the demand near a site, a word to its organisation, the unmet demand. */
@Module({
  imports: [GeographyModule, NotificationsModule, NeedMatchMailModule],
  controllers: [NeedsDemandController],
  providers: [NeedsDemandRepository, NeedsNearbyService, UnmetDemandService],
})
export class NeedsDemandModule {}
