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

  async record(em: EntityManager, entry: AuditEntry): Promise<void> {
    await this.audit.insert(em, entry);
  }
}
