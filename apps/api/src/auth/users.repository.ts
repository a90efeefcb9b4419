import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Account, Role, RoleGrant, User } from '@lieux/contracts';

export interface Credentials {
  id: string;
  passwordHash: string;
  deactivated: boolean;
}

/** The staff roles an admin grants and withdraws; an organisation's own roles are not theirs to change. */
const STAFF = ['site_manager', 'delegate', 'admin'];

/**
 * An account as the console lists it. An invitation is pending while the person was sent one and has
 * used no link since (neither the invitation nor a password reset): they never chose a password.
 */
const ACCOUNT_COLUMNS = `
  u.id, u.email, u.display_name, u.created_at, u.deactivated_at, o.id AS org_id, o.name AS org_name,
  coalesce((SELECT json_agg(json_build_object('role', g.role, 'organisationId', g.organisation_id,
              'siteId', g.site_id, 'regionCode', g.region_code, 'siteName', s.name) ORDER BY g.role, s.name)
              FROM role_grants g LEFT JOIN sites s ON s.id = g.site_id WHERE g.user_id = u.id), '[]') AS roles,
  EXISTS (SELECT 1 FROM user_links l WHERE l.user_id = u.id AND l.kind = 'invitation')
    AND NOT EXISTS (SELECT 1 FROM user_links l WHERE l.user_id = u.id AND l.used_at IS NOT NULL) AS invitation_pending,
  (SELECT max(created_at) FROM sessions WHERE user_id = u.id) AS last_sign_in`;

interface AccountRow {
  id: string;
  email: string;
  display_name: string;
  created_at: Date;
  deactivated_at: Date | null;
  org_id: string | null;
  org_name: string | null;
  roles: Account['roles'];
  invitation_pending: boolean;
  last_sign_in: Date | null;
}

function toAccount(r: AccountRow): Account {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    organisation: r.org_id ? { id: r.org_id, name: r.org_name! } : null,
    roles: r.roles,
    createdAt: new Date(r.created_at).toISOString(),
    deactivatedAt: r.deactivated_at ? new Date(r.deactivated_at).toISOString() : null,
    invitationPending: r.invitation_pending,
    lastSignInAt: r.last_sign_in ? new Date(r.last_sign_in).toISOString() : null,
  };
}

@Injectable()
export class UsersRepository {
  constructor(private readonly db: DataSource) {}

  async findCredentials(email: string): Promise<Credentials | null> {
    const rows = await this.db.query(
      `SELECT id, password_hash, deactivated_at IS NOT NULL AS deactivated FROM users WHERE email = $1`,
      [email.toLowerCase()],
    );
    return rows[0]
      ? { id: rows[0].id, passwordHash: rows[0].password_hash, deactivated: rows[0].deactivated }
      : null;
  }

  /** The account an address matches at an OpenID Connect sign-in, locked until the transaction ends. */
  async findForOidc(
    em: EntityManager,
    email: string,
  ): Promise<{ id: string; organisationId: string | null; deactivated: boolean; staff: boolean } | null> {
    const [u] = await em.query(
      `SELECT u.id, u.organisation_id, u.deactivated_at IS NOT NULL AS deactivated,
              EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.role = ANY($2::text[])) AS staff
         FROM users u WHERE u.email = $1 FOR UPDATE`,
      [email.toLowerCase(), STAFF],
    );
    return u
      ? { id: u.id, organisationId: u.organisation_id, deactivated: u.deactivated, staff: u.staff }
      : null;
  }

  async findIdByEmail(email: string, em: EntityManager = this.db.manager): Promise<string | null> {
    const rows = await em.query(`SELECT id FROM users WHERE email = $1`, [email.toLowerCase()]);
    return rows[0]?.id ?? null;
  }

  async findProfile(userId: string, em: EntityManager = this.db.manager): Promise<User | null> {
    const [u] = await em.query(
      `SELECT u.id, u.email, u.display_name, u.locale, o.id AS org_id, o.name AS org_name, o.verification,
              coalesce(json_agg(json_build_object('role', g.role, 'organisationId', g.organisation_id,
                'siteId', g.site_id, 'regionCode', g.region_code) ORDER BY g.role, g.site_id)
                FILTER (WHERE g.id IS NOT NULL), '[]') AS roles
         FROM users u
         LEFT JOIN organisations o ON o.id = u.organisation_id
         LEFT JOIN role_grants g ON g.user_id = u.id
        WHERE u.id = $1
        GROUP BY u.id, o.id`,
      [userId],
    );
    if (!u) return null;
    return {
      id: u.id,
      email: u.email,
      displayName: u.display_name,
      locale: u.locale,
      organisation: u.org_id ? { id: u.org_id, name: u.org_name, verification: u.verification } : null,
      roles: u.roles as RoleGrant[],
    };
  }

  /** An organisation as a profile shows it (see `findProfile`, which joins it the same way). */
  async profileOrganisation(organisationId: string): Promise<User['organisation']> {
    const [o] = await this.db.query(`SELECT name, verification FROM organisations WHERE id = $1`, [
      organisationId,
    ]);
    return o ? { id: organisationId, name: o.name, verification: o.verification } : null;
  }

