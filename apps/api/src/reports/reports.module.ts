import { Module } from '@nestjs/common';
import { GeographyModule } from '../geography/geography.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { DigestService } from './digest.service';
import { DigestsRepository } from './digests.repository';
import { NationalStatsController } from './national-stats.controller';
import { NationalStatsRepository } from './national-stats.repository';
import { NationalStatsService } from './national-stats.service';
import { OccupancyJobs } from './occupancy.jobs';
import { OccupancyRepository } from './occupancy.repository';
import { OccupancyService } from './occupancy.service';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  imports: [GeographyModule, NotificationsModule],
  controllers: [ReportsController, NationalStatsController],
  providers: [
    OccupancyRepository,
    OccupancyService,
    ReportsRepository,
    ReportsService,
    DigestsRepository,
    DigestService,
    OccupancyJobs,
    NationalStatsRepository,
    NationalStatsService,
  ],
  exports: [OccupancyService, DigestService, ReportsService],
})
export class ReportsModule {}
