import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Who changed what, when: appended in the same transaction as the change itself. */
@Injectable()
export class AuditService {
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
