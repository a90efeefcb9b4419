import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SiteDiscounts } from '@lieux/contracts';
import { AuditService } from '../audit/audit.service';
import { grantsOf, isAdmin, type Caller } from '../auth/current-user';
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

  async get(caller: Caller, siteId: string): Promise<SiteDiscounts> {
    await this.managed(caller, siteId);
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
  private async managed(caller: Caller, siteId: string): Promise<void> {
    const mine = isAdmin(caller) || grantsOf(caller, 'site_manager').some((g) => g.siteId === siteId);
    if (!mine || !(await this.sites.allExist([siteId]))) throw notFound('NOT_FOUND.site');
  }
}
