import type { EntityManager } from 'typeorm';

/**
 * Runs `work` inside a savepoint of the transaction `em` holds, so that a failed statement undoes only
 * its own part: the transaction stays usable and the error reaches the caller to judge.
 */
export async function inSavepoint<T>(em: EntityManager, work: () => Promise<T>): Promise<T> {
  await em.query('SAVEPOINT step');
  try {
    const result = await work();
    await em.query('RELEASE SAVEPOINT step');
    return result;
  } catch (err) {
    await em.query('ROLLBACK TO SAVEPOINT step');
    throw err;
  }
}
