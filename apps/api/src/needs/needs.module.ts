import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { GeographyModule } from '../geography/geography.module';
import { NeedMatcher } from './need-matcher';
import { NeedsController } from './needs.controller';
import { NeedsJobs } from './needs.jobs';
import { NeedsRepository } from './needs.repository';
import { NeedsService } from './needs.service';

/** Needs declared by organisations, matched to the spaces that meet them and kept matched (issue #14). */
@Module({
  imports: [BookingsModule, GeographyModule],
  controllers: [NeedsController],
  providers: [NeedsRepository, NeedMatcher, NeedsService, NeedsJobs],
  exports: [NeedsRepository, NeedMatcher],
})
export class NeedsModule {}

/** The needs' background jobs alone, for a worker process. */
@Module({
  providers: [NeedsRepository, NeedMatcher, NeedsJobs],
})
export class NeedsJobsModule {}
