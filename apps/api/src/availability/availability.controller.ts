import { Controller, Param, Query } from '@nestjs/common';
import { ROUTES, type Availability, type EndpointInput } from '@lieux/contracts';
import { subtract, type Period } from '@lieux/scheduling';
import { BookingsService } from '../bookings/bookings.service';
import { Endpoint } from '../http/endpoint.decorator';
import { SpacesService } from '../sites/spaces.service';

const toInterval = (p: Period) => ({
  start: new Date(p.start).toISOString(),
  end: new Date(p.end).toISOString(),
});

@Controller()
export class AvailabilityController {
  constructor(
    private readonly spaces: SpacesService,
    private readonly bookings: BookingsService,
  ) {}

  @Endpoint(ROUTES.spaceAvailability)
  async get(
    @Param('id') id: string,
    @Query() q: EndpointInput<typeof ROUTES.spaceAvailability>['query'],
  ): Promise<Availability> {
    const space = await this.spaces.get(id);
    const window = { start: Date.parse(q.from), end: Date.parse(q.to) };
    const open = await this.spaces.openPeriods(space, window);
    const busy = await this.bookings.busy(id, window);
    return {
      timeZone: space.site.timeZone,
      open: open.map(toInterval),
      busy: busy.map(toInterval),
      free: subtract(open, busy).map(toInterval),
    };
  }
}
