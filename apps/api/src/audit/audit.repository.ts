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
}
