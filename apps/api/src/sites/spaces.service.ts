import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  NO_ACCESS,
  parseBbox,
  type CreateSpaceRequest,
  type BookingAccess,
  type Space,
  type SpaceSearchQuery,
  type UpdateSpaceRequest,
} from '@lieux/contracts';
import { AuditService } from '../audit/audit.service';
import { grantsOf, isAdmin, type Caller } from '../auth/current-user';
import { SitesService } from './sites.service';
import { DomainException, notFound } from '../http/domain.exception';
import { localDates, siteDays, type ClosedDay, type Period, type WeeklyWindow } from '@lieux/scheduling';
import { GeographyService } from '../geography/geography.service';
import { decodeKeyset, encodeKeyset, KEY } from '../http/keyset';
import { SitesRepository } from './sites.repository';
import type { BookableSpace, SiteCalendar } from './sites.types';
import { closedHolidays, holidayEverywhere, SpacesRepository, type SpaceFilters } from './spaces.repository';

const DAY = 24 * 60 * 60_000;
/** See `SpacesService.daysAround`. */
const laidDays = new Map<string, { open: Period[]; closed: ClosedDay[] }>();
const LAID_DAYS_KEPT = 20_000;

@Injectable()
export class SpacesService {
  constructor(
    private readonly db: DataSource,
    private readonly spaces: SpacesRepository,
    private readonly sites: SitesRepository,
    private readonly siteService: SitesService,
    private readonly audit: AuditService,
    private readonly geography: GeographyService,
  ) {}

  /**
   * When the space can be used within a window (its site's hours, minus closures and holidays), with the
   * closed days that explain the gaps (what a refusal names).
   */
  async days(space: BookableSpace, window: Period): Promise<{ open: Period[]; closed: ClosedDay[] }> {
    const { from, to } = localDates(window, space.site.timeZone);
    return this.daysWith(space, window, await this.sites.calendar(space.site.id, from, to));
  }

  /** As `days`, from a calendar the caller read already (the booking path reads it with the space). */
  daysWith(
    space: BookableSpace,
    window: Period,
    { closures, holidayOpenings }: { closures: SiteCalendar['closures']; holidayOpenings: string[] },
  ): { open: Period[]; closed: ClosedDay[] } {
    return siteDays(
      {
        timeZone: space.site.timeZone,
        departementCode: space.site.departementCode,
        openingHours: space.openingHours,
        closures,
        holidayOpenings,
      },
      window,
    );
  }

  /**
   * `daysWith` over the whole UTC days from the day before a period to the day after, what judging a
   * booking needs (whether an open period holds it, which closed day meets it: the same answer over any
   * window that holds the period and a day around it). Remembered: the bookings of one site and day lay
   * them once instead of at every request (zone offsets and holidays were a sixth of the booking path's
   * CPU). The key is every input, the calendar as read with the request included, so that a change to the
   * hours, the closures or the holiday openings is a new key and nothing needs invalidating.
   */
  daysAround(
    space: BookableSpace,
    period: Period,
    calendar: { closures: SiteCalendar['closures']; holidayOpenings: string[] },
  ): { open: Period[]; closed: ClosedDay[] } {
    const window = {
      start: Math.floor((period.start - DAY) / DAY) * DAY,
      end: Math.ceil((period.end + DAY) / DAY) * DAY,
    };
    const { timeZone, departementCode } = space.site;
    const key = `${timeZone}|${departementCode}|${window.start}|${window.end}|${JSON.stringify(
      space.openingHours,
    )}|${JSON.stringify(calendar.closures)}|${JSON.stringify(calendar.holidayOpenings)}`;
    let days = laidDays.get(key);
    if (!days) {
      days = this.daysWith(space, window, calendar);
      // Bounded: about a key per site and day booked lately.
      if (laidDays.size >= LAID_DAYS_KEPT) laidDays.clear();
      laidDays.set(key, days);
    }
    return days;
  }

  /**
   * When each space can be used within a window, by space id, as `days` says: the calendars of all their
   * sites in two queries, whatever the number of spaces.
   */
  async openPeriodsMany(spaces: BookableSpace[], window: Period): Promise<Map<string, Period[]>> {
    if (spaces.length === 0) return new Map();
    const dates = spaces.map((space) => localDates(window, space.site.timeZone));
    const calendars = await this.sites.calendars(
      [...new Set(spaces.map((s) => s.site.id))],
      dates.map((d) => d.from).reduce((a, b) => (a < b ? a : b)),
      dates.map((d) => d.to).reduce((a, b) => (a > b ? a : b)),
    );
    const none = { closures: [], holidayOpenings: [] };
    return new Map(
      spaces.map((space) => [
        space.id,
        this.daysWith(space, window, calendars.get(space.site.id) ?? none).open,
      ]),
    );
  }

