import { Body, Controller, Param } from '@nestjs/common';
import { ROUTES, type SiteDiscounts } from '@lieux/contracts';
import { CurrentUser, type Caller } from '../auth/current-user';
import { Endpoint } from '../http/endpoint.decorator';
import { SiteDiscountsService } from './site-discounts.service';

@Controller()
export class SiteDiscountsController {
  constructor(private readonly discounts: SiteDiscountsService) {}

  @Endpoint(ROUTES.siteDiscounts)
  get(@CurrentUser() caller: Caller | undefined, @Param('id') siteId: string) {
    return this.discounts.get(caller, siteId);
  }

  @Endpoint(ROUTES.setSiteDiscounts)
  set(@CurrentUser() caller: Caller, @Param('id') siteId: string, @Body() body: SiteDiscounts) {
    return this.discounts.set(caller, siteId, body);
  }
}
