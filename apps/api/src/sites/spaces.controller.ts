import { Body, Controller, Param, Query } from '@nestjs/common';
import {
  ROUTES,
  type CreateSpaceRequest,
  type SpaceSearchQuery,
  type UpdateSpaceRequest,
  type EndpointInput,
} from '@lieux/contracts';
import { CurrentUser, type Caller } from '../auth/current-user';
import { Endpoint } from '../http/endpoint.decorator';
import { SpacesService, publicView } from './spaces.service';

@Controller()
export class SpacesController {
  constructor(private readonly spaces: SpacesService) {}

  @Endpoint(ROUTES.searchSpaces)
  search(@Query() q: SpaceSearchQuery) {
    return this.spaces.search(q);
  }

  @Endpoint(ROUTES.getSpace)
  async get(@CurrentUser() caller: Caller | undefined, @Param('id') id: string) {
    return publicView(await this.spaces.view(caller, id));
  }

  @Endpoint(ROUTES.listSiteSpaces)
  async listForSite(@CurrentUser() caller: Caller, @Param('id') siteId: string) {
    return { items: await this.spaces.listForSite(caller, siteId) };
  }

  @Endpoint(ROUTES.createSpace)
  create(@CurrentUser() caller: Caller, @Param('id') siteId: string, @Body() body: CreateSpaceRequest) {
    return this.spaces.create(caller, siteId, body);
  }

  @Endpoint(ROUTES.updateSpace)
  update(@CurrentUser() caller: Caller, @Param('id') id: string, @Body() body: UpdateSpaceRequest) {
    return this.spaces.update(caller, id, body);
  }

  @Endpoint(ROUTES.setSpaceOpeningHours)
  setOpeningHours(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Body() body: EndpointInput<typeof ROUTES.setSpaceOpeningHours>['body'],
  ) {
    return this.spaces.setOpeningHours(caller, id, body);
  }

  @Endpoint(ROUTES.clearSpaceOpeningHours)
  clearOpeningHours(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.spaces.setOpeningHours(caller, id, null);
  }

  @Endpoint(ROUTES.publishSpace)
  publish(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.spaces.publish(caller, id);
  }

  @Endpoint(ROUTES.archiveSpace)
  archive(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.spaces.archive(caller, id);
  }
}
