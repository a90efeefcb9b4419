import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Role, RoleGrant, User } from '@lieux/contracts';

export interface Credentials {
  id: string;
  passwordHash: string;
}

@Injectable()
export class UsersRepository {
  constructor(private readonly db: DataSource) {}

  async findCredentials(email: string): Promise<Credentials | null> {
    const rows = await this.db.query(`SELECT id, password_hash FROM users WHERE email = $1`, [
      email.toLowerCase(),
    ]);
    return rows[0] ? { id: rows[0].id, passwordHash: rows[0].password_hash } : null;
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
}
