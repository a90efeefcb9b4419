import { Controller, Param, Query } from '@nestjs/common';
import { ROUTES, type Availability, type EndpointInput, type ManyAvailability } from '@lieux/contracts';
import { subtract, type Period } from '@lieux/scheduling';
import { BookingsService } from '../bookings/bookings.service';
import { notFound } from '../http/domain.exception';
import { Endpoint } from '../http/endpoint.decorator';
import type { BookableSpace } from '../sites/sites.types';
import { SpacesService } from '../sites/spaces.service';

const toInterval = (p: Period) => ({
  start: new Date(p.start).toISOString(),
  end: new Date(p.end).toISOString(),
});

const windowOf = (q: { from: string; to: string }): Period => ({
  start: Date.parse(q.from),
  end: Date.parse(q.to),
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
    const [space] = await this.spaces.publishedMany([id]);
    if (!space) throw notFound('NOT_FOUND.space');
    const { spaceId: _id, ...availability } = (await this.of([space], windowOf(q)))[0];
    return availability;
  }

  @Endpoint(ROUTES.manyAvailability)
  async many(@Query() q: EndpointInput<typeof ROUTES.manyAvailability>['query']): Promise<ManyAvailability> {
    const spaces = q.siteId
      ? await this.spaces.publishedOfSite(q.siteId)
      : await this.spaces.publishedMany(q.spaceIds!);
    return { items: await this.of(spaces, windowOf(q)) };
  }

  /**
   * One space or fifty, the same arithmetic on the same reads: the sites' calendars in two queries and the
   * bookings in one, never a query per space.
   */
  private async of(spaces: BookableSpace[], window: Period): Promise<ManyAvailability['items']> {
    if (spaces.length === 0) return [];
    const ids = spaces.map((s) => s.id);
    const [open, busy] = await Promise.all([
      this.spaces.openPeriodsMany(spaces, window),
      this.bookings.busyMany(ids, window),
    ]);
    return spaces.map((space) => {
      const o = open.get(space.id) ?? [];
      const b = busy.get(space.id) ?? [];
      return {
        spaceId: space.id,
        timeZone: space.site.timeZone,
        open: o.map(toInterval),
        busy: b.map(toInterval),
        free: subtract(o, b).map(toInterval),
      };
    });
  }
}
