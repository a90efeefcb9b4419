import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Closure, CreateSiteRequest, Site, UpdateSiteRequest } from '@lieux/contracts';
import { holidays, type WeeklyWindow } from '@lieux/scheduling';
import { AuditService } from '../audit/audit.service';
import { AccountsService } from '../auth/accounts.service';
import { grantsOf, isAdmin, type Caller } from '../auth/current-user';
import { GeographyService } from '../geography/geography.service';
import { DomainException, notFound, type FieldError } from '../http/domain.exception';
import { SitesRepository } from './sites.repository';

/** La Poste sites: created by admins, kept by their managers. */
@Injectable()
export class SitesService {
  constructor(
    private readonly db: DataSource,
    private readonly sites: SitesRepository,
    private readonly accounts: AccountsService,
    private readonly geography: GeographyService,
    private readonly audit: AuditService,
  ) {}

  list(caller: Caller): Promise<Site[]> {
    return this.sites.list(isAdmin(caller) ? null : this.managed(caller));
  }

  /** Whether every one of `ids` is a site: for modules that refer to sites by id. */
  async allExist(ids: string[]): Promise<boolean> {
    return (await this.sites.list(ids)).length === new Set(ids).size;
  }

  /** A site anyone may know of: one showing a published space. */
  isPublic(id: string): Promise<boolean> {
    return this.sites.hasPublishedSpace(id);
  }

  /** Whether the caller manages the site (an admin manages every one). */
  manages(caller: Caller | undefined, id: string): boolean {
    return isAdmin(caller) || grantsOf(caller, 'site_manager').some((g) => g.siteId === id);
  }

  /** A site the caller manages (or any, for an admin); anything else is "not found". */
  async get(caller: Caller, id: string): Promise<Site> {
    const site = await this.sites.find(id);
    if (!site || !this.manages(caller, id)) throw notFound('NOT_FOUND.site');
    return site;
  }

  async create(caller: Caller, input: CreateSiteRequest): Promise<Site> {
    const commune = this.geography.commune(input.communeCode);
    if (!commune) throw new DomainException('UNKNOWN_COMMUNE', 422, 'UNKNOWN_COMMUNE');
    if (!commune.postcodes.includes(input.postcode)) {
      throw new DomainException('POSTCODE_MISMATCH', 422, {
        key: 'POSTCODE_MISMATCH',
        params: { postcode: input.postcode, commune: commune.name },
      });
    }
    const departement = this.geography
      .departements(commune.regionCode)!
      .find((d) => d.code === commune.departementCode)!;
    const id = await this.db.transaction(async (em) => {
      const siteId = await this.sites.create(em, {
        name: input.name,
        address: input.address,
        postcode: input.postcode,
        communeCode: commune.code,
        commune: commune.name,
        departementCode: commune.departementCode,
        regionCode: commune.regionCode,
        timeZone: departement.timeZone,
        latitude: input.latitude,
        longitude: input.longitude,
        accessNotes: input.accessNotes,
      });
      for (const managerId of new Set(input.managerIds)) {
        if (!(await this.accounts.profile(managerId, em))) {
          throw new DomainException('VALIDATION_FAILED', 400, 'VALIDATION_FAILED.unknownManager', [
            { path: 'body.managerIds', message: 'VALIDATION_FAILED.unknownManager.field' },
          ]);
        }
        await this.accounts.grant(em, managerId, 'site_manager', { siteId });
      }
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'site',
        entityId: siteId,
        action: 'created',
        changes: { ...input },
      });
      return siteId;
    });
    return (await this.sites.find(id))!;
  }

  async update(caller: Caller, id: string, patch: UpdateSiteRequest): Promise<Site> {
    const before = await this.get(caller, id);
    await this.db.transaction(async (em) => {
      await this.sites.update(em, id, patch);
      const changes = Object.fromEntries(
        Object.entries(patch).map(([k, v]) => [k, [before[k as keyof Site], v]]),
      );
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'site',
        entityId: id,
        action: 'updated',
        changes,
      });
    });
    return (await this.sites.find(id))!;
  }

  async setOpeningHours(caller: Caller, id: string, hours: WeeklyWindow[]): Promise<Site> {
    const before = await this.get(caller, id);
    await this.db.transaction(async (em) => {
      await this.sites.setOpeningHours(em, id, hours);
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'site',
        entityId: id,
        action: 'opening_hours_set',
        changes: { openingHours: [before.openingHours, hours] },
      });
    });
    return (await this.sites.find(id))!;
  }

  async addClosure(
    caller: Caller,
    id: string,
    c: { startsOn: string; endsOn: string; reason: string },
  ): Promise<Closure> {
    await this.get(caller, id);
    return this.db.transaction(async (em) => {
      const closure = await this.sites.addClosure(em, id, c);
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'site',
        entityId: id,
        action: 'closure_added',
        changes: { ...closure },
      });
      return closure;
    });
  }

  async removeClosure(caller: Caller, id: string, closureId: string): Promise<void> {
    await this.get(caller, id);
    await this.db.transaction(async (em) => {
      const removed = await this.sites.removeClosure(em, id, closureId);
      if (!removed) throw notFound('NOT_FOUND.closure');
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'site',
        entityId: id,
        action: 'closure_removed',
        changes: { ...removed },
      });
    });
  }

  async holidays(caller: Caller, id: string, year: number) {
    const site = await this.get(caller, id);
    const { holidayOpenings } = await this.sites.calendar(id, `${year}-01-01`, `${year}-12-31`);
    const open = new Set(holidayOpenings);
    return {
      items: this.holidaysOf(site, year).map((h) => ({ date: h.date, name: h.name, open: open.has(h.date) })),
    };
  }

  async setHolidayOpenings(caller: Caller, id: string, year: number, dates: string[]) {
    const site = await this.get(caller, id);
    const known = new Set(this.holidaysOf(site, year).map((h) => h.date));
    const errors = dates
      .map((d, i) => ({ d, i }))
      .filter(({ d }) => !known.has(d))
      .map(({ i }): FieldError => ({
        path: `body.dates.${i}`,
        message: { key: 'VALIDATION_FAILED.notAHoliday.field', params: { year: String(year) } },
      }));
    if (errors.length)
      throw new DomainException('VALIDATION_FAILED', 400, 'VALIDATION_FAILED.onlyHolidaysOpen', errors);
    await this.db.transaction(async (em) => {
      await this.sites.setHolidayOpenings(em, id, year, dates);
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'site',
        entityId: id,
        action: 'holiday_openings_set',
        changes: { year, dates },
      });
    });
    return this.holidays(caller, id, year);
  }

  private holidaysOf(site: Site, year: number) {
    try {
      return holidays(year, site.departementCode);
    } catch {
      // A territory without a holiday calendar of ours (Pacific collectivités): none known.
      return [];
    }
  }

  private managed(caller: Caller): string[] {
    return grantsOf(caller, 'site_manager').map((g) => g.siteId!);
  }
}
