import { Body, Controller, Param, Query } from '@nestjs/common';
import {
  ROUTES,
  type BookNeedRequest,
  type CloseNeedRequest,
  type CreateNeedRequest,
  type EndpointInput,
  type UpdateNeedRequest,
} from '@lieux/contracts';
import { CurrentUser, type Caller } from '../auth/current-user';
import { Endpoint } from '../http/endpoint.decorator';
import { NeedsService } from './needs.service';

@Controller()
export class NeedsController {
  constructor(private readonly needs: NeedsService) {}

  @Endpoint(ROUTES.createNeed)
  create(@CurrentUser() caller: Caller, @Body() body: CreateNeedRequest) {
    return this.needs.create(caller, body);
  }

  @Endpoint(ROUTES.listNeeds)
  list(@CurrentUser() caller: Caller, @Query() q: EndpointInput<typeof ROUTES.listNeeds>['query']) {
    return this.needs.list(caller, q);
  }

  @Endpoint(ROUTES.getNeed)
  get(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.needs.get(caller, id);
  }

  @Endpoint(ROUTES.updateNeed)
  update(@CurrentUser() caller: Caller, @Param('id') id: string, @Body() body: UpdateNeedRequest) {
    return this.needs.update(caller, id, body);
  }

  @Endpoint(ROUTES.closeNeed)
  close(@CurrentUser() caller: Caller, @Param('id') id: string, @Body() body: CloseNeedRequest) {
    return this.needs.close(caller, id, body);
  }

  @Endpoint(ROUTES.needMatches)
  matches(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.needs.matches(caller, id);
  }

  @Endpoint(ROUTES.bookNeed)
  book(@CurrentUser() caller: Caller, @Param('id') id: string, @Body() body: BookNeedRequest) {
    return this.needs.book(caller, id, body);
  }
}
