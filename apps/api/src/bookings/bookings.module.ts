import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { SitesModule } from '../sites/sites.module';
import { BookingSweeper } from './booking-sweeper';
import { BookingsController } from './bookings.controller';
import { BookingsRepository } from './bookings.repository';
import { BookingsService } from './bookings.service';
import { IdempotencyRepository } from './idempotency.repository';

@Module({
  imports: [SitesModule, NotificationsModule],
  controllers: [BookingsController],
  providers: [BookingsService, BookingsRepository, IdempotencyRepository, BookingSweeper],
  exports: [BookingsService],
})
export class BookingsModule {}
