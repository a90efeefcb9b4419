import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** Who changed what, when: appended in the same transaction as the change itself. */
@Injectable()
export class AuditService {
  constructor(private readonly db: DataSource) {}

  /** Newest first; `before` is the id of the last entry of the previous page. */
  async list(entity: string | undefined, limit: number, before?: string) {
    const rows: {
      id: string;
      at: Date;
      actor_id: string | null;
      entity: string;
      entity_id: string;
      action: string;
      changes: Record<string, unknown>;
    }[] = await this.db.query(
      `SELECT id, at, actor_id, entity, entity_id, action, changes FROM audit_log
          WHERE ($1::text IS NULL OR entity = $1) AND ($2::bigint IS NULL OR id < $2)
          ORDER BY id DESC LIMIT $3`,
      [entity ?? null, before ?? null, limit + 1],
    );
    const items = rows.slice(0, limit);
    return {
      items: items.map((r) => ({
        at: new Date(r.at).toISOString(),
        actorId: r.actor_id,
        entity: r.entity,
        entityId: r.entity_id,
        action: r.action,
        changes: r.changes,
      })),
      nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null,
    };
  }

  async record(
    em: EntityManager,
    entry: {
      actorId: string | null;
      entity: string;
      entityId: string;
      action: string;
      changes: Record<string, unknown>;
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO audit_log (actor_id, entity, entity_id, action, changes) VALUES ($1, $2, $3, $4, $5)`,
      [entry.actorId, entry.entity, entry.entityId, entry.action, JSON.stringify(entry.changes)],
    );
  }
}
