import { Injectable, Logger } from '@nestjs/common';
import { Temporal } from 'temporal-polyfill';
import { DataSource } from 'typeorm';
import type {
  AcceptReplicationRequest,
  CaseSheet,
  CaseSheetInput,
  CreateProjectReportRequest,
  CreateProjectRequest,
  FittingSpaceList,
  LinkProjectRequest,
  Project,
  ProjectListQuery,
  ProjectReport,
  ReplicableQuery,
  UpdateProjectRequest,
} from '@lieux/contracts';
import { AuditService } from '../audit/audit.service';
import { grantsOf, isAdmin, type Caller } from '../auth/current-user';
import { FOREIGN_KEY_VIOLATION, sqlState, UNIQUE_VIOLATION } from '../database/database.module';
import { GeographyService } from '../geography/geography.service';
import { DomainException, notFound } from '../http/domain.exception';
import { decodeKeyset, encodeKeyset, KEY } from '../http/keyset';
import { OutboxService } from '../notifications/outbox.service';
import { ReportsService } from '../reports/reports.service';
import { ProjectsRepository, type ProjectFields, type ProjectRecord } from './projects.repository';

/** Metropolitan France's centre, for a territory without any La Poste site near it yet. */
const FRANCE = { latitude: 46.6, longitude: 2.45 };
const INVITATION_ZONE = 'Europe/Paris';

const LINK_TABLES = {
  bookingId: 'bookings',
  seriesId: 'booking_series',
  needId: 'needs',
} as const;

/**
 * Projects: an organisation's own (it describes, links and reports on them), its région's for a delegate,
 * all for an admin; the shared ones nationally for delegates and admins, and the public ones for everyone.
 * Anything else is "not found". The replication workflow lives on the project: a delegate of its région
 * (or an admin) proposes a case sheet, the organisation accepts it (amended, public or not) or declines.
 */
@Injectable()
export class ProjectsService {
  private readonly logger = new Logger('Projects');

