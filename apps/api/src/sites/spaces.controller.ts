import { Controller, Param, Query } from '@nestjs/common';
import { ROUTES } from '@lieux/contracts';
import { Endpoint } from '../http/endpoint.decorator';
import { SpacesService, publicView } from './spaces.service';

@Controller()
export class SpacesController {
  constructor(private readonly spaces: SpacesService) {}

  @Endpoint(ROUTES.searchSpaces)
  search(@Query() q: { limit: number; cursor?: string }) {
    return this.spaces.list(q.limit, q.cursor);
  }

  @Endpoint(ROUTES.getSpace)
  async get(@Param('id') id: string) {
    return publicView(await this.spaces.get(id));
  }
}
