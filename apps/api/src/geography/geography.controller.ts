import { Controller, Param, Query } from '@nestjs/common';
import { ROUTES, type EndpointInput } from '@lieux/contracts';
import { Endpoint } from '../http/endpoint.decorator';
import { notFound } from '../http/domain.exception';
import { GeographyService } from './geography.service';

@Controller()
export class GeographyController {
  constructor(private readonly geography: GeographyService) {}

  @Endpoint(ROUTES.regions)
  regions() {
    return { items: this.geography.regions() };
  }

  @Endpoint(ROUTES.regionDepartements)
  departements(@Param('code') code: string) {
    const items = this.geography.departements(code);
    if (!items) throw notFound('NOT_FOUND.region');
    return { items };
  }

  @Endpoint(ROUTES.communes)
  communes(@Query() q: EndpointInput<typeof ROUTES.communes>['query']) {
    return { items: this.geography.searchCommunes(q.q, q.limit) };
  }
}
