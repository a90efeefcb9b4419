import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Addressee } from './mail-facts.repository';
import type { MatchedSpaceFacts, NeedMailFacts } from './need-emails';

/** What the needs' e-mails say, read when they are written. */
@Injectable()
export class NeedMailFactsRepository {
  constructor(private readonly db: DataSource) {}

  async need(
    id: string,
  ): Promise<(NeedMailFacts & { organisation_id: string; created_by: string | null }) | undefined> {
    const [n] = await this.db.query(
      `SELECT id, purpose, occurrences_wanted, organisation_id, created_by FROM needs WHERE id = $1`,
      [id],
    );
    return n;
  }

  /** The spaces named by an event, with what the last matching said of them (or nothing if matched no more). */
  spaces(needId: string, spaceIds: string[]): Promise<MatchedSpaceFacts[]> {
    return this.db.query(
      `SELECT sp.name AS space_name, sp.kind, sp.area_sqm, s.name AS site_name, s.commune,
              m.occurrences_free, m.distance_km
         FROM need_matches m JOIN spaces sp ON sp.id = m.space_id JOIN sites s ON s.id = sp.site_id
        WHERE m.need_id = $1 AND m.space_id = ANY($2::uuid[]) AND sp.status = 'published'
        ORDER BY m.occurrences_free DESC, m.distance_km NULLS LAST, sp.name`,
      [needId, spaceIds],
    );
  }

  /** Who hears about a need: the person who declared it, if still a member, and the organisation's admins. */
  recipients(organisationId: string, createdBy: string | null): Promise<Addressee[]> {
    return this.db.query(
      `SELECT DISTINCT u.email, u.display_name FROM users u
        WHERE u.deactivated_at IS NULL AND u.organisation_id = $1
          AND (u.id = $2 OR EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.role = 'org_admin'
                                     AND g.organisation_id = $1))
        ORDER BY u.email`,
      [organisationId, createdBy],
    );
  }

  admins(organisationId: string): Promise<Addressee[]> {
    return this.db.query(
      `SELECT DISTINCT u.email, u.display_name FROM users u JOIN role_grants g ON g.user_id = u.id
        WHERE g.organisation_id = $1 AND g.role = 'org_admin' AND u.deactivated_at IS NULL ORDER BY u.email`,
      [organisationId],
    );
  }

  async site(
    id: string,
  ): Promise<{ name: string; address: string; postcode: string; commune: string } | undefined> {
    const [s] = await this.db.query(`SELECT name, address, postcode, commune FROM sites WHERE id = $1`, [id]);
    return s;
  }
}
