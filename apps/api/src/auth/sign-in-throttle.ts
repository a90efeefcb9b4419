import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const WINDOW_MINUTES = 15;
/** Failed sign-ins allowed per window: per account, and per address (several people may share one). */
export const LIMITS = { account: 5, address: 20 } as const;

/**
 * Counts failed sign-ins per account and per address in PostgreSQL, shared by every API process.
 * Only failures count; a success clears the account's count.
 */
@Injectable()
export class SignInThrottle {
  constructor(private readonly db: DataSource) {}

  /** Seconds to wait, or 0 when the attempt may go ahead. */
  async retryAfter(accountKey: string, addressKey: string): Promise<number> {
    const rows: { key: string; failures: number; wait: number }[] = await this.db.query(
      `SELECT key, failures,
              ceil(extract(epoch FROM window_start + make_interval(mins => $3) - now()))::int AS wait
         FROM sign_in_throttle
        WHERE key IN ($1, $2) AND window_start > now() - make_interval(mins => $3)`,
      [accountKey, addressKey, WINDOW_MINUTES],
    );
    const blocked = rows.filter(
      (r) => r.failures >= (r.key === accountKey ? LIMITS.account : LIMITS.address),
    );
    return blocked.length ? Math.max(1, ...blocked.map((r) => r.wait)) : 0;
  }

  async fail(...keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.db.query(
        `INSERT INTO sign_in_throttle (key, window_start, failures) VALUES ($1, now(), 1)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN sign_in_throttle.window_start <= now() - make_interval(mins => $2) THEN 1
                           ELSE sign_in_throttle.failures + 1 END,
           window_start = CASE WHEN sign_in_throttle.window_start <= now() - make_interval(mins => $2) THEN now()
                               ELSE sign_in_throttle.window_start END`,
        [key, WINDOW_MINUTES],
      );
    }
  }

  async clear(key: string): Promise<void> {
    await this.db.query(`DELETE FROM sign_in_throttle WHERE key = $1`, [key]);
  }
}
