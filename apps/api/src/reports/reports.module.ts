import { Module } from '@nestjs/common';
import { GeographyModule } from '../geography/geography.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { DigestService } from './digest.service';
import { DigestsRepository } from './digests.repository';
import { OccupancyJobs } from './occupancy.jobs';
import { OccupancyRepository } from './occupancy.repository';
import { OccupancyService } from './occupancy.service';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  imports: [GeographyModule, NotificationsModule],
  controllers: [ReportsController],
  providers: [
    OccupancyRepository,
    OccupancyService,
    ReportsRepository,
    ReportsService,
    DigestsRepository,
    DigestService,
    OccupancyJobs,
  ],
  exports: [OccupancyService, DigestService],
})
export class ReportsModule {}
