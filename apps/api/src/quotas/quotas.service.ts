import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  text,
  type CreateQuotaRequest,
  type MessageLanguage,
  type QuotaRule,
  type SiteQuotaRules,
  type SpaceQuota,
  type UpdateQuotaRequest,
} from '@lieux/contracts';
import {
  monthOf,
  quotaBreach,
  quotaStandings,
  rulesFor,
  tightest,
  weekOf,
  windowsOf,
  type CountedBooking,
  type Period,
  type QuotaRuleFacts,
} from '@lieux/scheduling';
import { AuditService } from '../audit/audit.service';
import type { Caller } from '../auth/current-user';
import { FOREIGN_KEY_VIOLATION, sqlState, UNIQUE_VIOLATION } from '../database/database.module';
import { DomainException, notFound } from '../http/domain.exception';
import { SitesService } from '../sites/sites.service';
import { SpacesService } from '../sites/spaces.service';
import { leftSentence, quotaRefusal, standingBody } from './quota-refusal';
import { QuotasRepository, type RuleLimits } from './quotas.repository';

const minutes = (h: number | null | undefined) => (h == null ? null : Math.round(h * 60));

/** What a booking path asks of the quotas: may the organisation add these bookings at this site? */
export interface QuotaQuestion {
  organisationId: string;
  siteId: string;
  timeZone: string;
  /** The rules as the creation read returned them, or as `rulesAt` reads them. */
  rules: readonly QuotaRuleFacts[];
  spaceKind: string;
  adding: readonly Period[];
  /** A booking being moved: its old period no longer counts. */
  except?: string;
}

/**
 * Fair-use quotas: the rules (a site's, set by its managers; national ones, by admins), what an
 * organisation has left at a space, and the check the booking paths run before they write.
 */
