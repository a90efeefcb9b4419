import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const WINDOW_MINUTES = 15;
/** Failed sign-ins allowed per window: per account, and per address (several people may share one). */
export const LIMITS = { account: 5, address: 20 } as const;

/**
 * Counts sign-in attempts per account and per address in PostgreSQL, shared by every API process.
 *
 * An attempt is counted BEFORE its password is checked: `reserve` takes one slot for the account and
 * one for the address in a single transaction, whose row locks make concurrent attempts (from any
 * process) queue behind each other, so no more than the limit are ever checked per window, however
 * many arrive at once. A wrong password keeps its slot (it is the failure); a right one clears the
 * account and gives the address its slot back.
 */
@Injectable()
export class SignInThrottle {
  constructor(private readonly db: DataSource) {}

  /** Takes a slot for both keys; answers the seconds to wait (nothing taken), or 0 when the attempt may go ahead. */
  async reserve(accountKey: string, addressKey: string): Promise<number> {
    try {
      await this.db.transaction(async (em) => {
        // One statement for both keys, always in the same order, so that two attempts never hold one
        // row each while waiting for the other's.
        const rows: { key: string; failures: number; wait: number }[] = await em.query(
          `INSERT INTO sign_in_throttle AS t (key, window_start, failures)
           SELECT k, now(), 1 FROM unnest($1::text[]) AS k ORDER BY k
           ON CONFLICT (key) DO UPDATE SET
             failures = CASE WHEN t.window_start <= now() - make_interval(mins => $2) THEN 1 ELSE t.failures + 1 END,
             window_start = CASE WHEN t.window_start <= now() - make_interval(mins => $2) THEN now() ELSE t.window_start END
           RETURNING key, failures,
                     ceil(extract(epoch FROM window_start + make_interval(mins => $2) - now()))::int AS wait`,
          [[accountKey, addressKey], WINDOW_MINUTES],
        );
        const over = rows.filter(
          (r) => r.failures > (r.key === accountKey ? LIMITS.account : LIMITS.address),
        );
        // Rolling back leaves both counts as they were: a refused attempt is not counted.
        if (over.length > 0) throw new Refused(Math.max(1, ...over.map((r) => r.wait)));
      });
      return 0;
    } catch (err) {
      if (err instanceof Refused) return err.wait;
      throw err;
    }
  }

  /** After a right password: the account starts afresh, and the address gets back the slot it took. */
  async succeeded(accountKey: string, addressKey: string): Promise<void> {
    await this.db.query(
      `WITH cleared AS (DELETE FROM sign_in_throttle WHERE key = $1)
       UPDATE sign_in_throttle SET failures = failures - 1 WHERE key = $2 AND failures > 0`,
      [accountKey, addressKey],
    );
  }

  /** Lifts an account's lock (a new password was chosen from an e-mailed link). */
  async clear(accountKey: string): Promise<void> {
    await this.db.query(`DELETE FROM sign_in_throttle WHERE key = $1`, [accountKey]);
  }
}

class Refused extends Error {
  constructor(readonly wait: number) {
    super('sign-in attempts over the limit');
  }
}
