import { Body, Controller, Param, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ROUTES, type EndpointInput } from '@lieux/contracts';
import { languageOf } from '../auth/auth.controller';
import { CurrentUser, type Caller } from '../auth/current-user';
import { Endpoint } from '../http/endpoint.decorator';
import { QuotasService } from './quotas.service';

type Input<R extends keyof typeof ROUTES> = EndpointInput<(typeof ROUTES)[R]>;

@Controller()
export class QuotasController {
  constructor(private readonly quotas: QuotasService) {}

  @Endpoint(ROUTES.siteQuotas)
  siteRules(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.quotas.siteRules(caller, id);
  }

  @Endpoint(ROUTES.createSiteQuota)
  createSite(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Body() body: Input<'createSiteQuota'>['body'],
  ) {
    return this.quotas.create(caller, id, body);
  }

  @Endpoint(ROUTES.updateSiteQuota)
  updateSite(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Param('quotaId') quotaId: string,
    @Body() body: Input<'updateSiteQuota'>['body'],
  ) {
    return this.quotas.update(caller, id, quotaId, body);
  }

  @Endpoint(ROUTES.deleteSiteQuota)
  deleteSite(@CurrentUser() caller: Caller, @Param('id') id: string, @Param('quotaId') quotaId: string) {
    return this.quotas.delete(caller, id, quotaId);
  }

  @Endpoint(ROUTES.nationalQuotas)
  async national() {
    return { items: await this.quotas.nationalRules() };
  }

  @Endpoint(ROUTES.createNationalQuota)
  createNational(@CurrentUser() caller: Caller, @Body() body: Input<'createNationalQuota'>['body']) {
    return this.quotas.create(caller, null, body);
  }

  @Endpoint(ROUTES.updateNationalQuota)
  updateNational(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Body() body: Input<'updateNationalQuota'>['body'],
  ) {
    return this.quotas.update(caller, null, id, body);
  }

  @Endpoint(ROUTES.deleteNationalQuota)
  deleteNational(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.quotas.delete(caller, null, id);
  }

  @Endpoint(ROUTES.spaceQuota)
  left(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Query() query: Input<'spaceQuota'>['query'],
    @Req() req: FastifyRequest,
  ) {
    return this.quotas.left(caller, id, query.at, languageOf(req));
  }
}
