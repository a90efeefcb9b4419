import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { WaitlistSweepsModule } from '../bookings/waitlist-sweeps.module';
import { CheckInRepository } from './check-in.repository';
import { CheckInSweeper } from './check-in-sweeper';

/** The release of bookings not checked in, without HTTP: an API process and a worker both load it. */
@Module({
  imports: [NotificationsModule, WaitlistSweepsModule],
  providers: [CheckInRepository, CheckInSweeper],
  exports: [CheckInRepository, CheckInSweeper],
})
export class CheckInSweepsModule {}
