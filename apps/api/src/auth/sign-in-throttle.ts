import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SignInThrottleRepository } from './sign-in-throttle.repository';

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
  constructor(
    private readonly db: DataSource,
    private readonly attempts: SignInThrottleRepository,
  ) {}

  /** Takes a slot for both keys; answers the seconds to wait (nothing taken), or 0 when the attempt may go ahead. */
  async reserve(accountKey: string, addressKey: string): Promise<number> {
    try {
      await this.db.transaction(async (em) => {
        const rows = await this.attempts.count(em, [accountKey, addressKey], WINDOW_MINUTES);
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
    await this.attempts.clearAndReturnOne(accountKey, addressKey);
  }

  /** Lifts an account's lock (a new password was chosen from an e-mailed link). */
  async clear(accountKey: string): Promise<void> {
    await this.attempts.clear(accountKey);
  }
}

class Refused extends Error {
  constructor(readonly wait: number) {
    super('sign-in attempts over the limit');
  }
}
