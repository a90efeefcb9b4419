import { Injectable } from '@nestjs/common';
import type { Availability, ManyAvailability } from '@lieux/contracts';
import { subtract, type Period } from '@lieux/scheduling';
import { BookingsService } from '../bookings/bookings.service';
import { notFound } from '../http/domain.exception';
import type { BookableSpace } from '../sites/sites.types';
import { SpacesService } from '../sites/spaces.service';

const toInterval = (p: Period) => ({
  start: new Date(p.start).toISOString(),
  end: new Date(p.end).toISOString(),
});

/** When published spaces are open, busy (without names) and free: one space, a list, or a site's. */
@Injectable()
export class AvailabilityService {
  constructor(
    private readonly spaces: SpacesService,
    private readonly bookings: BookingsService,
  ) {}

  async ofSpace(id: string, window: Period): Promise<Availability> {
    const [space] = await this.spaces.publishedMany([id]);
    if (!space) throw notFound('NOT_FOUND.space');
    const { spaceId: _id, ...availability } = (await this.of([space], window))[0];
    return availability;
  }

  async ofMany(which: { siteId?: string; spaceIds?: string[] }, window: Period): Promise<ManyAvailability> {
    const spaces = which.siteId
      ? await this.spaces.publishedOfSite(which.siteId)
      : await this.spaces.publishedMany(which.spaceIds ?? []);
    return { items: await this.of(spaces, window) };
  }

  /**
   * One space or fifty, the same arithmetic on the same reads: the sites' calendars in two queries and the
   * bookings in one, never a query per space.
   */
  private async of(spaces: BookableSpace[], window: Period): Promise<ManyAvailability['items']> {
    if (spaces.length === 0) return [];
    const [open, busy] = await Promise.all([
      this.spaces.openPeriodsMany(spaces, window),
      this.bookings.busyMany(
        spaces.map((s) => s.id),
        window,
      ),
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
