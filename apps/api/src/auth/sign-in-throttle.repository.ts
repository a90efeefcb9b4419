import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** Sign-in attempts counted per key (an account, an address) in windows of a few minutes. */
@Injectable()
export class SignInThrottleRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Counts one attempt for each key, in a window restarted once `windowMinutes` have passed, and answers
   * each key's count with the seconds left in its window. One statement for all keys, always in the same
   * order, so that two attempts never hold one row each while waiting for the other's.
   */
  count(
    em: EntityManager,
    keys: string[],
    windowMinutes: number,
  ): Promise<{ key: string; failures: number; wait: number }[]> {
    return em.query(
      `INSERT INTO sign_in_throttle AS t (key, window_start, failures)
       SELECT k, now(), 1 FROM unnest($1::text[]) AS k ORDER BY k
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_start <= now() - make_interval(mins => $2) THEN 1 ELSE t.failures + 1 END,
         window_start = CASE WHEN t.window_start <= now() - make_interval(mins => $2) THEN now() ELSE t.window_start END
       RETURNING key, failures,
                 ceil(extract(epoch FROM window_start + make_interval(mins => $2) - now()))::int AS wait`,
      [keys, windowMinutes],
    );
  }

  /**
   * Clears `clearedKey` and gives `returnedKey` back one attempt. Both rows are locked first in key order,
   * the order `count` takes them in: a DELETE and an UPDATE in one statement lock theirs in no set order,
   * and deadlocked with a concurrent attempt on the same two keys.
   */
  async clearAndReturnOne(clearedKey: string, returnedKey: string): Promise<void> {
    await this.db.query(
      `WITH locked AS (SELECT key FROM sign_in_throttle WHERE key = ANY($3::text[]) ORDER BY key FOR UPDATE),
            cleared AS (DELETE FROM sign_in_throttle t USING locked l WHERE t.key = l.key AND t.key = $1)
       UPDATE sign_in_throttle t SET failures = t.failures - 1
         FROM locked l WHERE t.key = l.key AND t.key = $2 AND t.failures > 0`,
      [clearedKey, returnedKey, [clearedKey, returnedKey]],
    );
  }

  async clear(key: string): Promise<void> {
    await this.db.query(`DELETE FROM sign_in_throttle WHERE key = $1`, [key]);
  }
}
