import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { SitesModule } from '../sites/sites.module';
import { AvailabilityController } from './availability.controller';

@Module({ imports: [SitesModule, BookingsModule], controllers: [AvailabilityController] })
export class AvailabilityModule {}
