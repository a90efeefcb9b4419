import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { QuotaRule, SpaceKind } from '@lieux/contracts';
import type { CountedBooking, QuotaRuleFacts } from '@lieux/scheduling';

interface RuleRow {
  id: string;
  site_id: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
  space_kind: SpaceKind | null;
  week_minutes: number | null;
  month_minutes: number | null;
  max_active: number | null;
  updated_at: Date;
}

export interface RuleLimits {
  weekMinutes: number | null;
  monthMinutes: number | null;
  maxActive: number | null;
}

export interface NewRule extends RuleLimits {
  siteId: string | null;
  organisationId: string | null;
  spaceKind: SpaceKind | null;
  createdBy: string;
}

const SELECT_RULE = `
  SELECT q.id, q.site_id, q.organisation_id, o.name AS organisation_name, q.space_kind, q.week_minutes,
         q.month_minutes, q.max_active, q.updated_at
    FROM quota_rules q LEFT JOIN organisations o ON o.id = q.organisation_id`;

/**
 * The rules that may hold for an organisation booking a space of a kind at a site, as JSON facts: the
 * booking path reads them inside its one creation statement (see `BookingsRepository.creationFacts`),
 * where `$site`, `$organisation` and `$kind` are that statement's.
 */
export function applicableRulesJson(site: string, organisation: string, kind: string): string {
  return `coalesce((SELECT json_agg(json_build_object('id', q.id, 'siteId', q.site_id,
                       'organisationId', q.organisation_id, 'spaceKind', q.space_kind, 'weekMinutes', q.week_minutes,
                       'monthMinutes', q.month_minutes, 'maxActive', q.max_active))
                     FROM quota_rules q
                    WHERE (q.site_id = ${site} OR q.site_id IS NULL)
                      AND (q.organisation_id IS NULL OR q.organisation_id = ${organisation})
                      AND (q.space_kind IS NULL OR q.space_kind = ${kind})), '[]'::json)`;
}

const hours = (minutes: number | null) => (minutes === null ? null : minutes / 60);

export const toRule = (r: RuleRow): QuotaRule => ({
  id: r.id,
  siteId: r.site_id,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  spaceKind: r.space_kind,
  hoursPerWeek: hours(r.week_minutes),
  hoursPerMonth: hours(r.month_minutes),
  maxActiveBookings: r.max_active,
  updatedAt: new Date(r.updated_at).toISOString(),
});

@Injectable()
export class QuotasRepository {
  constructor(private readonly db: DataSource) {}

  /** A site's rules (`siteId`), or the national ones (null). */
  async list(siteId: string | null): Promise<QuotaRule[]> {
    const rows: RuleRow[] = await this.db.query(
      `${SELECT_RULE} WHERE q.site_id IS NOT DISTINCT FROM $1
        ORDER BY q.organisation_id IS NOT NULL, o.name, q.space_kind NULLS FIRST, q.created_at`,
      [siteId],
    );
    return rows.map(toRule);
  }

  async find(id: string, em: EntityManager = this.db.manager): Promise<QuotaRule | null> {
    const rows: RuleRow[] = await em.query(`${SELECT_RULE} WHERE q.id = $1`, [id]);
    return rows[0] ? toRule(rows[0]) : null;
  }

  async insert(em: EntityManager, r: NewRule): Promise<string> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO quota_rules (site_id, organisation_id, space_kind, week_minutes, month_minutes, max_active, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [r.siteId, r.organisationId, r.spaceKind, r.weekMinutes, r.monthMinutes, r.maxActive, r.createdBy],
    );
    return rows[0].id;
  }

  async update(em: EntityManager, id: string, l: RuleLimits): Promise<void> {
    await em.query(
      `UPDATE quota_rules SET week_minutes = $2, month_minutes = $3, max_active = $4, updated_at = now()
        WHERE id = $1`,
      [id, l.weekMinutes, l.monthMinutes, l.maxActive],
    );
  }

  async delete(em: EntityManager, id: string): Promise<void> {
    await em.query(`DELETE FROM quota_rules WHERE id = $1`, [id]);
  }

  /** The rules that may hold at a site for an organisation and a kind of space (before overrides). */
  async applicable(siteId: string, organisationId: string, kind: string): Promise<QuotaRuleFacts[]> {
    const rows: { rules: QuotaRuleFacts[] }[] = await this.db.query(
      `SELECT ${applicableRulesJson('$1::uuid', '$2::uuid', '$3::text')} AS rules`,
      [siteId, organisationId, kind],
    );
    return rows[0].rules;
  }

  /**
   * Queues the quota checks of one organisation until the transaction ends: two requests that together
   * pass a limit are judged one after the other, the second seeing the first's booking. Taken before
   * the space's lock (`BookingsRepository.insert`), always in that order.
   */
  async lockOrganisation(em: EntityManager, organisationId: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('quota:' || $1::text, 0))`, [
      organisationId,
    ]);
  }

  /**
   * The organisation's active bookings (pending or confirmed) at the site that overlap `window` or have
   * not ended at `now`, with their space's kind; `except` leaves out a booking being moved.
   */
  async counted(
    em: EntityManager,
    q: {
      organisationId: string;
      siteId: string;
      window: { start: number; end: number } | null;
      now: number;
      except?: string;
    },
  ): Promise<CountedBooking[]> {
    const rows: { s: Date; e: Date; kind: string }[] = await em.query(
      `SELECT lower(b.period) AS s, upper(b.period) AS e, sp.kind
         FROM bookings b JOIN spaces sp ON sp.id = b.space_id
        WHERE b.organisation_id = $1 AND sp.site_id = $2 AND b.status IN ('pending', 'confirmed')
          AND ($5::uuid IS NULL OR b.id <> $5)
          AND (upper(b.period) > $4 OR ($3::tstzrange IS NOT NULL AND b.period && $3::tstzrange))`,
      [
        q.organisationId,
        q.siteId,
        q.window
          ? `[${new Date(q.window.start).toISOString()},${new Date(q.window.end).toISOString()})`
          : null,
        new Date(q.now).toISOString(),
        q.except ?? null,
      ],
    );
    return rows.map((r) => ({
      start: new Date(r.s).getTime(),
      end: new Date(r.e).getTime(),
      spaceKind: r.kind,
    }));
  }
}
