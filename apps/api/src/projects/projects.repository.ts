import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  CaseSheet,
  EssTheme,
  FittingSpace,
  LaPosteService,
  ProjectReport,
  ReplicationStatus,
  SpaceKind,
} from '@lieux/contracts';

/** A project row as read, with what the answer needs besides (names, report sums). */
export interface ProjectRecord {
  id: string;
  organisationId: string;
  organisationName: string;
  title: string;
  theme: EssTheme;
  audience: string;
  communeCode: string | null;
  departementCode: string;
  regionCode: string;
  latitude: number;
  longitude: number;
  startDate: string;
  endDate: string | null;
  partners: string[];
  laPosteServices: LaPosteService[];
  description: string;
  replicationStatus: ReplicationStatus;
  caseSheet: CaseSheet | null;
  proposedAt: string | null;
  proposedByName: string | null;
  decidedAt: string | null;
  public: boolean;
  createdAt: string;
  updatedAt: string;
  reports: { count: number; peopleReached: number; volunteers: number; actions: number };
}

export interface ProjectFields {
  title: string;
  theme: EssTheme;
  audience: string;
  communeCode: string | null;
  departementCode: string;
  regionCode: string;
  latitude: number;
  longitude: number;
  startDate: string;
  endDate: string | null;
  partners: string[];
  laPosteServices: LaPosteService[];
  description: string;
}

/** Who may see which projects: null for everything; else any of these. */
export interface ProjectFilter {
  /** Everything when true (an admin). */
  all: boolean;
  organisationId: string | null;
  regionCodes: string[];
  theme?: EssTheme;
  departement?: string;
  region?: string;
  replication?: ReplicationStatus;
}

export interface CatalogueFilter {
  /** Delegates and admins see every shared project; others the public ones only. */
  publicOnly: boolean;
  theme?: EssTheme;
  kind?: SpaceKind;
  q?: string;
}

const SELECT = `
  SELECT p.id, p.organisation_id, o.name AS organisation_name, p.title, p.theme, p.audience, p.commune_code,
         p.departement_code, p.region_code, p.latitude, p.longitude,
         to_char(p.start_date, 'YYYY-MM-DD') AS start_date, to_char(p.end_date, 'YYYY-MM-DD') AS end_date,
         p.partners, p.la_poste_services, p.description, p.replication_status, p.case_sheet, p.proposed_at,
         u.display_name AS proposed_by_name, p.decided_at, p.public, p.created_at, p.updated_at,
         coalesce(r.count, 0) AS report_count, coalesce(r.people, 0) AS people, coalesce(r.volunteers, 0) AS volunteers,
         coalesce(r.actions, 0) AS actions
    FROM projects p JOIN organisations o ON o.id = p.organisation_id
    LEFT JOIN users u ON u.id = p.proposed_by
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS count, sum(x.people_reached)::int AS people, sum(x.volunteers)::int AS volunteers,
             sum(x.actions)::int AS actions
        FROM project_reports x WHERE x.project_id = p.id) r ON true`;

/**
 * Projects, their light reports and links. Reads the sites and spaces (the map point of a territory, the
 * spaces that fit a case sheet) and the organisation's bookings, series and needs it links, in the same
 * statements: those rows are what a project is about, and the links live on them.
 */
@Injectable()
export class ProjectsRepository {
  constructor(private readonly db: DataSource) {}