  /** The published ones among `ids`, in the order asked, each once; the others are left out. */
  async publishedMany(ids: string[]): Promise<BookableSpace[]> {
    const asked = [...new Set(ids.map((id) => id.toLowerCase()))];
    const byId = new Map((await this.spaces.findPublishedMany(asked)).map((s) => [s.id, s]));
    return asked.flatMap((id) => byId.get(id) ?? []);
  }

  /** A site's published spaces by name; an unknown site is "not found". */
  async publishedOfSite(siteId: string): Promise<BookableSpace[]> {
    const spaces = await this.spaces.listPublishedBySite(siteId);
    if (spaces.length === 0 && !(await this.siteService.allExist([siteId]))) throw notFound('NOT_FOUND.site');
    return spaces;
  }

  /** A published space: what booking and availability work on. */
  async get(id: string): Promise<BookableSpace> {
    const space = await this.spaces.findPublished(id);
    if (!space) throw notFound('NOT_FOUND.space');
    return space;
  }

  /** A space as the caller may see it: published ones for everyone, others for their site's managers. */
  async view(caller: Caller | undefined, id: string): Promise<BookableSpace> {
    const space = await this.spaces.find(id);
    if (!space || (space.status !== 'published' && !(caller && this.manages(caller, space.site.id))))
      throw notFound('NOT_FOUND.space');
    return space;
  }

  async listForSite(caller: Caller, siteId: string): Promise<Space[]> {
    await this.siteService.get(caller, siteId);
    return this.managerView(await this.spaces.listBySite(siteId));
  }

  /** Spaces as their managers see them: with how to get in, which public answers never carry. */
  private async managerView(spaces: BookableSpace[]): Promise<Space[]> {
    const access = await this.spaces.accessOf(spaces.map((s) => s.id));
    return spaces.map((s) => ({ ...publicView(s), access: access.get(s.id) ?? NO_ACCESS }));
  }

  private async managerViewOf(id: string): Promise<Space> {
    return (await this.managerView([(await this.spaces.find(id))!]))[0];
  }

  /** How to get into a space and whom to call, for a booking that may be told (the bookings module decides). */
  async bookingAccess(spaceId: string): Promise<BookingAccess> {
    const access = await this.spaces.bookingAccess(spaceId);
    if (!access) throw notFound('NOT_FOUND.space');
    return access;
  }

