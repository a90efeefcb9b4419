import { Controller, Param, Query } from '@nestjs/common';
import { ROUTES, type Availability, type EndpointInput, type ManyAvailability } from '@lieux/contracts';
import type { Period } from '@lieux/scheduling';
import { Endpoint } from '../http/endpoint.decorator';
import { AvailabilityService } from './availability.service';

const windowOf = (q: { from: string; to: string }): Period => ({
  start: Date.parse(q.from),
  end: Date.parse(q.to),
});

@Controller()
export class AvailabilityController {
  constructor(private readonly availability: AvailabilityService) {}

  @Endpoint(ROUTES.spaceAvailability)
  get(
    @Param('id') id: string,
    @Query() q: EndpointInput<typeof ROUTES.spaceAvailability>['query'],
  ): Promise<Availability> {
    return this.availability.ofSpace(id, windowOf(q));
  }

  @Endpoint(ROUTES.manyAvailability)
  many(@Query() q: EndpointInput<typeof ROUTES.manyAvailability>['query']): Promise<ManyAvailability> {
    return this.availability.ofMany(q, windowOf(q));
  }
}
