import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { SitesModule } from '../sites/sites.module';
import { AvailabilityController } from './availability.controller';
import { AvailabilityService } from './availability.service';

@Module({
  imports: [SitesModule, BookingsModule],
  controllers: [AvailabilityController],
  providers: [AvailabilityService],
})
export class AvailabilityModule {}
