import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditRepository, type AuditEntry } from './audit.repository';

/** Who changed what, when: appended in the same transaction as the change itself. */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  /** Newest first; `before` is the id of the last entry of the previous page. */
  async list(entity: string | undefined, limit: number, before?: string) {
    const rows = await this.audit.list(entity ?? null, before ?? null, limit + 1);
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

  /** What happened to one object, newest first, limited to `actions`, with the names of who did it. */
  async history(entity: string, entityId: string, actions: readonly string[]) {
    const rows = await this.audit.ofEntity(entity, entityId, actions);
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      actorName: r.actor_name,
      action: r.action,
      changes: r.changes,
    }));
  }

  async record(em: EntityManager, entry: AuditEntry): Promise<void> {
    await this.audit.insert(em, entry);
  }
}
