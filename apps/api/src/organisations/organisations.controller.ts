import { Body, Controller, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROUTES, type RegisterOrganisationRequest, type EndpointInput } from '@lieux/contracts';
import { client, languageOf, setRefreshCookie } from '../auth/auth.controller';
import { CurrentUser, type Caller } from '../auth/current-user';
import { Endpoint } from '../http/endpoint.decorator';
import { OrganisationsService } from './organisations.service';

@Controller()
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Endpoint(ROUTES.registerOrganisation)
  async register(
    @Body() body: RegisterOrganisationRequest,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { organisation, ...signedIn } = await this.organisations.register(
      body,
      client(req),
      languageOf(req),
    );
    return { ...setRefreshCookie(req, reply, signedIn), organisation };
  }

  @Endpoint(ROUTES.listOrganisations)
  list(@CurrentUser() caller: Caller, @Query() q: EndpointInput<typeof ROUTES.listOrganisations>['query']) {
    return this.organisations.list(caller, q);
  }

  @Endpoint(ROUTES.getOrganisation)
  get(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.organisations.get(caller, id);
  }

  @Endpoint(ROUTES.organisationDecisions)
  decisions(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.organisations.decisions(caller, id);
  }

  @Endpoint(ROUTES.verifyOrganisation)
  verify(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.organisations.verify(caller, id);
  }

  @Endpoint(ROUTES.rejectOrganisation)
  reject(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Body() body: EndpointInput<typeof ROUTES.rejectOrganisation>['body'],
  ) {
    return this.organisations.reject(caller, id, body.reason);
  }

  @Endpoint(ROUTES.withdrawVerification)
  withdrawVerification(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Body() body: EndpointInput<typeof ROUTES.withdrawVerification>['body'],
  ) {
    return this.organisations.withdrawVerification(caller, id, body.reason);
  }

  @Endpoint(ROUTES.listMembers)
  members(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.organisations.members(caller, id);
  }

  @Endpoint(ROUTES.inviteMember)
  invite(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Body() body: EndpointInput<typeof ROUTES.inviteMember>['body'],
  ) {
    return this.organisations.invite(caller, id, body.email, body.role);
  }
}
