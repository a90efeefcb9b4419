import { z, CalendarDate, Instant, Uuid, page, pageQuery } from './common';
import { Equipment, SpaceKind } from './spaces';
import { EssTheme } from './needs';
import { msg } from './messages';

const Sentence = (max: number) =>
  z
    .string()
    .trim()
    .min(2, { error: msg('text.atLeastTwo') })
    .max(max, { error: msg('text.atMost', { max }) });

const Figure = z.number().int().min(0).max(1_000_000);

/** La Poste services a project may use (the partnership lists them; `other` for the rest). */
export const LA_POSTE_SERVICES = [
  'facteur_services',
  'la_poste_mobile',
  'banque_postale',
  'colissimo',
  'mediation_numerique',
  'france_services',
  'other',
] as const;
export const LaPosteService = z.enum(LA_POSTE_SERVICES);
export type LaPosteService = z.infer<typeof LaPosteService>;

/**
 * Where a project acts: a commune (INSEE code) or a whole département. Resolved by the API to a point for
 * the delegates' map.
 */
export const ProjectTerritory = z
  .union([
    z.strictObject({ communeCode: z.string().regex(/^(\d{5}|2[AB]\d{3})$/, { error: msg('commune.code') }) }),
    z.strictObject({
      departementCode: z.string().regex(/^(\d{2,3}|2[AB])$/, { error: msg('departement.code') }),
    }),
  ])
  .openapi('ProjectTerritory');

const ProjectFields = {
  title: Sentence(120),
  theme: EssTheme,
  /** Whom it serves, in the organisation's words ("jeunes de 16 à 25 ans", "familles du quartier"). */
  audience: Sentence(200),
  territory: ProjectTerritory,
  startDate: CalendarDate,
  endDate: CalendarDate.nullable().default(null),
  partners: z.array(Sentence(120)).max(20).default([]),
  laPosteServices: z.array(LaPosteService).max(LA_POSTE_SERVICES.length).default([]),
  description: z
    .string()
    .trim()
    .max(2000, { error: msg('text.atMost', { max: 2000 }) })
    .default(''),
};

export const CreateProjectRequest = z
  .strictObject(ProjectFields)
  .refine((p) => !p.endDate || p.startDate <= p.endDate, {
    path: ['endDate'],
    error: msg('period.endNotBeforeStart'),
  })
  .openapi('CreateProjectRequest');
export type CreateProjectRequest = z.infer<typeof CreateProjectRequest>;

export const UpdateProjectRequest = z
  .strictObject({
    title: ProjectFields.title.optional(),
    theme: EssTheme.optional(),
    audience: ProjectFields.audience.optional(),
    territory: ProjectTerritory.optional(),
    startDate: CalendarDate.optional(),
    endDate: CalendarDate.nullable().optional(),
    partners: z.array(Sentence(120)).max(20).optional(),
    laPosteServices: z.array(LaPosteService).max(LA_POSTE_SERVICES.length).optional(),
    description: z.string().trim().max(2000).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { error: msg('update.nothing') })
  .openapi('UpdateProjectRequest');
export type UpdateProjectRequest = z.infer<typeof UpdateProjectRequest>;

/** What a delegate writes so another territory can do it again; the organisation may amend it. */
export const CaseSheetInput = z
  .strictObject({
    what: Sentence(1000),
    forWhom: Sentence(500),
    kind: SpaceKind.nullable().default(null),
    minAreaM2: z.number().positive().max(10_000).nullable().default(null),
    attendees: z.number().int().min(1).max(1000).nullable().default(null),
    hoursPerWeek: z.number().positive().max(168).nullable().default(null),
    equipment: z.array(Equipment).max(14).default([]),
    partners: z.string().trim().max(1000).default(''),
  })
  .openapi('CaseSheetInput');
export type CaseSheetInput = z.infer<typeof CaseSheetInput>;

export const CaseSheet = z
  .object({
    what: z.string(),
    forWhom: z.string(),
    kind: SpaceKind.nullable(),
    minAreaM2: z.number().nullable(),
    attendees: z.number().int().nullable(),
    hoursPerWeek: z.number().nullable(),
    equipment: z.array(Equipment),
    partners: z.string(),
  })
  .openapi('CaseSheet');
export type CaseSheet = z.infer<typeof CaseSheet>;

/**
 * none: not proposed; proposed: a delegate marked it "à essaimer", waiting for the organisation; shared: the
 * organisation agreed (visible to every delegate and admin, and publicly if it chose so); declined.
 */
export const REPLICATION_STATUSES = ['none', 'proposed', 'shared', 'declined'] as const;
export const ReplicationStatus = z.enum(REPLICATION_STATUSES);
export type ReplicationStatus = z.infer<typeof ReplicationStatus>;

export const ProjectReport = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    /** The booking it follows, or null for a quarterly update. */
    bookingId: z.uuid().nullable(),
    peopleReached: z.number().int().nullable(),
    volunteers: z.number().int().nullable(),
    actions: z.number().int().nullable(),
    sentence: z.string(),
    createdAt: Instant,
    authorName: z.string(),
  })
  .openapi('ProjectReport');
export type ProjectReport = z.infer<typeof ProjectReport>;

