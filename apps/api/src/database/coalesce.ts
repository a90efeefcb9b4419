/**
 * One statement for the calls of many concurrent jobs: the calls made while a batch is in flight wait and
 * go together as the next batch, so a lone call goes at once and nothing waits under a light load. Under
 * load the workers' 16 jobs each made their own round trip and commit for the same statement; batched,
 * PostgreSQL plans, runs and flushes the WAL once for all of them.
 *
 * `run` answers one result per argument, in order. If a batch fails, its calls run again one by one, so
 * that one call that cannot succeed fails alone rather than with every call it was batched with.
 */
export function coalesce<A, R>(run: (batch: A[]) => Promise<R[]>, max = 64): (arg: A) => Promise<R> {
  const waiting: { arg: A; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  let busy = false;
  const settle = async (batch: typeof waiting) => {
    try {
      const results = await run(batch.map((w) => w.arg));
      batch.forEach((w, i) => w.resolve(results[i]));
    } catch (err) {
      if (batch.length === 1) return batch[0].reject(err);
      for (const w of batch) await run([w.arg]).then(([r]) => w.resolve(r), w.reject);
    }
  };
  const flush = () => {
    if (busy || waiting.length === 0) return;
    busy = true;
    void settle(waiting.splice(0, max)).finally(() => {
      busy = false;
      flush();
    });
  };
  return (arg) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ arg, resolve, reject });
      flush();
    });
}
