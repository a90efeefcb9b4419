import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SiteDiscounts } from '@lieux/contracts';
import { AuditService } from '../audit/audit.service';
import type { Caller } from '../auth/current-user';
import { notFound } from '../http/domain.exception';
import { SitesService } from '../sites/sites.service';
import { BookingsRepository } from './bookings.repository';

/** A site's solidarity discounts, set by its managers; a booking freezes the one that applied. */
@Injectable()
export class SiteDiscountsService {
  constructor(
    private readonly db: DataSource,
    private readonly sites: SitesService,
    private readonly bookings: BookingsRepository,
    private readonly audit: AuditService,
  ) {}

  /** Public for a site that shows a published space: visitors see the price they would pay before signing up. */
  async get(caller: Caller | undefined, siteId: string): Promise<SiteDiscounts> {
    if (!(await this.sites.isPublic(siteId))) await this.managed(caller, siteId);
    return { discounts: await this.bookings.discounts(siteId) };
  }

  async set(caller: Caller, siteId: string, input: SiteDiscounts): Promise<SiteDiscounts> {
    await this.managed(caller, siteId);
    const before = await this.bookings.discounts(siteId);
    await this.db.transaction(async (em) => {
      await this.bookings.replaceDiscounts(em, siteId, input.discounts);
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'site',
        entityId: siteId,
        action: 'discounts_changed',
        changes: { discounts: [before, input.discounts] },
      });
    });
    return { discounts: await this.bookings.discounts(siteId) };
  }

  /** A site the caller manages (any, for an admin); anything else is "not found", as for the site itself. */
  private async managed(caller: Caller | undefined, siteId: string): Promise<void> {
    if (!this.sites.manages(caller, siteId) || !(await this.sites.allExist([siteId])))
      throw notFound('NOT_FOUND.site');
  }
}