  async create(caller: Caller, siteId: string, input: CreateSpaceRequest): Promise<Space> {
    const site = await this.siteService.get(caller, siteId);
    const id = await this.db.transaction(async (em) => {
      const spaceId = await this.spaces.create(em, site, input);
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'space',
        entityId: spaceId,
        action: 'created',
        changes: { ...input },
      });
      return spaceId;
    });
    return this.managerViewOf(id);
  }

  async update(caller: Caller, id: string, patch: UpdateSpaceRequest): Promise<Space> {
    const before = await this.managed(caller, id);
    const current: CreateSpaceRequest = {
      name: before.name,
      kind: before.kind,
      areaSqm: before.areaSqm,
      capacity: before.capacity,
      equipment: before.equipment as CreateSpaceRequest['equipment'],
      stepFree: before.stepFree,
      description: before.description,
      policy: before.policy as CreateSpaceRequest['policy'],
      price: before.price,
      access: (await this.spaces.accessOf([id])).get(id) ?? NO_ACCESS,
    };
    const next = { ...current, ...patch };
    if (next.policy.minDurationMinutes > next.policy.maxDurationMinutes) {
      throw new DomainException('VALIDATION_FAILED', 400, 'VALIDATION_FAILED.minAboveMax', [
        { path: 'body.policy.maxDurationMinutes', message: 'VALIDATION_FAILED.minAboveMax.field' },
      ]);
    }
    await this.db.transaction(async (em) => {
      await this.spaces.update(em, id, next);
      const changes = Object.fromEntries(
        Object.keys(patch).map((k) => [
          k,
          [current[k as keyof CreateSpaceRequest], next[k as keyof CreateSpaceRequest]],
        ]),
      );
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'space',
        entityId: id,
        action: 'updated',
        changes,
      });
    });
    return this.managerViewOf(id);
  }

  async setOpeningHours(caller: Caller, id: string, hours: WeeklyWindow[] | null): Promise<Space> {
    const before = await this.managed(caller, id);
    await this.db.transaction(async (em) => {
      await this.spaces.setOpeningHours(em, id, hours);
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'space',
        entityId: id,
        action: hours ? 'opening_hours_set' : 'opening_hours_cleared',
        changes: { ownOpeningHours: [before.ownOpeningHours, hours] },
      });
    });
    return this.managerViewOf(id);
  }

  async publish(caller: Caller, id: string): Promise<Space> {
    const space = await this.managed(caller, id);
    if (space.openingHours.length === 0) {
      throw new DomainException('SPACE_NOT_BOOKABLE', 422, 'SPACE_NOT_BOOKABLE.noOpeningHours');
    }
    return this.move(caller, space, 'published', ['draft', 'archived']);
  }

  async archive(caller: Caller, id: string): Promise<Space> {
    return this.move(caller, await this.managed(caller, id), 'archived', ['draft', 'published']);
  }

  private async move(
    caller: Caller,
    space: BookableSpace,
    to: 'published' | 'archived',
    from: string[],
  ): Promise<Space> {
    await this.db.transaction(async (em) => {
      if (!(await this.spaces.setStatus(em, space.id, to, from))) {
        throw new DomainException(
          'ALREADY_DECIDED',
          409,
          to === 'published' ? 'ALREADY_DECIDED.published' : 'ALREADY_DECIDED.archived',
        );
      }
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'space',
        entityId: space.id,
        action: to,
        changes: { status: [space.status, to] },
      });
    });
    return this.managerViewOf(space.id);
  }

  async managed(caller: Caller, id: string): Promise<BookableSpace> {
    const space = await this.spaces.find(id);
    if (!space || !this.manages(caller, space.site.id)) throw notFound('NOT_FOUND.space');
    return space;
  }

  manages(caller: Caller, siteId: string): boolean {
    return isAdmin(caller) || grantsOf(caller, 'site_manager').some((g) => g.siteId === siteId);
  }

  async search(q: SpaceSearchQuery): Promise<{ items: Space[]; nextCursor: string | null }> {
    let communeCodes: string[] | undefined;
    if (q.q) {
      communeCodes = this.geography.searchCommunes(q.q, 50).map((c) => c.code);
      if (communeCodes.length === 0) return { items: [], nextCursor: null };
    }
    const [lat, lon] = q.near ? q.near.split(',').map(Number) : [];
    const start = q.from && q.to ? Date.parse(q.from) : undefined;
    let window: SpaceFilters['window'];
    if (start !== undefined) {
      const departementCodes = this.geography.departementCodes();
      const timeZones = this.geography.timeZones();
      const holidays = closedHolidays(start, departementCodes);
      window = {
        start,
        end: Date.parse(q.to!),
        holidays,
        ...(holidayEverywhere(start, holidays, departementCodes, timeZones)
          ? { everywhere: { departementCodes, timeZones } }
          : {}),
      };
    }
    const filters = {
      regionCode: q.region,
      departementCode: q.departement,
      communeCodes,
      minCapacity: q.minCapacity,
      minArea: q.minArea,
      kind: q.kind,
      equipment: q.equipment,
      stepFree: q.stepFree,
      near: q.near ? { lat, lon, radiusKm: q.radiusKm } : undefined,
      bbox: q.bbox ? parseBbox(q.bbox) : undefined,
      maxHourlyRateCents: q.maxHourlyRateCents,
      window,
    };
    // Free and open throughout are both settled in SQL, so one query fills the page: a person never sees
    // "no result" on page one while page two holds some.
    const after = q.cursor ? decodeKeyset(q.cursor, { key: KEY.text, id: KEY.uuid }) : undefined;
    const rows = await this.spaces.search(filters, q.limit + 1, after);
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const items = await this.spaces.withPhotos(page);
    return {
      items: items.map(publicView),
      nextCursor: rows.length > q.limit && last ? encodeKeyset({ key: last.sortKey!, id: last.id }) : null,
    };
  }
}

export function publicView({ sortKey: _key, ...space }: BookableSpace): Space {
  return space;
}