@Injectable()
export class QuotasService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: QuotasRepository,
    private readonly sites: SitesService,
    private readonly spaces: SpacesService,
    private readonly audit: AuditService,
  ) {}

  async siteRules(caller: Caller, siteId: string): Promise<SiteQuotaRules> {
    await this.managed(caller, siteId);
    const [items, national] = await Promise.all([this.repo.list(siteId), this.repo.list(null)]);
    return { items, national };
  }

  nationalRules(): Promise<QuotaRule[]> {
    return this.repo.list(null);
  }

  async create(caller: Caller, siteId: string | null, body: CreateQuotaRequest): Promise<QuotaRule> {
    if (siteId) await this.managed(caller, siteId);
    const limits = limitsOf(body);
    try {
      return await this.db.transaction(async (em) => {
        const id = await this.repo.insert(em, {
          siteId,
          organisationId: body.organisationId ?? null,
          spaceKind: body.spaceKind ?? null,
          ...limits,
          createdBy: caller.userId,
        });
        const rule = (await this.repo.find(id, em))!;
        await this.record(em, caller, rule, 'created', { ...described(rule) });
        return rule;
      });
    } catch (err) {
      const state = sqlState(err);
      if (state === UNIQUE_VIOLATION)
        throw new DomainException('QUOTA_EXISTS', 409, 'QUOTA_EXISTS', [
          { path: 'body.organisationId', message: 'QUOTA_EXISTS.field' },
        ]);
      if (state === FOREIGN_KEY_VIOLATION)
        throw new DomainException('VALIDATION_FAILED', 400, 'VALIDATION_FAILED', [
          { path: 'body.organisationId', message: 'VALIDATION_FAILED.quotaOrganisation.field' },
        ]);
      throw err;
    }
  }

  async update(
    caller: Caller,
    siteId: string | null,
    id: string,
    body: UpdateQuotaRequest,
  ): Promise<QuotaRule> {
    if (siteId) await this.managed(caller, siteId);
    return this.db.transaction(async (em) => {
      const before = await this.owned(em, siteId, id);
      const next = {
        hoursPerWeek: body.hoursPerWeek !== undefined ? body.hoursPerWeek : before.hoursPerWeek,
        hoursPerMonth: body.hoursPerMonth !== undefined ? body.hoursPerMonth : before.hoursPerMonth,
        maxActiveBookings:
          body.maxActiveBookings !== undefined ? body.maxActiveBookings : before.maxActiveBookings,
      };
      const limits = limitsOf(next);
      await this.repo.update(em, id, limits);
      const after = (await this.repo.find(id, em))!;
      const changes: Record<string, unknown> = {};
      for (const k of ['hoursPerWeek', 'hoursPerMonth', 'maxActiveBookings'] as const)
        if (before[k] !== after[k]) changes[k] = [before[k], after[k]];
      await this.record(em, caller, after, 'updated', changes);
      return after;
    });
  }

  async delete(caller: Caller, siteId: string | null, id: string): Promise<void> {
    if (siteId) await this.managed(caller, siteId);
    await this.db.transaction(async (em) => {
      const rule = await this.owned(em, siteId, id);
      await this.repo.delete(em, id);
      await this.record(em, caller, rule, 'deleted', described(rule));
    });
  }

  /** What the caller's organisation may still book at a published space, in the week and month of `at`. */
  async left(
    caller: Caller,
    spaceId: string,
    at: string | undefined,
    lang: MessageLanguage,
  ): Promise<SpaceQuota> {
    const organisationId = caller.organisationId;
    if (!organisationId)
      throw new DomainException('NOT_AN_ORGANISATION_MEMBER', 403, 'NOT_AN_ORGANISATION_MEMBER');
    const space = await this.spaces.get(spaceId);
    const rules = rulesFor(
      await this.repo.applicable(space.site.id, organisationId, space.kind),
      organisationId,
      space.kind,
    );
    const now = Date.now();
    const when = at ? Date.parse(at) : now;
    const timeZone = space.site.timeZone;
    const existing = rules.length
      ? await this.repo.counted(this.db.manager, {
          organisationId,
          siteId: space.site.id,
          window: hull([weekOf(when, timeZone), monthOf(when, timeZone)]),
          now,
        })
      : [];
    const standings = quotaStandings({ rules, timeZone, existing, spaceKind: space.kind, at: when, now });
    const best = tightest(standings);
    const left = {
      week: best.weekHours?.remaining ?? null,
      month: best.monthHours?.remaining ?? null,
      active: best.activeBookings?.remaining ?? null,
    };
    return {
      weekMinutesLeft: left.week,
      monthMinutesLeft: left.month,
      activeBookingsLeft: left.active,
      summary: leftSentence(left, lang),
      limits: standings.map(standingBody),
    };
  }

  /** The rules that hold for an organisation at a space of a site (for paths that do not read them along). */
  async rulesAt(siteId: string, organisationId: string, spaceKind: string): Promise<QuotaRuleFacts[]> {
    return this.repo.applicable(siteId, organisationId, spaceKind);
  }

  /**
   * Refuses, 422 `QUOTA_EXCEEDED` naming the limit and what is left, bookings the organisation may not
   * add; otherwise holds the organisation's quota lock until `em`'s transaction ends, so that the caller
   * writes them before anyone else of the organisation is judged. Costs nothing when no rule holds.
   */
  async hold(em: EntityManager, q: QuotaQuestion): Promise<void> {
    const rules = rulesFor(q.rules, q.organisationId, q.spaceKind);
    if (rules.length === 0 || q.adding.length === 0) return;
    await this.repo.lockOrganisation(em, q.organisationId);
    const now = Date.now();
    const windows = q.adding.flatMap((p) => [
      ...(rules.some((r) => r.weekMinutes !== null) ? windowsOf(p, q.timeZone, 'weekHours') : []),
      ...(rules.some((r) => r.monthMinutes !== null) ? windowsOf(p, q.timeZone, 'monthHours') : []),
    ]);
    const existing = await this.repo.counted(em, {
      organisationId: q.organisationId,
      siteId: q.siteId,
      window: windows.length ? hull(windows) : null,
      now,
      except: q.except,
    });
    const adding: CountedBooking[] = q.adding.map((p) => ({ ...p, spaceKind: q.spaceKind }));
    const breach = quotaBreach({ rules, timeZone: q.timeZone, existing, adding, now });
    if (breach) throw quotaRefusal(breach, q.timeZone);
  }

  private async managed(caller: Caller, siteId: string): Promise<void> {
    if (!this.sites.manages(caller, siteId) || !(await this.sites.allExist([siteId])))
      throw notFound('NOT_FOUND.site');
  }

  /** The rule of that scope (a site's, or national when `siteId` is null), or 404. */
  private async owned(em: EntityManager, siteId: string | null, id: string): Promise<QuotaRule> {
    const rule = await this.repo.find(id, em);
    if (!rule || rule.siteId !== siteId) throw notFound('NOT_FOUND.quota');
    return rule;
  }

  private record(
    em: EntityManager,
    caller: Caller,
    rule: QuotaRule,
    action: 'created' | 'updated' | 'deleted',
    changes: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(em, {
      actorId: caller.userId,
      entity: 'quota_rule',
      entityId: rule.id,
      action,
      changes: { siteId: rule.siteId, ...changes },
    });
  }
}

/** The limits in minutes; 400 when none is left. */
function limitsOf(r: {
  hoursPerWeek?: number | null;
  hoursPerMonth?: number | null;
  maxActiveBookings?: number | null;
}): RuleLimits {
  const limits = {
    weekMinutes: minutes(r.hoursPerWeek),
    monthMinutes: minutes(r.hoursPerMonth),
    maxActive: r.maxActiveBookings ?? null,
  };
  if (limits.weekMinutes === null && limits.monthMinutes === null && limits.maxActive === null) {
    throw new DomainException('VALIDATION_FAILED', 400, 'VALIDATION_FAILED', [
      { path: 'body.hoursPerWeek', message: { said: text('quota.atLeastOne') } },
    ]);
  }
  return limits;
}

function described(rule: QuotaRule): Record<string, unknown> {
  return {
    organisationId: rule.organisationId,
    spaceKind: rule.spaceKind,
    hoursPerWeek: rule.hoursPerWeek,
    hoursPerMonth: rule.hoursPerMonth,
    maxActiveBookings: rule.maxActiveBookings,
  };
}

const hull = (ps: readonly Period[]): Period => ({
  start: Math.min(...ps.map((p) => p.start)),
  end: Math.max(...ps.map((p) => p.end)),
});
