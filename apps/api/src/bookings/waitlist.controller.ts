import { Body, Controller, Param } from '@nestjs/common';
import { ROUTES, type JoinWaitlistRequest } from '@lieux/contracts';
import { CurrentUser, type Caller } from '../auth/current-user';
import { Endpoint } from '../http/endpoint.decorator';
import { WaitlistService } from './waitlist.service';

@Controller()
export class WaitlistController {
  constructor(private readonly waitlist: WaitlistService) {}

  @Endpoint(ROUTES.joinWaitlist)
  join(@CurrentUser() caller: Caller, @Body() body: JoinWaitlistRequest) {
    return this.waitlist.join(caller, body);
  }

  @Endpoint(ROUTES.listWaitlist)
  list(@CurrentUser() caller: Caller) {
    return this.waitlist.listMine(caller);
  }

  @Endpoint(ROUTES.leaveWaitlist)
  leave(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.waitlist.leave(caller, id);
  }

  @Endpoint(ROUTES.acceptWaitlistOffer)
  accept(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.waitlist.accept(caller, id);
  }
}