  /** Raises SQLSTATE 23505 when the address is taken. */
  async create(
    em: EntityManager,
    u: { email: string; passwordHash: string; displayName: string; organisationId?: string | null },
  ): Promise<string> {
    const [row] = await em.query(
      `INSERT INTO users (email, password_hash, display_name, organisation_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [u.email.toLowerCase(), u.passwordHash, u.displayName, u.organisationId ?? null],
    );
    return row.id;
  }

  async grant(
    em: EntityManager,
    userId: string,
    role: Role,
    scope: { organisationId?: string | null; siteId?: string | null; regionCode?: string | null },
  ): Promise<void> {
    await em.query(
      `INSERT INTO role_grants (user_id, role, organisation_id, site_id, region_code) VALUES ($1, $2, $3, $4, $5)`,
      [userId, role, scope.organisationId ?? null, scope.siteId ?? null, scope.regionCode ?? null],
    );
  }

  async setPassword(em: EntityManager, userId: string, passwordHash: string): Promise<void> {
    await em.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [userId, passwordHash]);
  }

  async delete(em: EntityManager, userId: string): Promise<void> {
    await em.query(`DELETE FROM users WHERE id = $1`, [userId]);
  }

  async bookingsOf(userId: string): Promise<Record<string, unknown>[]> {
    return this.db.query(
      `SELECT b.id, sp.name AS space, s.name AS site, lower(b.period) AS start, upper(b.period) AS end, b.status, b.title,
              b.attendees, b.price_cents AS "priceCents", b.created_at AS "createdAt"
         FROM bookings b JOIN spaces sp ON sp.id = b.space_id JOIN sites s ON s.id = sp.site_id
        WHERE b.booked_by = $1 ORDER BY lower(b.period)`,
      [userId],
    );
  }

  /** Accounts by name, then id; `q` is part of a name or of an address. */
  async listAccounts(
    f: { q: string | null; role: Role | null; after: { name: string; id: string } | null },
    limit: number,
  ): Promise<(Account & { sortName: string })[]> {
    const like = f.q === null ? null : f.q.replace(/[\\%_]/g, (c) => `\\${c}`);
    const rows: (AccountRow & { sort_name: string })[] = await this.db.query(
      `SELECT ${ACCOUNT_COLUMNS}, lower(u.display_name) AS sort_name
         FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id
        WHERE ($1::text IS NULL OR u.display_name ILIKE '%' || $1 || '%' OR u.email LIKE '%' || lower($1) || '%')
          AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.role = $2))
          AND ($3::text IS NULL OR (lower(u.display_name), u.id) > ($3, $4::uuid))
        ORDER BY lower(u.display_name), u.id
        LIMIT $5`,
      [like, f.role, f.after?.name ?? null, f.after?.id ?? null, limit],
    );
    return rows.map((r) => ({ ...toAccount(r), sortName: r.sort_name }));
  }

  async findAccount(id: string, em: EntityManager = this.db.manager): Promise<Account | null> {
    const rows: AccountRow[] = await em.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`,
      [id],
    );
    return rows[0] ? toAccount(rows[0]) : null;
  }

  /**
   * Serialises the changes that may leave the platform without an admin (deactivating one, withdrawing
   * the role), then answers how many active admins there are besides `userId`.
   */
  async otherActiveAdmins(em: EntityManager, userId: string): Promise<number> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('lieux:active-admins'))`);
    const [row] = await em.query(
      `SELECT count(DISTINCT u.id)::int AS n FROM role_grants g JOIN users u ON u.id = g.user_id
        WHERE g.role = 'admin' AND u.deactivated_at IS NULL AND u.id <> $1`,
      [userId],
    );
    return row.n;
  }

  /** Replaces the person's staff grants by `grants`. */
  async setStaffGrants(
    em: EntityManager,
    userId: string,
    grants: { role: Role; siteId?: string | null; regionCode?: string | null }[],
  ): Promise<void> {
    await em.query(`DELETE FROM role_grants WHERE user_id = $1 AND role = ANY($2::text[])`, [userId, STAFF]);
    for (const g of grants) await this.grant(em, userId, g.role, g);
  }

  /**
   * Deactivates the account if it is active: its sessions end, and the links sent to it (invitation,
   * password reset) stop working, in the same statement. False when it was already deactivated.
   */
  async deactivate(em: EntityManager, userId: string): Promise<boolean> {
    const rows = await em.query(
      `WITH u AS (UPDATE users SET deactivated_at = now() WHERE id = $1 AND deactivated_at IS NULL RETURNING id),
       s AS (UPDATE sessions SET revoked_at = now() WHERE user_id IN (SELECT id FROM u) AND revoked_at IS NULL),
       l AS (UPDATE user_links SET expires_at = now()
              WHERE user_id IN (SELECT id FROM u) AND used_at IS NULL AND expires_at > now())
       SELECT id FROM u`,
      [userId],
    );
    return rows.length === 1;
  }

  async reactivate(em: EntityManager, userId: string): Promise<boolean> {
    const rows = await em.query(
      `WITH u AS (UPDATE users SET deactivated_at = NULL WHERE id = $1 AND deactivated_at IS NOT NULL RETURNING id)
       SELECT id FROM u`,
      [userId],
    );
    return rows.length === 1;
  }

  /** Ends the invitations sent to the account that are still usable. */
  async expireInvitations(em: EntityManager, userId: string): Promise<void> {
    await em.query(
      `UPDATE user_links SET expires_at = now()
        WHERE user_id = $1 AND kind = 'invitation' AND used_at IS NULL AND expires_at > now()`,
      [userId],
    );
  }
}
