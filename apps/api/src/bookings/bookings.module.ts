import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { QuotasModule } from '../quotas/quotas.module';
import { ReceiptsModule } from '../receipts/receipts.module';
import { SitesModule } from '../sites/sites.module';
import { BookingCreation } from './booking-creation';
import { BookingSweepsModule } from './booking-sweeps.module';
import { BookingsController } from './bookings.controller';
import { BookingsRepository } from './bookings.repository';
import { BookingsService } from './bookings.service';
import { IdempotencyRepository } from './idempotency.repository';
import { SeriesController } from './series.controller';
import { SeriesRepository } from './series.repository';
import { SeriesService } from './series.service';
import { SiteDiscountsController } from './site-discounts.controller';
import { SiteDiscountsService } from './site-discounts.service';
import { WaitlistController } from './waitlist.controller';
import { WaitlistService } from './waitlist.service';
import { WaitlistSweepsModule } from './waitlist-sweeps.module';

@Module({
  imports: [
    SitesModule,
    NotificationsModule,
    ReceiptsModule,
    QuotasModule,
    BookingSweepsModule,
    WaitlistSweepsModule,
  ],
  controllers: [BookingsController, SiteDiscountsController, SeriesController, WaitlistController],
  providers: [
    BookingCreation,
    BookingsService,
    BookingsRepository,
    IdempotencyRepository,
    SiteDiscountsService,
    SeriesRepository,
    SeriesService,
    WaitlistService,
  ],
  exports: [BookingsService, BookingCreation, SeriesService],
})
export class BookingsModule {}
