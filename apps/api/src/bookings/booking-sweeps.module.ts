import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { BookingSweeper } from './booking-sweeper';

/**
 * The time-driven side of bookings (completion, expiry, reminders), without HTTP: an API process and a
 * worker process both load it, and whichever runs jobs sweeps.
 */
@Module({
  imports: [NotificationsModule],
  providers: [BookingSweeper],
  exports: [BookingSweeper],
})
export class BookingSweepsModule {}
