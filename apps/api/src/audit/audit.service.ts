import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  auditActionLabel,
  auditEntityLabel,
  auditSubjectLabel,
  describeAuditChanges,
  type AuditEntry as AuditItem,
  type AuditPage,
  type AuditQuery,
} from '@lieux/contracts';
import { GeographyService } from '../geography/geography.service';
import { frenchCsv } from '../http/french-csv';
import { decodeKeyset, encodeKeyset } from '../http/keyset';
import { AuditRepository, type AuditEntry, type AuditFilter, type AuditRow } from './audit.repository';

const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const REGION_CODES = /"regionCode":"(\d{2})"/g;
/** A CSV export reads the log by pages of this size, up to `CSV_MAX_ROWS` entries. */
const CSV_PAGE = 500;
const CSV_MAX_ROWS = 20_000;

const PARIS_STAMP = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'medium',
  timeZone: 'Europe/Paris',
});

/** Who changed what, when: appended in the same transaction as the change itself. */
@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly geography: GeographyService,
  ) {}

  /** Newest first, with people and objects named; the cursor is the last entry of the previous page. */
  async list(q: AuditQuery): Promise<AuditPage> {
    const filter = toFilter(q);
    const rows = await this.audit.list(filter, q.limit + 1);
    const items = await this.named(rows.slice(0, q.limit));
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > q.limit ? encodeKeyset({ id: last.id }) : null,
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

  /** The filtered log as a French spreadsheet, in the console's words, Paris time. */
  async csv(q: AuditQuery): Promise<string> {
    const filter = toFilter(q);
    const rows: AuditItem[] = [];
    while (rows.length < CSV_MAX_ROWS) {
      const page = await this.named(await this.audit.list(filter, CSV_PAGE));
      rows.push(...page);
      if (page.length < CSV_PAGE) break;
      const last = page[page.length - 1];
      filter.after = last.id;
    }
    return frenchCsv(
      ['Date et heure (Paris)', 'Personne', 'Adresse e-mail', 'Action', 'Objet', 'Désignation', 'Détail'],
      rows.map((e) => [
        PARIS_STAMP.format(new Date(e.at)),
        e.actor?.displayName ?? (e.actorId ? '' : 'Système'),
        e.actor?.email ?? '',
        auditActionLabel(e.entity, e.action, 'fr'),
        auditEntityLabel(e.entity, 'fr'),
        auditSubjectLabel(e.entity, e.subject, 'fr') ?? e.entityId,
        describeAuditChanges(e.entity, e.action, e.changes, 'fr', e.names).join('\n'),
      ]),
    );
  }

  async record(em: EntityManager, entry: AuditEntry): Promise<void> {
    await this.audit.insert(em, entry);
  }

  /** The page's entries, with the names of the ids and régions their changes mention. */
  private async named(rows: AuditRow[]): Promise<AuditItem[]> {
    const text = JSON.stringify(rows.map((r) => r.changes));
    const ids = [...new Set(text.match(UUIDS) ?? [])];
    const known = new Map((await this.audit.names(ids)).map((n) => [n.id, n.name]));
    const regions = new Map(this.geography.regions().map((r) => [r.code, r.name]));
    return rows.map((r) => {
      const own = JSON.stringify(r.changes);
      const names: Record<string, string> = {};
      for (const id of own.match(UUIDS) ?? []) if (known.has(id)) names[id] = known.get(id)!;
      for (const [, code] of own.matchAll(REGION_CODES))
        if (regions.has(code)) names[`region:${code}`] = regions.get(code)!;
      return {
        id: String(r.id),
        at: new Date(r.at).toISOString(),
        actorId: r.actor_id,
        actor:
          r.actor_id && r.actor_name
            ? { id: r.actor_id, displayName: r.actor_name, email: r.actor_email! }
            : null,
        entity: r.entity,
        entityId: r.entity_id,
        action: r.action,
        changes: r.changes,
        subject:
          r.subject_name || r.space_name || r.site_name
            ? {
                name: r.subject_name,
                email: r.subject_email,
                siteId: r.site_id,
                siteName: r.site_name,
                spaceId: r.space_id,
                spaceName: r.space_name,
                start: r.period_start ? new Date(r.period_start).toISOString() : null,
                end: r.period_end ? new Date(r.period_end).toISOString() : null,
                timeZone: r.time_zone,
              }
            : null,
        names,
      };
    });
  }
}

function toFilter(q: AuditQuery): AuditFilter {
  const after = q.cursor ? decodeKeyset(q.cursor, { id: (v) => /^\d{1,18}$/.test(v) }).id : null;
  return {
    actor: q.actor || null,
    entity: q.entity || null,
    action: q.action || null,
    from: q.from ?? null,
    to: q.to ?? null,
    after,
  };
}
