import { Controller, Param } from '@nestjs/common';
import { ROUTES } from '@lieux/contracts';
import { CurrentUser, type Caller } from '../auth/current-user';
import { Endpoint } from '../http/endpoint.decorator';
import { CheckInService } from './check-in.service';

@Controller()
export class CheckInController {
  constructor(private readonly checkIns: CheckInService) {}

  @Endpoint(ROUTES.checkInBooking)
  checkIn(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.checkIns.checkIn(caller, id);
  }
}
