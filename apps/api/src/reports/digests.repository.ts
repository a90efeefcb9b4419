import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** Which monthly digests went to whom: one per delegate, month and region. */
@Injectable()
export class DigestsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Every delegate's region whose digest of the month starting `from` has not been queued. Reads auth's
   * role grants in the same statement: the digest's own rows are what is missing, and they live here.
   */
  due(from: string): Promise<{ user_id: string; region_code: string }[]> {
    return this.db.query(
      `SELECT DISTINCT g.user_id, g.region_code FROM role_grants g
        WHERE g.role = 'delegate'
          AND NOT EXISTS (SELECT 1 FROM occupancy_digests d
                           WHERE d.user_id = g.user_id AND d.month = $1 AND d.region_code = g.region_code)`,
      [from],
    );
  }

  /**
   * The région's projects described and reports given in the month starting `from` (Paris dates). Reads
   * the projects' tables in the same way as the role grants: what the digest tells of them, not theirs to send.
   */
  async projectNews(
    regionCode: string,
    from: string,
    to: string,
  ): Promise<{
    projects: { id: string; title: string; theme: string; organisation_name: string }[];
    reports: { title: string; people_reached: number | null; sentence: string }[];
  }> {
    const [projects, reports] = await Promise.all([
      this.db.query(
        `SELECT p.id, p.title, p.theme, o.name AS organisation_name
           FROM projects p JOIN organisations o ON o.id = p.organisation_id
          WHERE p.region_code = $1 AND (p.created_at AT TIME ZONE 'Europe/Paris')::date BETWEEN $2::date AND $3::date
          ORDER BY p.created_at, p.id`,
        [regionCode, from, to],
      ),
      this.db.query(
        `SELECT p.title, r.people_reached, r.sentence
           FROM project_reports r JOIN projects p ON p.id = r.project_id
          WHERE p.region_code = $1 AND (r.created_at AT TIME ZONE 'Europe/Paris')::date BETWEEN $2::date AND $3::date
          ORDER BY r.created_at, r.id`,
        [regionCode, from, to],
      ),
    ]);
    return { projects, reports };
  }

  /** Raises SQLSTATE 23505 when this digest was queued already. */
  async record(
    em: EntityManager,
    digest: { userId: string; from: string; regionCode: string; eventId: string },
  ): Promise<void> {
    await em.query(
      `INSERT INTO occupancy_digests (user_id, month, region_code, event_id) VALUES ($1, $2, $3, $4)`,
      [digest.userId, digest.from, digest.regionCode, digest.eventId],
    );
  }
}