export const CreateProjectReportRequest = z
  .strictObject({
    bookingId: Uuid.optional(),
    peopleReached: Figure.optional(),
    volunteers: Figure.optional(),
    actions: Figure.optional(),
    sentence: z
      .string()
      .trim()
      .max(500, { error: msg('text.atMost', { max: 500 }) })
      .default(''),
  })
  .refine(
    (r) =>
      r.peopleReached !== undefined ||
      r.volunteers !== undefined ||
      r.actions !== undefined ||
      r.sentence !== '',
    { error: msg('projectReport.empty') },
  )
  .openapi('CreateProjectReportRequest');
export type CreateProjectReportRequest = z.infer<typeof CreateProjectReportRequest>;

/** Hours and m²·h from the occupancy figures of the linked bookings, not counted again. */
export const ProjectFigures = z
  .object({
    bookings: z.number().int(),
    bookedHours: z.number(),
    usedSqmHours: z.number(),
    peopleReached: z.number().int(),
    volunteers: z.number().int(),
    actions: z.number().int(),
    reports: z.number().int(),
  })
  .openapi('ProjectFigures');
export type ProjectFigures = z.infer<typeof ProjectFigures>;

export const Project = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    organisationName: z.string(),
    title: z.string(),
    theme: EssTheme,
    audience: z.string(),
    territory: z.object({
      communeCode: z.string().nullable(),
      communeName: z.string().nullable(),
      departementCode: z.string(),
      departementName: z.string(),
      regionCode: z.string(),
      latitude: z.number(),
      longitude: z.number(),
    }),
    startDate: CalendarDate,
    endDate: CalendarDate.nullable(),
    partners: z.array(z.string()),
    laPosteServices: z.array(LaPosteService),
    description: z.string(),
    figures: ProjectFigures,
    replication: z.object({
      status: ReplicationStatus,
      caseSheet: CaseSheet.nullable(),
      proposedAt: Instant.nullable(),
      proposedByName: z.string().nullable(),
      decidedAt: Instant.nullable(),
      /** Shown to the public in the catalogue (the organisation's choice). */
      public: z.boolean(),
    }),
    /** Only in `GET /projects/{id}`. */
    reports: z.array(ProjectReport).optional(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .openapi('Project');
export type Project = z.infer<typeof Project>;

export const ProjectParams = z.object({ id: Uuid });

export const ProjectListQuery = z
  .object({
    theme: EssTheme.optional(),
    departement: z
      .string()
      .regex(/^(\d{2,3}|2[AB])$/, { error: msg('departement.code') })
      .optional(),
    region: z
      .string()
      .regex(/^\d{2}$/, { error: msg('region.code') })
      .optional(),
    replication: ReplicationStatus.optional(),
    ...pageQuery,
  })
  .openapi('ProjectListQuery');
export type ProjectListQuery = z.infer<typeof ProjectListQuery>;

export const ProjectPage = page(Project).openapi('ProjectPage');

/** A project's link to a booking, a series or a need of its organisation (exactly one). */
export const LinkProjectRequest = z
  .union([
    z.strictObject({ bookingId: Uuid }),
    z.strictObject({ seriesId: Uuid }),
    z.strictObject({ needId: Uuid }),
  ])
  .openapi('LinkProjectRequest');
export type LinkProjectRequest = z.infer<typeof LinkProjectRequest>;

export const AcceptReplicationRequest = z
  .strictObject({
    /** The organisation's amendments; the delegate's sheet stands when absent. */
    caseSheet: CaseSheetInput.optional(),
    public: z.boolean().default(false),
  })
  .openapi('AcceptReplicationRequest');
export type AcceptReplicationRequest = z.infer<typeof AcceptReplicationRequest>;

export const ReplicableQuery = z
  .object({
    theme: EssTheme.optional(),
    kind: SpaceKind.optional(),
    q: z.string().trim().min(2).max(80).optional(),
    ...pageQuery,
  })
  .openapi('ReplicableQuery');
export type ReplicableQuery = z.infer<typeof ReplicableQuery>;

export const FittingSpacesQuery = z
  .object({
    region: z.string().regex(/^\d{2}$/, { error: msg('region.code') }),
  })
  .openapi('FittingSpacesQuery');
export type FittingSpacesQuery = z.infer<typeof FittingSpacesQuery>;

/** A space of a région that fits a case sheet (the needs' matching, on the sheet's kind, area, people, equipment). */
export const FittingSpace = z
  .object({
    spaceId: z.uuid(),
    spaceName: z.string(),
    kind: SpaceKind,
    areaM2: z.number(),
    capacity: z.number().int(),
    siteId: z.uuid(),
    siteName: z.string(),
    commune: z.string(),
    departementCode: z.string(),
    /** Hours the space is open in a typical week: at least the sheet's hours per week. */
    weeklyOpenHours: z.number(),
    hourlyRateCents: z.number().int(),
  })
  .openapi('FittingSpace');
export type FittingSpace = z.infer<typeof FittingSpace>;

export const FittingSpaceList = z
  .object({ projectId: z.uuid(), region: z.string(), items: z.array(FittingSpace) })
  .openapi('FittingSpaceList');
export type FittingSpaceList = z.infer<typeof FittingSpaceList>;
