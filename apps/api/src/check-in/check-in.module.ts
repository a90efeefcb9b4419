import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { CheckInController } from './check-in.controller';
import { CheckInService } from './check-in.service';
import { CheckInSweepsModule } from './check-in-sweeps.module';

/** Check-in of bookings (`POST /bookings/{id}/check-in`) and, through its sweeps module, their release. */
@Module({
  imports: [BookingsModule, CheckInSweepsModule],
  controllers: [CheckInController],
  providers: [CheckInService],
})
export class CheckInModule {}
