import { coalesce } from './coalesce';

/** A batch function that records its batches and answers when told to. */
function recorder(fail: (arg: number) => boolean = () => false) {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  const run = async (batch: number[]) => {
    batches.push(batch);
    await new Promise<void>((open) => gates.push(open));
    if (batch.some(fail)) throw new Error(`batch ${batch.join(',')} failed`);
    return batch.map((n) => n * 10);
  };
  /** Lets the oldest waiting batch answer, then lets the promises it settles run. */
  const answer = async () => {
    gates.shift()!();
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  };
  return { batches, run, answer };
}

describe('coalesce', () => {
  it('sends a lone call at once, and the calls made meanwhile together as the next batch', async () => {
    const r = recorder();
    const call = coalesce(r.run);
    const first = call(1);
    expect(r.batches).toEqual([[1]]);
    const rest = [call(2), call(3), call(4)];
    expect(r.batches).toEqual([[1]]);
    await r.answer();
    expect(await first).toBe(10);
    expect(r.batches).toEqual([[1], [2, 3, 4]]);
    await r.answer();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
  });

  it('keeps a batch within its maximum size', async () => {
    const r = recorder();
    const call = coalesce(r.run, 2);
    const all = [1, 2, 3, 4, 5].map((n) => call(n));
    await r.answer();
    await r.answer();
    await r.answer();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50]);
    expect(r.batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('runs a failed batch again call by call, so that only the call that cannot succeed fails', async () => {
    const r = recorder((n) => n === 3);
    const call = coalesce(r.run);
    const first = call(1);
    const rest = [2, 3, 4].map((n) =>
      call(n).then(
        (v) => ({ v }),
        (e: Error) => ({ e: e.message }),
      ),
    );
    await r.answer();
    await first;
    await r.answer(); // the batch [2, 3, 4] fails
    await r.answer(); // then 2, 3 and 4 alone
    await r.answer();
    await r.answer();
    expect(await Promise.all(rest)).toEqual([{ v: 20 }, { e: 'batch 3 failed' }, { v: 40 }]);
    expect(r.batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });

  it('fails a lone call with its own error, without running it twice', async () => {
    const r = recorder(() => true);
    const call = coalesce(r.run);
    const lone = call(7).catch((e: Error) => e.message);
    await r.answer();
    expect(await lone).toBe('batch 7 failed');
    expect(r.batches).toEqual([[7]]);
  });
});