  constructor(
    private readonly db: DataSource,
    private readonly projects: ProjectsRepository,
    private readonly reports: ReportsService,
    private readonly geography: GeographyService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async create(caller: Caller, input: CreateProjectRequest): Promise<Project> {
    const organisationId = this.ownOrganisation(caller);
    const fields = await this.fields(input);
    const id = await this.db.transaction(async (em) => {
      const projectId = await this.projects.create(em, organisationId, caller.userId, fields);
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'project',
        entityId: projectId,
        action: 'created',
        changes: { title: fields.title, theme: fields.theme, regionCode: fields.regionCode },
      });
      return projectId;
    });
    return this.answer((await this.projects.find(id))!);
  }

  async list(caller: Caller, q: ProjectListQuery) {
    const regions = grantsOf(caller, 'delegate').map((g) => g.regionCode!);
    const after = q.cursor ? decodeKeyset(q.cursor, { createdAt: KEY.instant, id: KEY.uuid }) : undefined;
    const rows = await this.projects.list(
      {
        all: isAdmin(caller),
        organisationId: this.memberOf(caller),
        regionCodes: regions,
        theme: q.theme,
        departement: q.departement?.toUpperCase(),
        region: q.region,
        replication: q.replication,
      },
      q.limit + 1,
      after,
    );
    return this.page(rows, q.limit);
  }

  async catalogue(caller: Caller | undefined, q: ReplicableQuery) {
    const after = q.cursor ? decodeKeyset(q.cursor, { createdAt: KEY.instant, id: KEY.uuid }) : undefined;
    const national = isAdmin(caller) || grantsOf(caller, 'delegate').length > 0;
    const rows = await this.projects.catalogue(
      { publicOnly: !national, theme: q.theme, kind: q.kind, q: q.q },
      q.limit + 1,
      after,
    );
    const page = await this.page(rows, q.limit);
    const byId = new Map(rows.map((p) => [p.id, p]));
    return {
      ...page,
      items: page.items.map((p) =>
        this.isInsider(caller, byId.get(p.id)!)
          ? p
          : { ...p, replication: { ...p.replication, proposedByName: null } },
      ),
    };
  }

  async get(caller: Caller | undefined, id: string): Promise<Project> {
    const p = await this.readable(caller, id);
    const project = { ...(await this.answer(p)), reports: await this.projects.reports(id) };
    if (this.isInsider(caller, p)) return project;
    // Shared nationally or publicly: the project, not the people behind its reports and its sheet.
    return {
      ...project,
      replication: { ...project.replication, proposedByName: null },
      reports: project.reports.map((r) => ({ ...r, authorName: '' })),
    };
  }

  async update(caller: Caller, id: string, input: UpdateProjectRequest): Promise<Project> {
    const p = await this.own(caller, id);
    const territory =
      input.territory ??
      (p.communeCode ? { communeCode: p.communeCode } : { departementCode: p.departementCode });
    const merged: CreateProjectRequest = {
      title: input.title ?? p.title,
      theme: input.theme ?? p.theme,
      audience: input.audience ?? p.audience,
      territory,
      startDate: input.startDate ?? p.startDate,
      endDate: input.endDate === undefined ? p.endDate : input.endDate,
      partners: input.partners ?? p.partners,
      laPosteServices: input.laPosteServices ?? p.laPosteServices,
      description: input.description ?? p.description,
    };
    if (merged.endDate && merged.endDate < merged.startDate) {
      throw new DomainException('VALIDATION_FAILED', 400, 'VALIDATION_FAILED', [
        {
          path: 'body.endDate',
          message: { fr: 'La fin précède le début', en: 'The end is before the start' },
        },
      ]);
    }
    const fields = input.territory
      ? await this.fields(merged)
      : { ...(await this.fieldsKeepingPlace(merged, p)) };
    const changes = Object.fromEntries(
      Object.keys(input).map((k) => [k, [p[k as keyof ProjectRecord] ?? null, (merged as never)[k] ?? null]]),
    );
    await this.db.transaction(async (em) => {
      await this.projects.update(em, id, fields);
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'project',
        entityId: id,
        action: 'updated',
        changes,
      });
    });
    return this.answer((await this.projects.find(id))!);
  }

  /** Links a booking, a series (and its dates) or a need of the organisation to the project. */
  async link(caller: Caller, id: string, input: LinkProjectRequest): Promise<void> {
    const p = await this.own(caller, id);
    const [field, targetId] = Object.entries(input)[0] as [keyof typeof LINK_TABLES, string];
    await this.db.transaction(async (em) => {
      const linked = await this.projects.link(em, id, p.organisationId, {
        table: LINK_TABLES[field],
        id: targetId,
      });
      if (!linked) throw notFound('NOT_FOUND.projectLink');
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'project',
        entityId: id,
        action: 'linked',
        changes: { [field]: targetId },
      });
    });
  }

  /**
   * A light report: after a linked booking has ended (once per booking), or a general update. Everything
   * in it is optional but one figure or the sentence; a missing report never blocks anything.
   */
  async addReport(caller: Caller, id: string, input: CreateProjectReportRequest): Promise<ProjectReport> {
    await this.own(caller, id);
    if (input.bookingId) {
      const booking = await this.projects.linkedBooking(id, input.bookingId);
      if (!booking) throw notFound('NOT_FOUND.reportBooking');
      if (booking.endsAt.getTime() > Date.now() || !['confirmed', 'completed'].includes(booking.status)) {
        throw new DomainException('BOOKING_NOT_OVER', 422, 'BOOKING_NOT_OVER');
      }
    }
    try {
      const reportId = await this.db.transaction(async (em) => {
        const rid = await this.projects.addReport(em, {
          projectId: id,
          bookingId: input.bookingId ?? null,
          authorId: caller.userId,
          peopleReached: input.peopleReached ?? null,
          volunteers: input.volunteers ?? null,
          actions: input.actions ?? null,
          sentence: input.sentence,
        });
        await this.audit.record(em, {
          actorId: caller.userId,
          entity: 'project',
          entityId: id,
          action: 'reported',
          changes: {
            bookingId: input.bookingId ?? null,
            peopleReached: input.peopleReached ?? null,
            volunteers: input.volunteers ?? null,
            actions: input.actions ?? null,
          },
        });
        return rid;
      });
      return this.projects.report(reportId);
    } catch (err) {
      if (sqlState(err) === UNIQUE_VIOLATION) {
        throw new DomainException('ALREADY_REPORTED', 409, 'ALREADY_REPORTED');
      }
      throw err;
    }
  }

  /** A delegate of the project's région, or an admin, marks it "à essaimer" with a case sheet. */
  async propose(caller: Caller, id: string, input: CaseSheetInput): Promise<Project> {
    const p = await this.projects.find(id);
    if (!p || !(isAdmin(caller) || this.isDelegateOf(caller, p.regionCode)))
      throw notFound('NOT_FOUND.project');
    await this.db.transaction(async (em) => {
      if (!(await this.projects.propose(em, id, sheet(input), caller.userId))) {
        throw new DomainException('ALREADY_DECIDED', 409, 'ALREADY_DECIDED.replicationShared');
      }
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'project',
        entityId: id,
        action: 'replication_proposed',
        changes: { replicationStatus: [p.replicationStatus, 'proposed'] },
      });
    });
    return this.answer((await this.projects.find(id))!);
  }

  /** The organisation agrees to share the sheet (amended if it wishes), publicly if it chooses. */
  async accept(caller: Caller, id: string, input: AcceptReplicationRequest): Promise<Project> {
    return this.decide(caller, id, 'shared', input.caseSheet ? sheet(input.caseSheet) : null, input.public);
  }

  async decline(caller: Caller, id: string): Promise<Project> {
    return this.decide(caller, id, 'declined', null, false);
  }

  /** The spaces of a région that would fit a project's case sheet: a delegate's own région, any for admins. */
  async fittingSpaces(caller: Caller, id: string, region: string): Promise<FittingSpaceList> {
    const p = await this.readable(caller, id);
    if (!p.caseSheet || p.replicationStatus === 'none') {
      throw new DomainException('ALREADY_DECIDED', 409, 'ALREADY_DECIDED.replicationNotShared');
    }
    if (!this.geography.departements(region)) throw notFound('NOT_FOUND.region');
    if (!isAdmin(caller) && !this.isDelegateOf(caller, region)) {
      throw new DomainException('FORBIDDEN', 403, 'FORBIDDEN.outsideRegion');
    }
    return { projectId: id, region, items: await this.projects.fittingSpaces(region, p.caseSheet) };
  }

  /**
   * The quarterly invitation: one e-mail per organisation with an active project, listing them, once per
   * quarter however many times or in how many processes this runs (the invitation's key refuses a second).
   * Answers how many were queued.
   */
  async inviteQuarter(now: number = Date.now()): Promise<number> {
    const today = Temporal.Instant.fromEpochMilliseconds(now)
      .toZonedDateTimeISO(INVITATION_ZONE)
      .toPlainDate();
    const quarter = today.with({ month: Math.floor((today.month - 1) / 3) * 3 + 1, day: 1 });
    const label = `${Math.floor((today.month - 1) / 3) + 1}ᵉ trimestre ${today.year}`;
    const due = await this.projects.dueInvitations(quarter.toString(), today.toString());
    let queued = 0;
    for (const o of due) {
      try {
        await this.db.transaction(async (em) => {
          const eventId = await this.outbox.append(em, 'project.quarterly', {
            organisationId: o.organisation_id,
            quarter: quarter.toString(),
            quarterLabel: label,
            projects: o.ids.map((pid, i) => ({ id: pid, title: o.titles[i] })),
          });
          await this.projects.recordInvitation(em, o.organisation_id, quarter.toString(), eventId);
        });
        queued++;
      } catch (err) {
        // Another run queued it first.
        if (sqlState(err) !== UNIQUE_VIOLATION && sqlState(err) !== FOREIGN_KEY_VIOLATION) throw err;
      }
    }
    if (queued > 0) {
      this.outbox.kick();
      this.logger.log(`quarterly invitations of ${quarter.toString()}: ${queued} queued`);
    }
    return queued;
  }

  private async decide(
    caller: Caller,
    id: string,
    to: 'shared' | 'declined',
    amended: CaseSheet | null,
    isPublic: boolean,
  ): Promise<Project> {
    const p = await this.own(caller, id);
    await this.db.transaction(async (em) => {
      if (!(await this.projects.decide(em, id, to, caller.userId, amended, isPublic))) {
        throw new DomainException('ALREADY_DECIDED', 409, 'ALREADY_DECIDED.replicationNotProposed');
      }
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'project',
        entityId: id,
        action: to === 'shared' ? 'replication_accepted' : 'replication_declined',
        changes: {
          replicationStatus: [p.replicationStatus, to],
          ...(to === 'shared' ? { public: isPublic, amended: amended !== null } : {}),
        },
      });
    });
    return this.answer((await this.projects.find(id))!);
  }

  /** The project if the caller may read it; else "not found", whatever the reason. */
  private async readable(caller: Caller | undefined, id: string): Promise<ProjectRecord> {
    const p = await this.projects.find(id);
    if (!p || !this.canRead(caller, p)) throw notFound('NOT_FOUND.project');
    return p;
  }

  /** The project if it is one of the caller's organisation's; else "not found". */
  private async own(caller: Caller, id: string): Promise<ProjectRecord> {
    const p = await this.projects.find(id);
    if (!p || this.memberOf(caller) !== p.organisationId) throw notFound('NOT_FOUND.project');
    return p;
  }

  /** Its organisation, its région's delegates and admins: who sees a project whole. */
  private isInsider(caller: Caller | undefined, p: ProjectRecord): boolean {
    if (caller && this.memberOf(caller) === p.organisationId) return true;
    return isAdmin(caller) || this.isDelegateOf(caller, p.regionCode);
  }

  private canRead(caller: Caller | undefined, p: ProjectRecord): boolean {
    if (this.isInsider(caller, p)) return true;
    if (p.replicationStatus !== 'shared') return false;
    return p.public || grantsOf(caller, 'delegate').length > 0;
  }

  private isDelegateOf(caller: Caller | undefined, regionCode: string): boolean {
    return grantsOf(caller, 'delegate').some((g) => g.regionCode === regionCode);
  }

  /** The organisation the caller is a member (or admin) of, if any. */
  private memberOf(caller: Caller): string | null {
    const grant = [...grantsOf(caller, 'member'), ...grantsOf(caller, 'org_admin')][0];
    return grant?.organisationId ?? null;
  }

  private ownOrganisation(caller: Caller): string {
    const id = this.memberOf(caller);
    if (!id) throw new DomainException('NOT_AN_ORGANISATION_MEMBER', 403, 'NOT_AN_ORGANISATION_MEMBER');
    return id;
  }

  /** The request's fields with its territory resolved: its département, région and a point for the map. */
  private async fields(input: CreateProjectRequest): Promise<ProjectFields> {
    let communeCode: string | null = null;
    let communeName: string | null = null;
    let departementCode: string;
    let regionCode: string;
    if ('communeCode' in input.territory) {
      const c = this.geography.commune(input.territory.communeCode);
      if (!c) throw new DomainException('UNKNOWN_COMMUNE', 422, 'UNKNOWN_COMMUNE');
      communeCode = c.code;
      communeName = c.name;
      departementCode = c.departementCode;
      regionCode = c.regionCode;
    } else {
      const code = input.territory.departementCode.toUpperCase();
      const d = this.departement(code);
      if (!d) throw notFound('NOT_FOUND.scopeDepartement');
      departementCode = d.code;
      regionCode = d.regionCode;
    }
    const point = (await this.projects.point(communeName, departementCode, regionCode)) ?? FRANCE;
    return {
      title: input.title,
      theme: input.theme,
      audience: input.audience,
      communeCode,
      departementCode,
      regionCode,
      ...point,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      partners: input.partners ?? [],
      laPosteServices: input.laPosteServices ?? [],
      description: input.description ?? '',
    };
  }

  private async fieldsKeepingPlace(merged: CreateProjectRequest, p: ProjectRecord): Promise<ProjectFields> {
    return {
      title: merged.title,
      theme: merged.theme,
      audience: merged.audience,
      communeCode: p.communeCode,
      departementCode: p.departementCode,
      regionCode: p.regionCode,
      latitude: p.latitude,
      longitude: p.longitude,
      startDate: merged.startDate,
      endDate: merged.endDate ?? null,
      partners: merged.partners ?? [],
      laPosteServices: merged.laPosteServices ?? [],
      description: merged.description ?? '',
    };
  }

  private departement(code: string) {
    for (const r of this.geography.regions()) {
      const d = this.geography.departements(r.code)?.find((x) => x.code === code);
      if (d) return d;
    }
    return null;
  }

  private async page(rows: ProjectRecord[], limit: number) {
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: await this.answers(items),
      nextCursor:
        rows.length > limit && last ? encodeKeyset({ createdAt: last.createdAt, id: last.id }) : null,
    };
  }

  private async answer(p: ProjectRecord): Promise<Project> {
    return (await this.answers([p]))[0];
  }

  /** Projects as the contract has them, their hours and m²·h read from the occupancy rollups. */
  private async answers(list: ProjectRecord[]): Promise<Project[]> {
    const hosted = await this.reports.projectOccupancy(list.map((p) => p.id));
    return list.map((p) => {
      const h = hosted.get(p.id);
      const dep = this.departement(p.departementCode);
      return {
        id: p.id,
        organisationId: p.organisationId,
        organisationName: p.organisationName,
        title: p.title,
        theme: p.theme,
        audience: p.audience,
        territory: {
          communeCode: p.communeCode,
          communeName: p.communeCode ? (this.geography.commune(p.communeCode)?.name ?? null) : null,
          departementCode: p.departementCode,
          departementName: dep?.name ?? p.departementCode,
          regionCode: p.regionCode,
          latitude: p.latitude,
          longitude: p.longitude,
        },
        startDate: p.startDate,
        endDate: p.endDate,
        partners: p.partners,
        laPosteServices: p.laPosteServices,
        description: p.description,
        figures: {
          bookings: h?.bookings ?? 0,
          bookedHours: h?.bookedHours ?? 0,
          usedSqmHours: h?.usedSqmHours ?? 0,
          peopleReached: p.reports.peopleReached,
          volunteers: p.reports.volunteers,
          actions: p.reports.actions,
          reports: p.reports.count,
        },
        replication: {
          status: p.replicationStatus,
          caseSheet: p.caseSheet,
          proposedAt: p.proposedAt,
          proposedByName: p.proposedByName,
          decidedAt: p.decidedAt,
          public: p.public,
        },
        createdAt: p.createdAt,
        updatedAt: p.updatedAt,
      };
    });
  }
}

function sheet(input: CaseSheetInput): CaseSheet {
  return {
    what: input.what,
    forWhom: input.forWhom,
    kind: input.kind ?? null,
    minAreaM2: input.minAreaM2 ?? null,
    attendees: input.attendees ?? null,
    hoursPerWeek: input.hoursPerWeek ?? null,
    equipment: input.equipment ?? [],
    partners: input.partners ?? '',
  };
}
