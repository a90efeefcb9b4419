import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ContactNeedRequest, NearbyNeed, NearbyNeedsQuery } from '@lieux/contracts';
import { AuditService } from '../audit/audit.service';
import { grantsOf, isAdmin, type Caller } from '../auth/current-user';
import { GeographyService } from '../geography/geography.service';
import { DomainException, notFound } from '../http/domain.exception';
import { decodeKeyset, encodeKeyset, KEY } from '../http/keyset';
import { OutboxService } from '../notifications/outbox.service';
import { occurrencesHostable, type StoredSchedule } from './need-hostable';
import {
  NeedsDemandRepository,
  type NearbySite,
  type NearbyNeedRow,
  type SiteSpaceRow,
} from './needs-demand.repository';

/** A manager writes about one need at most once a day, and about twenty needs a day in all. */
const CONTACT_WINDOW_MS = 24 * 3600_000;
const CONTACTS_PER_DAY = 20;

export interface NeedContactPayload {
  needId: string;
  siteId: string;
  senderId: string;
  message: string;
}

const scheduleOf = (n: NearbyNeedRow): StoredSchedule => ({
  from: n.date_from,
  until: n.date_until,
  startTime: n.start_time,
  endTime: n.end_time,
  weekdays: n.weekdays,
  perWeek: n.per_week,
});

/** Whether a space could hold the need, hours aside: the catalogue's filters, as the search applies them. */
export function spaceFits(n: NearbyNeedRow, s: SiteSpaceRow): boolean {
  return (
    (n.kind === null || s.kind === n.kind) &&
    (n.min_area_m2 === null || Number(s.area_sqm) >= Number(n.min_area_m2)) &&
    s.capacity >= n.attendees &&
    n.equipment.every((e) => s.equipment.includes(e)) &&
    (!n.step_free || s.step_free) &&
    (n.max_hourly_rate_cents === null || s.hourly_rate_cents <= n.max_hourly_rate_cents)
  );
}

/** The demand within reach of a manager's site, and a way to answer it without learning who is behind it. */
@Injectable()
export class NeedsNearbyService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: NeedsDemandRepository,
    private readonly geography: GeographyService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async nearby(
    caller: Caller,
    q: NearbyNeedsQuery,
  ): Promise<{ items: NearbyNeed[]; nextCursor: string | null }> {
    const site = await this.managedSite(caller, q.siteId);
    const after = q.cursor ? decodeKeyset(q.cursor, { createdAt: KEY.instant, id: KEY.uuid }) : undefined;
    const rows = await this.repo.nearby(site, q.limit + 1, after);
    const page = rows.slice(0, q.limit);
    const items = await this.withHostable(site, page);
    const last = page[page.length - 1];
    return {
      items,
      nextCursor:
        rows.length > q.limit
          ? encodeKeyset({ createdAt: new Date(last.created_at).toISOString(), id: last.id })
          : null,
    };
  }

  async contact(caller: Caller, needId: string, body: ContactNeedRequest): Promise<void> {
    const site = await this.managedSite(caller, body.siteId);
    // A need out of reach of the site is not one the manager can know of.
    const [need] = await this.repo.nearby(site, 1, undefined, needId);
    if (!need) throw notFound('NOT_FOUND.nearbyNeed');
    if (!need.contactable) throw new DomainException('FORBIDDEN', 403, 'FORBIDDEN.needNotContactable');
    const payload: NeedContactPayload = {
      needId,
      siteId: site.id,
      senderId: caller.userId,
      message: body.message,
    };
    await this.db.transaction(async (em) => {
      // One writer at a time per person, so that two requests at once cannot both pass the count.
      await this.repo.lockContactsOf(em, caller.userId);
      const sent = await this.repo.contactsSince(
        em,
        caller.userId,
        needId,
        new Date(Date.now() - CONTACT_WINDOW_MS),
      );
      if (sent.this_need > 0 || sent.all >= CONTACTS_PER_DAY) {
        throw new DomainException(
          'TOO_MANY_REQUESTS',
          429,
          sent.this_need > 0 ? 'TOO_MANY_REQUESTS.needContact' : 'TOO_MANY_REQUESTS.needContacts',
        ).withHeaders({ 'retry-after': String(CONTACT_WINDOW_MS / 1000) });
      }
      await this.outbox.append(em, 'need.contact', { ...payload });
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'need',
        entityId: needId,
        action: 'contact',
        changes: { siteId: site.id },
      });
    });
    this.outbox.kick();
  }

  /** The site, if the caller manages it (or is an admin); 404 otherwise: a site is not known to exist. */
  private async managedSite(caller: Caller, siteId: string): Promise<NearbySite> {
    const allowed = isAdmin(caller) || grantsOf(caller, 'site_manager').some((g) => g.siteId === siteId);
    const site = allowed ? await this.repo.site(siteId) : undefined;
    if (!site) throw notFound('NOT_FOUND.site');
    return site;
  }

  private async withHostable(site: NearbySite, rows: NearbyNeedRow[]): Promise<NearbyNeed[]> {
    if (rows.length === 0) return [];
    const from = rows.map((r) => r.date_from).reduce((a, b) => (a < b ? a : b));
    const until = rows.map((r) => r.date_until).reduce((a, b) => (a > b ? a : b));
    const cal = await this.repo.siteCalendar(site.id, from, until);
    const busy = new Map<string, { start: number; end: number }[]>();
    for (const b of cal.busy) {
      const list = busy.get(b.space_id) ?? [];
      list.push({ start: new Date(b.start).getTime(), end: new Date(b.end).getTime() });
      busy.set(b.space_id, list);
    }
    const facts = {
      timeZone: site.time_zone,
      departementCode: site.departement_code,
      closures: cal.closures,
      holidayOpenings: new Set(cal.openings.map((o) => o.date)),
      busy,
    };
    const now = Date.now();
    return rows.map((n) => ({
      needId: n.id,
      kind: n.kind as NearbyNeed['kind'],
      minAreaM2: n.min_area_m2 === null ? null : Number(n.min_area_m2),
      attendees: n.attendees,
      equipment: n.equipment as NearbyNeed['equipment'],
      stepFree: n.step_free,
      schedule: scheduleOf(n),
      theme: n.theme as NearbyNeed['theme'],
      purpose: n.purpose,
      communeName: n.commune_code ? (this.geography.commune(n.commune_code)?.name ?? null) : null,
      departementCode: n.departement_code,
      distanceKm: n.distance_km === null ? null : Math.round(n.distance_km * 10) / 10,
      occurrencesWanted: n.occurrences_wanted,
      occurrencesHostable: occurrencesHostable(
        scheduleOf(n),
        cal.spaces.filter((s) => spaceFits(n, s)).map((s) => s.id),
        facts,
        now,
      ),
      matched: n.status === 'matched' || n.match_count > 0,
      contactable: n.contactable,
      organisationName: n.contactable ? n.organisation_name : null,
    }));
  }
}
