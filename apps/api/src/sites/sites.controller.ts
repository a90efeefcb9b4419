import { Body, Controller, Param, Query } from '@nestjs/common';
import { ROUTES, type CreateSiteRequest, type UpdateSiteRequest, type EndpointInput } from '@lieux/contracts';
import { CurrentUser, type Caller } from '../auth/current-user';
import { Endpoint } from '../http/endpoint.decorator';
import { SitesService } from './sites.service';

@Controller()
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Endpoint(ROUTES.listSites)
  async list(@CurrentUser() caller: Caller) {
    return { items: await this.sites.list(caller) };
  }

  @Endpoint(ROUTES.createSite)
  create(@CurrentUser() caller: Caller, @Body() body: CreateSiteRequest) {
    return this.sites.create(caller, body);
  }

  @Endpoint(ROUTES.getSite)
  get(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.sites.get(caller, id);
  }

  @Endpoint(ROUTES.updateSite)
  update(@CurrentUser() caller: Caller, @Param('id') id: string, @Body() body: UpdateSiteRequest) {
    return this.sites.update(caller, id, body);
  }

  @Endpoint(ROUTES.setOpeningHours)
  setOpeningHours(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Body() body: EndpointInput<typeof ROUTES.setOpeningHours>['body'],
  ) {
    return this.sites.setOpeningHours(caller, id, body);
  }

  @Endpoint(ROUTES.siteHolidays)
  holidays(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Query() q: EndpointInput<typeof ROUTES.siteHolidays>['query'],
  ) {
    return this.sites.holidays(caller, id, q.year);
  }

  @Endpoint(ROUTES.setHolidayOpenings)
  setHolidayOpenings(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Query() q: EndpointInput<typeof ROUTES.setHolidayOpenings>['query'],
    @Body() body: EndpointInput<typeof ROUTES.setHolidayOpenings>['body'],
  ) {
    return this.sites.setHolidayOpenings(caller, id, q.year, body.dates);
  }

  @Endpoint(ROUTES.addClosure)
  addClosure(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Body() body: EndpointInput<typeof ROUTES.addClosure>['body'],
  ) {
    return this.sites.addClosure(caller, id, body);
  }

  @Endpoint(ROUTES.removeClosure)
  removeClosure(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Param('closureId') closureId: string,
  ) {
    return this.sites.removeClosure(caller, id, closureId);
  }
}
