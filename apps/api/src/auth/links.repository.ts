import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type LinkKind = 'password_reset' | 'invitation';

export interface Link {
  id: string;
  kind: LinkKind;
  email: string;
  userId: string | null;
  organisationId: string | null;
  role: 'member' | 'org_admin' | null;
  expired: boolean;
  used: boolean;
}

/** Single-use, expiring links sent by e-mail; only the token's hash is kept. */
@Injectable()
export class LinksRepository {
  async create(
    em: EntityManager,
    link: {
      kind: LinkKind;
      tokenHash: string;
      email: string;
      userId?: string | null;
      organisationId?: string | null;
      role?: 'member' | 'org_admin' | null;
      createdBy?: string | null;
      validHours: number;
    },
  ): Promise<{ id: string; expiresAt: string }> {
    const [row] = await em.query(
      `INSERT INTO user_links (kind, token_hash, email, user_id, organisation_id, role, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(hours => $8)) RETURNING id, expires_at`,
      [
        link.kind,
        link.tokenHash,
        link.email,
        link.userId ?? null,
        link.organisationId ?? null,
        link.role ?? null,
        link.createdBy ?? null,
        link.validHours,
      ],
    );
    return { id: row.id, expiresAt: new Date(row.expires_at).toISOString() };
  }

  /** Finds and locks a link for use in the caller's transaction. */
  async take(em: EntityManager, kind: LinkKind, tokenHash: string): Promise<Link | null> {
    const rows = await em.query(
      `SELECT id, kind, email, user_id, organisation_id, role, expires_at <= now() AS expired, used_at IS NOT NULL AS used
         FROM user_links WHERE kind = $1 AND token_hash = $2 FOR UPDATE`,
      [kind, tokenHash],
    );
    const r = rows[0];
    return r
      ? {
          id: r.id,
          kind: r.kind,
          email: r.email,
          userId: r.user_id,
          organisationId: r.organisation_id,
          role: r.role,
          expired: r.expired,
          used: r.used,
        }
      : null;
  }

  async markUsed(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE user_links SET used_at = now() WHERE id = $1`, [id]);
  }
}
