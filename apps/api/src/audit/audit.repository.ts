import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** An entry with the people and objects it names, as they are now (null once gone). */
export interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  entity: string;
  entity_id: string;
  action: string;
  changes: Record<string, unknown>;
  actor_name: string | null;
  actor_email: string | null;
  subject_name: string | null;
  subject_email: string | null;
  site_id: string | null;
  site_name: string | null;
  space_id: string | null;
  space_name: string | null;
  period_start: Date | null;
  period_end: Date | null;
  time_zone: string | null;
}

/** One change to record: who (null for the system), what, and the fields before and after. */
export interface AuditEntry {
  actorId: string | null;
  entity: string;
  entityId: string;
  action: string;
  changes: Record<string, unknown>;
}

export interface AuditFilter {
  /** Part of the name or e-mail address of who acted. */
  actor: string | null;
  entity: string | null;
  action: string | null;
  /** Paris days, both included. */
  from: string | null;
  to: string | null;
  /** The id of the last entry of the previous page (its time is read with it: microseconds). */
  after: string | null;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Newest first. Each filter has its index in this order (migration 1765700500000): who acted through
   * `audit_log_actor` for each person matching the text, what through `audit_log_entity_action`, when
   * and the page through the `(at, id)` order itself. The objects are joined for the page's rows only.
   */
  list(f: AuditFilter, limit: number): Promise<AuditRow[]> {
    return this.db.query(
      `WITH page AS (
         SELECT a.* FROM audit_log a
          WHERE ($1::text IS NULL OR a.actor_id IN (
                  SELECT u.id FROM users u
                   WHERE u.email = lower($1) OR u.display_name ILIKE '%' || $7 || '%' OR u.email LIKE '%' || lower($7) || '%'))
            AND ($2::text IS NULL OR a.entity = $2)
            AND ($3::text IS NULL OR a.action = $3)
            AND ($4::date IS NULL OR a.at >= ($4::date)::timestamp AT TIME ZONE 'Europe/Paris')
            AND ($5::date IS NULL OR a.at < ($5::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')
            AND ($6::bigint IS NULL OR (a.at, a.id) < ((SELECT at FROM audit_log WHERE id = $6), $6))
          ORDER BY a.at DESC, a.id DESC
          LIMIT $8)
       SELECT p.id, p.at, p.actor_id, p.entity, p.entity_id, p.action, p.changes,
              au.display_name AS actor_name, au.email AS actor_email,
              coalesce(su.display_name, so.name, st.name, bs.title) AS subject_name, su.email AS subject_email,
              st.id AS site_id, st.name AS site_name, sp.id AS space_id, sp.name AS space_name,
              coalesce(lower(b.period), lower(bs.first_period), lower(w.period)) AS period_start,
              coalesce(upper(b.period), upper(bs.first_period), upper(w.period)) AS period_end,
              coalesce(bs.time_zone, st.time_zone) AS time_zone
         FROM page p
         LEFT JOIN users au ON au.id = p.actor_id
         LEFT JOIN users su ON p.entity = 'user' AND su.id = p.entity_id
         LEFT JOIN organisations so ON p.entity = 'organisation' AND so.id = p.entity_id
         LEFT JOIN bookings b ON p.entity = 'booking' AND b.id = p.entity_id
         LEFT JOIN booking_series bs ON p.entity = 'booking_series' AND bs.id = p.entity_id
         LEFT JOIN waitlist_entries w ON p.entity = 'waitlist_entry' AND w.id = p.entity_id
         LEFT JOIN spaces sp ON sp.id = CASE p.entity WHEN 'space' THEN p.entity_id WHEN 'booking' THEN b.space_id
                                 WHEN 'booking_series' THEN bs.space_id WHEN 'waitlist_entry' THEN w.space_id END
         LEFT JOIN sites st ON st.id = CASE WHEN p.entity = 'site' THEN p.entity_id ELSE sp.site_id END
        ORDER BY p.at DESC, p.id DESC`,
      [
        f.actor,
        f.entity,
        f.action,
        f.from,
        f.to,
        f.after,
        f.actor === null ? null : f.actor.replace(/[\\%_]/g, (c) => `\\${c}`),
        limit,
      ],
    );
  }

  /** The names of the people, sites, spaces and organisations among `ids`. */
  async names(ids: string[]): Promise<{ id: string; name: string }[]> {
    if (ids.length === 0) return [];
    return this.db.query(
      `SELECT id, display_name AS name FROM users WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id, name FROM sites WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id, name FROM spaces WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id, name FROM organisations WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  async insert(em: EntityManager, entry: AuditEntry): Promise<void> {
    await em.query(
      `INSERT INTO audit_log (actor_id, entity, entity_id, action, changes) VALUES ($1, $2, $3, $4, $5)`,
      [entry.actorId, entry.entity, entry.entityId, entry.action, JSON.stringify(entry.changes)],
    );
  }

  /** One object's entries among `actions`, newest first, with their author's name (null once deleted). */
  ofEntity(
    entity: string,
    entityId: string,
    actions: readonly string[],
  ): Promise<(AuditRow & { actor_name: string | null })[]> {
    return this.db.query(
      `SELECT a.id, a.at, a.actor_id, a.entity, a.entity_id, a.action, a.changes, u.display_name AS actor_name
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
        WHERE a.entity = $1 AND a.entity_id = $2 AND a.action = ANY($3)
        ORDER BY a.id DESC`,
      [entity, entityId, actions],
    );
  }
}
