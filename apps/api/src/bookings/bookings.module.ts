import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { SitesModule } from '../sites/sites.module';
import { BookingSweeper } from './booking-sweeper';
import { BookingsController } from './bookings.controller';
import { BookingsRepository } from './bookings.repository';
import { BookingsService } from './bookings.service';
import { IdempotencyRepository } from './idempotency.repository';
import { SiteDiscountsController } from './site-discounts.controller';
import { SiteDiscountsService } from './site-discounts.service';

@Module({
  imports: [SitesModule, NotificationsModule],
  controllers: [BookingsController, SiteDiscountsController],
  providers: [
    BookingsService,
    BookingsRepository,
    IdempotencyRepository,
    BookingSweeper,
    SiteDiscountsService,
  ],
  exports: [BookingsService],
})
export class BookingsModule {}