  async find(id: string, em: EntityManager = this.db.manager): Promise<ProjectRecord | null> {
    const rows = await em.query(`${SELECT} WHERE p.id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** A keyset page, newest first, of what the filter lets through. */
  async list(
    f: ProjectFilter,
    limit: number,
    after?: { createdAt: string; id: string },
  ): Promise<ProjectRecord[]> {
    const params: unknown[] = [
      f.all,
      f.organisationId,
      f.regionCodes,
      f.theme ?? null,
      f.departement ?? null,
      f.region ?? null,
      f.replication ?? null,
      limit,
    ];
    let keyset = '';
    if (after) {
      params.push(after.createdAt, after.id);
      keyset = `AND (p.created_at, p.id) < ($9::timestamptz, $10::uuid)`;
    }
    const rows = await this.db.query(
      `${SELECT}
        WHERE ($1 OR p.organisation_id = $2::uuid OR p.region_code = ANY($3::text[]))
          AND ($4::text IS NULL OR p.theme = $4) AND ($5::text IS NULL OR p.departement_code = $5)
          AND ($6::text IS NULL OR p.region_code = $6) AND ($7::text IS NULL OR p.replication_status = $7)
          ${keyset}
        ORDER BY p.created_at DESC, p.id DESC LIMIT $8`,
      params,
    );
    return rows.map(toRecord);
  }

  /** The shared projects, newest decision first. */
  async catalogue(
    f: CatalogueFilter,
    limit: number,
    after?: { createdAt: string; id: string },
  ): Promise<ProjectRecord[]> {
    const params: unknown[] = [
      f.publicOnly,
      f.theme ?? null,
      f.kind ?? null,
      f.q ? `%${likeEscape(f.q)}%` : null,
      limit,
    ];
    let keyset = '';
    if (after) {
      params.push(after.createdAt, after.id);
      keyset = `AND (p.created_at, p.id) < ($6::timestamptz, $7::uuid)`;
    }
    const rows = await this.db.query(
      `${SELECT}
        WHERE p.replication_status = 'shared' AND (NOT $1 OR p.public)
          AND ($2::text IS NULL OR p.theme = $2) AND ($3::text IS NULL OR p.case_sheet->>'kind' = $3)
          AND ($4::text IS NULL OR p.title ILIKE $4 OR p.case_sheet->>'what' ILIKE $4 OR p.audience ILIKE $4)
          ${keyset}
        ORDER BY p.created_at DESC, p.id DESC LIMIT $5`,
      params,
    );
    return rows.map(toRecord);
  }

  async create(
    em: EntityManager,
    organisationId: string,
    createdBy: string,
    p: ProjectFields,
  ): Promise<string> {
    const [row] = await em.query(
      `INSERT INTO projects (organisation_id, created_by, title, theme, audience, commune_code, departement_code,
                             region_code, latitude, longitude, start_date, end_date, partners, la_poste_services, description)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
      [
        organisationId,
        createdBy,
        p.title,
        p.theme,
        p.audience,
        p.communeCode,
        p.departementCode,
        p.regionCode,
        p.latitude,
        p.longitude,
        p.startDate,
        p.endDate,
        p.partners,
        p.laPosteServices,
        p.description,
      ],
    );
    return row.id;
  }

  async update(em: EntityManager, id: string, p: ProjectFields): Promise<void> {
    await em.query(
      `UPDATE projects SET title = $2, theme = $3, audience = $4, commune_code = $5, departement_code = $6,
              region_code = $7, latitude = $8, longitude = $9, start_date = $10, end_date = $11, partners = $12,
              la_poste_services = $13, description = $14, updated_at = now()
        WHERE id = $1`,
      [
        id,
        p.title,
        p.theme,
        p.audience,
        p.communeCode,
        p.departementCode,
        p.regionCode,
        p.latitude,
        p.longitude,
        p.startDate,
        p.endDate,
        p.partners,
        p.laPosteServices,
        p.description,
      ],
    );
  }

  /**
   * Where to put a territory on the map: the centre of the La Poste sites of the commune, else of the
   * département, else of the région; null when none has a site.
   */
  async point(
    communeName: string | null,
    departementCode: string,
    regionCode: string,
  ): Promise<{ latitude: number; longitude: number } | null> {
    const [row] = await this.db.query(
      `SELECT avg(latitude) AS latitude, avg(longitude) AS longitude FROM (
         (SELECT latitude, longitude, 1 AS rank FROM sites WHERE $1::text IS NOT NULL AND departement_code = $2 AND commune = $1)
         UNION ALL (SELECT latitude, longitude, 2 FROM sites WHERE departement_code = $2)
         UNION ALL (SELECT latitude, longitude, 3 FROM sites WHERE region_code = $3)) x
        WHERE rank = (SELECT min(rank) FROM (
                 (SELECT 1 AS rank FROM sites WHERE $1::text IS NOT NULL AND departement_code = $2 AND commune = $1 LIMIT 1)
                 UNION ALL (SELECT 2 FROM sites WHERE departement_code = $2 LIMIT 1)
                 UNION ALL (SELECT 3 FROM sites WHERE region_code = $3 LIMIT 1)) r)`,
      [communeName, departementCode, regionCode],
    );
    return row?.latitude == null
      ? null
      : { latitude: Number(row.latitude), longitude: Number(row.longitude) };
  }

  /** Links a booking, series or need of the organisation; false when it has none with that id. */
  async link(
    em: EntityManager,
    projectId: string,
    organisationId: string,
    target: { table: 'bookings' | 'booking_series' | 'needs'; id: string },
  ): Promise<boolean> {
    const rows = await em.query(
      `UPDATE ${target.table} SET project_id = $1 WHERE id = $2 AND organisation_id = $3 RETURNING id`,
      [projectId, target.id, organisationId],
    );
    // TypeORM answers an UPDATE … RETURNING as [rows, count].
    const list = Array.isArray(rows[0]) ? rows[0] : rows;
    if (target.table === 'booking_series' && list.length > 0) {
      // A series' dates serve its project too.
      await em.query(`UPDATE bookings SET project_id = $1 WHERE series_id = $2 AND organisation_id = $3`, [
        projectId,
        target.id,
        organisationId,
      ]);
    }
    return list.length > 0;
  }

