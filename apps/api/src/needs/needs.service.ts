import { Injectable, Logger } from '@nestjs/common';
import { Temporal } from 'temporal-polyfill';
import { DataSource } from 'typeorm';
import {
  NEED_MAX_OCCURRENCES,
  type BookNeedRequest,
  type BookNeedResponse,
  type CloseNeedRequest,
  type CreateNeedRequest,
  type Need,
  type NeedListQuery,
  type NeedMatch,
  type NeedMatchList,
  type SeriesOccurrence,
  type UpdateNeedRequest,
} from '@lieux/contracts';
import {
  countedFree,
  hoursWanted,
  needOccurrences,
  needSeriesRule,
  occurrencesWanted,
} from '@lieux/scheduling';
import { AuditService } from '../audit/audit.service';
import type { Caller } from '../auth/current-user';
import { BookingCreation, organisationOf } from '../bookings/booking-creation';
import { SeriesService } from '../bookings/series.service';
import { GeographyService } from '../geography/geography.service';
import { timeZoneOf } from '../geography/time-zones';
import { DomainException, say } from '../http/domain.exception';
import { decodeKeyset, encodeKeyset, KEY } from '../http/keyset';
import { NeedMatcher } from './need-matcher';
import { NeedsRepository, type NeedRow, type NeedValues } from './needs.repository';

/** Where France's sites average out: a need placed where no site is yet (a région without any). */
const FRANCE_CENTRE = { latitude: 46.6, longitude: 2.45 };

const notFoundNeed = () =>
  new DomainException('NOT_FOUND', 404, { fr: 'Ce besoin est introuvable.', en: 'This need was not found.' });

const notLive = (status: string) =>
  new DomainException('ALREADY_DECIDED', 409, {
    fr: `Ce besoin n’est plus ouvert (${status === 'booked' ? 'réservé' : status === 'closed' ? 'clos' : 'expiré'}).`,
    en: `This need is no longer open (${status}).`,
  });

const LIVE = ['open', 'matched'];

@Injectable()
export class NeedsService {
  private readonly log = new Logger(NeedsService.name);

  constructor(
    private readonly db: DataSource,
    private readonly needs: NeedsRepository,
    private readonly matcher: NeedMatcher,
    private readonly geography: GeographyService,
    private readonly audit: AuditService,
    private readonly creation: BookingCreation,
    private readonly series: SeriesService,
  ) {}

