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

  /**
   * Reads a link without locking it, with the name of the person it is for: enough to refuse a junk or
   * spent token before any costly work (hashing the new password), and to check that password against
   * the person's own name and address. `take` checks it again, locked, when it is used.
   */
  async peek(
    em: EntityManager,
    kind: LinkKind,
    tokenHash: string,
  ): Promise<(Link & { displayName: string | null }) | null> {
    const rows = await em.query(
      `SELECT l.id, l.kind, l.email, l.user_id, l.organisation_id, l.role, l.expires_at <= now() AS expired,
              l.used_at IS NOT NULL AS used, u.display_name
         FROM user_links l LEFT JOIN users u ON u.id = l.user_id WHERE l.kind = $1 AND l.token_hash = $2`,
      [kind, tokenHash],
    );
    return rows[0] ? { ...toLink(rows[0]), displayName: rows[0].display_name } : null;
  }

  /** Finds and locks a link for use in the caller's transaction. */
  async take(em: EntityManager, kind: LinkKind, tokenHash: string): Promise<Link | null> {
    const rows = await em.query(
      `SELECT id, kind, email, user_id, organisation_id, role, expires_at <= now() AS expired, used_at IS NOT NULL AS used
         FROM user_links WHERE kind = $1 AND token_hash = $2 FOR UPDATE`,
      [kind, tokenHash],
    );
    return rows[0] ? toLink(rows[0]) : null;
  }

  async markUsed(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE user_links SET used_at = now() WHERE id = $1`, [id]);
  }
}

function toLink(r: Record<string, unknown>): Link {
  return {
    id: r.id as string,
    kind: r.kind as LinkKind,
    email: r.email as string,
    userId: r.user_id as string | null,
    organisationId: r.organisation_id as string | null,
    role: r.role as Link['role'],
    expired: r.expired as boolean,
    used: r.used as boolean,
  };
}