  /** A booking of the project, with when it ends and its status; null when it is not linked to it. */
  async linkedBooking(
    projectId: string,
    bookingId: string,
  ): Promise<{ endsAt: Date; status: string } | null> {
    const rows = await this.db.query(
      `SELECT upper(period) AS ends_at, status FROM bookings WHERE id = $1 AND project_id = $2`,
      [bookingId, projectId],
    );
    return rows[0] ? { endsAt: new Date(rows[0].ends_at), status: rows[0].status } : null;
  }

  /** Raises SQLSTATE 23505 when the booking has its report already. */
  async addReport(
    em: EntityManager,
    r: {
      projectId: string;
      bookingId: string | null;
      authorId: string;
      peopleReached: number | null;
      volunteers: number | null;
      actions: number | null;
      sentence: string;
    },
  ): Promise<string> {
    const [row] = await em.query(
      `INSERT INTO project_reports (project_id, booking_id, author_id, people_reached, volunteers, actions, sentence)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [r.projectId, r.bookingId, r.authorId, r.peopleReached, r.volunteers, r.actions, r.sentence],
    );
    return row.id;
  }

  async reports(projectId: string): Promise<ProjectReport[]> {
    const rows = await this.db.query(
      `SELECT r.id, r.project_id, r.booking_id, r.people_reached, r.volunteers, r.actions, r.sentence, r.created_at,
              coalesce(u.display_name, '') AS author_name
         FROM project_reports r LEFT JOIN users u ON u.id = r.author_id
        WHERE r.project_id = $1 ORDER BY r.created_at DESC, r.id DESC`,
      [projectId],
    );
    return rows.map(toReport);
  }

  async report(id: string): Promise<ProjectReport> {
    const rows = await this.db.query(
      `SELECT r.id, r.project_id, r.booking_id, r.people_reached, r.volunteers, r.actions, r.sentence, r.created_at,
              coalesce(u.display_name, '') AS author_name
         FROM project_reports r LEFT JOIN users u ON u.id = r.author_id WHERE r.id = $1`,
      [id],
    );
    return toReport(rows[0]);
  }

  /** Marks the project "à essaimer" with the delegate's sheet; false when it is shared already. */
  async propose(em: EntityManager, id: string, sheet: CaseSheet, by: string): Promise<boolean> {
    const rows = await em.query(
      `UPDATE projects SET replication_status = 'proposed', case_sheet = $2, proposed_at = now(), proposed_by = $3,
              decided_at = NULL, decided_by = NULL, public = false, updated_at = now()
        WHERE id = $1 AND replication_status <> 'shared' RETURNING id`,
      [id, JSON.stringify(sheet), by],
    );
    return (Array.isArray(rows[0]) ? rows[0] : rows).length > 0;
  }

  /** The organisation's answer to a proposed sheet; false when none is waiting. */
  async decide(
    em: EntityManager,
    id: string,
    to: 'shared' | 'declined',
    by: string,
    sheet: CaseSheet | null,
    isPublic: boolean,
  ): Promise<boolean> {
    const rows = await em.query(
      `UPDATE projects SET replication_status = $2, decided_at = now(), decided_by = $3,
              case_sheet = coalesce($4::jsonb, case_sheet), public = $5, updated_at = now()
        WHERE id = $1 AND replication_status = 'proposed' RETURNING id`,
      [id, to, by, sheet ? JSON.stringify(sheet) : null, isPublic],
    );
    return (Array.isArray(rows[0]) ? rows[0] : rows).length > 0;
  }

  /**
   * Published spaces of a région that fit a sheet: its kind, area, people and equipment, and open at least
   * its hours in a typical week (the space's own weekly windows, else its site's).
   */
  async fittingSpaces(regionCode: string, sheet: CaseSheet): Promise<FittingSpace[]> {
    const rows = await this.db.query(
      `SELECT * FROM (
         SELECT sp.id AS space_id, sp.name AS space_name, sp.kind, sp.area_sqm, sp.capacity, s.id AS site_id,
                s.name AS site_name, s.commune, s.departement_code, sp.hourly_rate_cents,
                coalesce((SELECT sum(extract(epoch FROM (w->>'closes')::time - (w->>'opens')::time)) / 3600
                            FROM jsonb_array_elements(coalesce(sp.opening_hours, s.opening_hours)) w), 0) AS weekly_open_hours
           FROM spaces sp JOIN sites s ON s.id = sp.site_id
          WHERE sp.status = 'published' AND sp.region_code = $1
            AND ($2::text IS NULL OR sp.kind = $2) AND ($3::numeric IS NULL OR sp.area_sqm >= $3)
            AND ($4::int IS NULL OR sp.capacity >= $4) AND sp.equipment @> $5::text[]) x
        WHERE $6::numeric IS NULL OR x.weekly_open_hours >= $6
        ORDER BY x.site_name, x.space_name LIMIT 100`,
      [regionCode, sheet.kind, sheet.minAreaM2, sheet.attendees, sheet.equipment, sheet.hoursPerWeek],
    );
    return rows.map(
      (r: {
        space_id: string;
        space_name: string;
        kind: SpaceKind;
        area_sqm: string;
        capacity: number;
        site_id: string;
        site_name: string;
        commune: string;
        departement_code: string;
        weekly_open_hours: string;
        hourly_rate_cents: number;
      }) => ({
        spaceId: r.space_id,
        spaceName: r.space_name,
        kind: r.kind,
        areaM2: Number(r.area_sqm),
        capacity: r.capacity,
        siteId: r.site_id,
        siteName: r.site_name,
        commune: r.commune,
        departementCode: r.departement_code,
        weeklyOpenHours: Math.round(Number(r.weekly_open_hours) * 100) / 100,
        hourlyRateCents: r.hourly_rate_cents,
      }),
    );
  }

  /**
   * The organisations with an active project (started, not ended) on `today` that have not had the
   * invitation of the quarter starting `quarter`, each with those projects' titles.
   */
  async dueInvitations(
    quarter: string,
    today: string,
  ): Promise<{ organisation_id: string; titles: string[]; ids: string[] }[]> {
    return this.db.query(
      `SELECT p.organisation_id, array_agg(p.title ORDER BY p.title) AS titles, array_agg(p.id::text ORDER BY p.title) AS ids
         FROM projects p
        WHERE p.start_date <= $2::date AND (p.end_date IS NULL OR p.end_date >= $2::date)
          AND NOT EXISTS (SELECT 1 FROM project_invitations i WHERE i.organisation_id = p.organisation_id AND i.quarter = $1)
        GROUP BY p.organisation_id`,
      [quarter, today],
    );
  }

  /** Raises SQLSTATE 23505 when the organisation had this quarter's invitation already. */
  async recordInvitation(em: EntityManager, organisationId: string, quarter: string, eventId: string) {
    await em.query(
      `INSERT INTO project_invitations (organisation_id, quarter, event_id) VALUES ($1, $2, $3)`,
      [organisationId, quarter, eventId],
    );
  }
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

interface Row {
  id: string;
  organisation_id: string;
  organisation_name: string;
  title: string;
  theme: EssTheme;
  audience: string;
  commune_code: string | null;
  departement_code: string;
  region_code: string;
  latitude: number;
  longitude: number;
  start_date: string;
  end_date: string | null;
  partners: string[];
  la_poste_services: LaPosteService[];
  description: string;
  replication_status: ReplicationStatus;
  case_sheet: CaseSheet | null;
  proposed_at: Date | null;
  proposed_by_name: string | null;
  decided_at: Date | null;
  public: boolean;
  created_at: Date;
  updated_at: Date;
  report_count: number;
  people: number;
  volunteers: number;
  actions: number;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toRecord(r: Row): ProjectRecord {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    title: r.title,
    theme: r.theme,
    audience: r.audience,
    communeCode: r.commune_code,
    departementCode: r.departement_code,
    regionCode: r.region_code,
    latitude: Number(r.latitude),
    longitude: Number(r.longitude),
    startDate: r.start_date,
    endDate: r.end_date,
    partners: r.partners,
    laPosteServices: r.la_poste_services,
    description: r.description,
    replicationStatus: r.replication_status,
    caseSheet: r.case_sheet,
    proposedAt: iso(r.proposed_at),
    proposedByName: r.proposed_by_name,
    decidedAt: iso(r.decided_at),
    public: r.public,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    reports: {
      count: Number(r.report_count),
      peopleReached: Number(r.people),
      volunteers: Number(r.volunteers),
      actions: Number(r.actions),
    },
  };
}

function toReport(r: {
  id: string;
  project_id: string;
  booking_id: string | null;
  people_reached: number | null;
  volunteers: number | null;
  actions: number | null;
  sentence: string;
  created_at: Date;
  author_name: string;
}): ProjectReport {
  return {
    id: r.id,
    projectId: r.project_id,
    bookingId: r.booking_id,
    peopleReached: r.people_reached,
    volunteers: r.volunteers,
    actions: r.actions,
    sentence: r.sentence,
    createdAt: new Date(r.created_at).toISOString(),
    authorName: r.author_name,
  };
}