  async create(caller: Caller, input: CreateNeedRequest): Promise<Need> {
    const organisationId = organisationOf(caller);
    const values = await this.valuesOf(input);
    const id = await this.db.transaction(async (em) => {
      const id = await this.needs.insert(em, organisationId, caller.userId, values);
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'need',
        entityId: id,
        action: 'created',
        changes: { ...input },
      });
      return id;
    });
    // Answered at once, matched just after (thousands of spaces around a big city take a second): until
    // then its matches are found live, and the sweep matches it if this process stops first.
    void this.matcher.rematch(id).catch((err: Error) => this.log.warn(`need ${id}: ${err.message}`));
    return this.view((await this.needs.find(id))!);
  }

  async list(caller: Caller, q: NeedListQuery) {
    if (!caller.organisationId) return { items: [], nextCursor: null };
    const after = q.cursor ? decodeKeyset(q.cursor, { createdAt: KEY.instant, id: KEY.uuid }) : undefined;
    const rows = await this.needs.list(caller.organisationId, q.status, q.limit + 1, after);
    const items = rows.slice(0, q.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => this.view(r)),
      nextCursor:
        rows.length > q.limit && last
          ? encodeKeyset({ createdAt: last.created_at.toISOString(), id: last.id })
          : null,
    };
  }

  async get(caller: Caller, id: string): Promise<Need> {
    return this.view(await this.owned(caller, id));
  }

  async update(caller: Caller, id: string, patch: UpdateNeedRequest): Promise<Need> {
    const before = await this.owned(caller, id);
    if (!LIVE.includes(before.status)) throw notLive(before.status);
    const current = this.requestOf(before);
    const next: CreateNeedRequest = {
      ...current,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    } as CreateNeedRequest;
    const values = await this.valuesOf(next);
    await this.db.transaction(async (em) => {
      const locked = await this.needs.find(id, em, true);
      if (!locked || !LIVE.includes(locked.status)) throw notLive(locked?.status ?? 'closed');
      await this.needs.update(em, id, values);
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'need',
        entityId: id,
        action: 'updated',
        changes: Object.fromEntries(
          Object.keys(patch).map((k) => [
            k,
            [current[k as keyof CreateNeedRequest], next[k as keyof CreateNeedRequest]],
          ]),
        ),
      });
      await this.matcher.rematch(id, em);
    });
    return this.view((await this.needs.find(id))!);
  }

  async close(caller: Caller, id: string, { reason }: CloseNeedRequest): Promise<Need> {
    await this.owned(caller, id);
    await this.db.transaction(async (em) => {
      const need = await this.needs.find(id, em, true);
      if (!need || need.status === 'closed') throw notLive('closed');
      await this.needs.close(em, id, reason);
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'need',
        entityId: id,
        action: 'closed',
        changes: { status: [need.status, 'closed'], reason },
      });
    });
    return this.view((await this.needs.find(id))!);
  }

  /** The need's best stored matches, each judged afresh occurrence by occurrence. */
  async matches(caller: Caller, id: string): Promise<NeedMatchList> {
    const need = await this.owned(caller, id);
    const now = Date.now();
    const evaluated = await this.matcher.shown(need, now);
    const iso = (t: number) => new Date(t).toISOString();
    const items: NeedMatch[] = evaluated.map(({ space, result }) => {
      const series = needSeriesRule(this.schedule(need), result.occurrences, space.site.timeZone);
      return {
        spaceId: space.id,
        spaceName: space.name,
        kind: space.kind,
        areaM2: space.areaSqm,
        capacity: space.capacity,
        equipment: space.equipment,
        stepFree: space.stepFree,
        approvalRequired: space.policy.approvalRequired,
        site: space.site,
        distanceKm: result.distanceKm,
        occurrencesWanted: result.occurrencesWanted,
        occurrencesFree: result.occurrencesFree,
        hourlyRateCents: result.hourlyRateCents,
        discountPercent: result.discountPercent,
        totalCents: result.totalCents,
        occurrences: result.occurrences.map((o) => ({
          start: iso(o.start),
          end: iso(o.end),
          free: o.free,
          reason: o.reason,
        })),
        series: series && {
          firstStart: iso(series.firstStart),
          firstEnd: iso(series.firstEnd),
          rrule: series.rrule,
        },
      } as NeedMatch;
    });
    return { needId: id, computedAt: iso(now), items };
  }

  /**
   * Books the need's free occurrences on one of its matches through the booking path: a series when the
   * pattern is regular, else each occurrence alone (`perWeek`: the first that many free of each week).
   */
  async book(caller: Caller, id: string, input: BookNeedRequest): Promise<BookNeedResponse> {
    const need = await this.owned(caller, id);
    if (!LIVE.includes(need.status)) throw notLive(need.status);
    const [match] = await this.matcher.evaluate(need, Date.now(), undefined, input.spaceId);
    if (!match) {
      throw new DomainException('SPACE_NOT_BOOKABLE', 422, {
        fr: 'Cet espace ne répond pas (ou plus) à ce besoin : aucun de ses créneaux n’est libre.',
        en: 'This space does not (or no longer) meet this need: none of its occurrences is free.',
      });
    }
    const { space, result } = match;
    const title = input.title;
    const attendees = input.attendees ?? need.attendees;
    const schedule = this.schedule(need);
    const rule = needSeriesRule(schedule, result.occurrences, space.site.timeZone);
    const iso = (t: number) => new Date(t).toISOString();
    let answer: Pick<BookNeedResponse, 'series' | 'occurrences'>;
    if (rule) {
      answer = await this.series.create(caller, {
        spaceId: space.id,
        firstStart: iso(rule.firstStart),
        firstEnd: iso(rule.firstEnd),
        rrule: rule.rrule,
        title,
        attendees,
      });
    } else {
      const candidates = needOccurrences(schedule, space.site.timeZone);
      const occurrences: SeriesOccurrence[] = [];
      for (const o of countedFree(schedule, candidates, result.occurrences)) {
        const at = { start: iso(o.start), end: iso(o.end) };
        try {
          const booked = await this.creation.book(caller, { spaceId: space.id, ...at, title, attendees });
          occurrences.push({ ...at, status: 'booked', reason: null, code: null, bookingId: booked.body.id });
        } catch (err) {
          if (!(err instanceof DomainException)) throw err;
          occurrences.push({
            ...at,
            status: 'refused',
            reason: say(err.detail, 'fr'),
            code: err.code,
            bookingId: null,
          });
        }
      }
      if (!occurrences.some((o) => o.status === 'booked')) {
        throw new DomainException('SLOT_TAKEN', 409, 'SLOT_TAKEN.wholeSeries');
      }
      answer = { series: null, occurrences };
    }
    await this.db.transaction(async (em) => {
      await this.needs.markBooked(em, id);
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'need',
        entityId: id,
        action: 'booked',
        changes: {
          status: [need.status, 'booked'],
          spaceId: space.id,
          seriesId: answer.series?.id ?? null,
          booked: answer.occurrences.filter((o) => o.status === 'booked').length,
        },
      });
    });
    return { need: this.view((await this.needs.find(id))!), ...answer };
  }

  /** The need if it is the caller's organisation's; 404 otherwise (never says it exists elsewhere). */
  private async owned(caller: Caller, id: string): Promise<NeedRow> {
    const need = await this.needs.find(id);
    if (!need || !caller.organisationId || need.organisation_id !== caller.organisationId)
      throw notFoundNeed();
    return need;
  }

  private schedule(r: NeedRow) {
    return {
      from: r.date_from,
      until: r.date_until,
      startTime: r.start_time,
      endTime: r.end_time,
      weekdays: r.weekdays,
      perWeek: r.per_week,
    };
  }

  /** The need as it would be declared again: what an update is merged into. */
  private requestOf(r: NeedRow): CreateNeedRequest {
    return {
      kind: r.kind as CreateNeedRequest['kind'],
      minAreaM2: r.min_area_m2 === null ? null : Number(r.min_area_m2),
      attendees: r.attendees,
      equipment: r.equipment as CreateNeedRequest['equipment'],
      stepFree: r.step_free,
      schedule: this.schedule(r),
      place:
        r.commune_code !== null
          ? { communeCode: r.commune_code, radiusKm: Number(r.radius_km) }
          : { departementCode: r.departement_code },
      maxHourlyRateCents: r.max_hourly_rate_cents,
      purpose: r.purpose,
      theme: r.theme as CreateNeedRequest['theme'],
      contactable: r.contactable,
      notifyMatches: r.notify_matches,
    };
  }

  /** The row's values: the place resolved (names, centre, région), the occurrences counted and bounded. */
  private async valuesOf(input: CreateNeedRequest): Promise<NeedValues> {
    const { schedule, place } = input;
    let communeCode: string | null = null;
    let radiusKm: number | null = null;
    let departementCode: string;
    let regionCode: string;
    if ('communeCode' in place) {
      const commune = this.geography.commune(place.communeCode);
      if (!commune) {
        throw new DomainException('UNKNOWN_COMMUNE', 422, 'UNKNOWN_COMMUNE', [
          { path: 'body.place.communeCode', message: 'UNKNOWN_COMMUNE' },
        ]);
      }
      communeCode = commune.code;
      radiusKm = place.radiusKm;
      departementCode = commune.departementCode;
      regionCode = commune.regionCode;
    } else {
      const departement = this.departement(place.departementCode);
      if (!departement) {
        throw new DomainException(
          'UNKNOWN_COMMUNE',
          422,
          {
            fr: 'Ce département est inconnu.',
            en: 'This département is unknown.',
          },
          [
            {
              path: 'body.place.departementCode',
              message: { fr: 'Département inconnu', en: 'Unknown département' },
            },
          ],
        );
      }
      departementCode = departement.code;
      regionCode = departement.regionCode;
    }
    const wanted = occurrencesWanted(schedule);
    if (wanted === 0) {
      throw new DomainException(
        'VALIDATION_FAILED',
        422,
        {
          fr: 'Aucun des jours choisis ne tombe entre ces dates.',
          en: 'None of the chosen days falls between these dates.',
        },
        [
          {
            path: 'body.schedule.weekdays',
            message: { fr: 'Aucun jour entre ces dates', en: 'No day between these dates' },
          },
        ],
      );
    }
    if (wanted > NEED_MAX_OCCURRENCES) {
      throw new DomainException('TOO_MANY_OCCURRENCES', 422, 'TOO_MANY_OCCURRENCES', [
        {
          path: 'body.schedule',
          message: {
            fr: `Au plus ${NEED_MAX_OCCURRENCES} créneaux par besoin (${wanted} demandés)`,
            en: `At most ${NEED_MAX_OCCURRENCES} occurrences per need (${wanted} asked)`,
          },
        },
      ]);
    }
    if (schedule.until < Temporal.Now.plainDateISO(timeZoneOf(departementCode)).toString()) {
      throw new DomainException(
        'VALIDATION_FAILED',
        422,
        { fr: 'Ces dates sont passées.', en: 'These dates have passed.' },
        [{ path: 'body.schedule.until', message: { fr: 'Date passée', en: 'Date in the past' } }],
      );
    }
    const centre = (await this.needs.centreOf(communeCode, departementCode, regionCode)) ?? FRANCE_CENTRE;
    return {
      kind: input.kind,
      minAreaM2: input.minAreaM2,
      attendees: input.attendees,
      equipment: [...new Set(input.equipment)],
      stepFree: input.stepFree,
      from: schedule.from,
      until: schedule.until,
      startTime: schedule.startTime,
      endTime: schedule.endTime,
      weekdays: [...new Set(schedule.weekdays)].sort(),
      perWeek: schedule.perWeek,
      communeCode,
      radiusKm,
      departementCode,
      regionCode,
      ...centre,
      maxHourlyRateCents: input.maxHourlyRateCents,
      purpose: input.purpose,
      theme: input.theme,
      contactable: input.contactable,
      notifyMatches: input.notifyMatches,
      occurrencesWanted: wanted,
      hoursWanted: hoursWanted(schedule),
    };
  }

  private departement(code: string) {
    for (const region of this.geography.regions()) {
      const found = this.geography.departements(region.code)?.find((d) => d.code === code.toUpperCase());
      if (found) return found;
    }
    return null;
  }

  view(r: NeedRow): Need {
    const commune = r.commune_code ? this.geography.commune(r.commune_code) : null;
    return {
      id: r.id,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      kind: r.kind as Need['kind'],
      minAreaM2: r.min_area_m2 === null ? null : Number(r.min_area_m2),
      attendees: r.attendees,
      equipment: r.equipment as Need['equipment'],
      stepFree: r.step_free,
      schedule: this.schedule(r),
      place: {
        communeCode: r.commune_code,
        communeName: commune?.name ?? null,
        radiusKm: r.radius_km === null ? null : Number(r.radius_km),
        departementCode: r.departement_code,
        departementName: this.departement(r.departement_code)?.name ?? r.departement_code,
        regionCode: r.region_code,
        latitude: r.latitude,
        longitude: r.longitude,
      },
      maxHourlyRateCents: r.max_hourly_rate_cents,
      purpose: r.purpose,
      theme: r.theme as Need['theme'],
      contactable: r.contactable,
      notifyMatches: r.notify_matches,
      status: r.status,
      closedReason: r.closed_reason,
      occurrencesWanted: r.occurrences_wanted,
      matchCount: r.match_count,
      matchedAt: r.matched_at?.toISOString() ?? null,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    };
  }
}
