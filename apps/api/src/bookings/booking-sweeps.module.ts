import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { BookingSweeper } from './booking-sweeper';
import { BookingSweepsRepository } from './booking-sweeps.repository';

/**
 * The time-driven side of bookings (completion, expiry, reminders), without HTTP: an API process and a
 * worker process both load it, and whichever runs jobs sweeps.
 */
@Module({
  imports: [NotificationsModule],
  providers: [BookingSweeper, BookingSweepsRepository],
  exports: [BookingSweeper],
})
export class BookingSweepsModule {}
