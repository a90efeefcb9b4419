import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  entity: string;
  entity_id: string;
  action: string;
  changes: Record<string, unknown>;
}

/** One change to record: who (null for the system), what, and the fields before and after. */
export interface AuditEntry {
  actorId: string | null;
  entity: string;
  entityId: string;
  action: string;
  changes: Record<string, unknown>;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly db: DataSource) {}

  /** Newest first, those older than entry `before` when given. */
  list(entity: string | null, before: string | null, limit: number): Promise<AuditRow[]> {
    return this.db.query(
      `SELECT id, at, actor_id, entity, entity_id, action, changes FROM audit_log
          WHERE ($1::text IS NULL OR entity = $1) AND ($2::bigint IS NULL OR id < $2)
          ORDER BY id DESC LIMIT $3`,
      [entity, before, limit],
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
