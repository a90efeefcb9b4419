import { Module } from '@nestjs/common';
import { BookingsRepository } from '../bookings/bookings.repository';
import { CheckInController } from './check-in.controller';
import { CheckInService } from './check-in.service';
import { CheckInSweepsModule } from './check-in-sweeps.module';

/** Check-in of bookings (`POST /bookings/{id}/check-in`) and, through its sweeps module, their release. */
@Module({
  imports: [CheckInSweepsModule],
  controllers: [CheckInController],
  providers: [CheckInService, BookingsRepository],
})
export class CheckInModule {}
