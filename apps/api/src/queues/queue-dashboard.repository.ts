import { DataSource } from 'typeorm';

export class QueueDashboardRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Whose session a refresh token opens and whether they are an admin now (roles read from the grants,
   * not from a token issued earlier). Null when the session is unknown, revoked or expired.
   */
  async sessionOf(tokenHash: string): Promise<{ admin: boolean } | null> {
    const [row] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = s.user_id AND g.role = 'admin') AS admin
         FROM sessions s
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [tokenHash],
    );
    return row ? { admin: row.admin } : null;
  }
}
