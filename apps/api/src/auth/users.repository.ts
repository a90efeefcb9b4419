import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RoleGrant, User } from '@lieux/contracts';

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

  async findProfile(userId: string): Promise<User | null> {
    const [u] = await this.db.query(
      `SELECT u.id, u.email, u.display_name, u.locale, o.id AS org_id, o.name AS org_name, o.verification,
              coalesce(json_agg(json_build_object('role', g.role, 'organisationId', g.organisation_id,
                'siteId', g.site_id, 'regionCode', g.region_code)) FILTER (WHERE g.id IS NOT NULL), '[]') AS roles
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
}
