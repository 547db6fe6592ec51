import { describe, expect, it } from 'vitest';
import { LatestOnly, type Settled } from '../../../renderer/data/latest';

/** A load that answers when told to, so the test decides the order answers arrive in. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('LatestOnly, the data-loading hook’s stale-answer guard', () => {
  it('never lets a slow earlier answer replace a faster later one', async () => {
    const loader = new LatestOnly();
    const applied: Array<Settled<string>> = [];
    const slow = deferred<string>();
    const fast = deferred<string>();
    loader.run(
      () => slow.promise,
      (o) => applied.push(o),
    ); // the search "ac"
    loader.run(
      () => fast.promise,
      (o) => applied.push(o),
    ); // then "acme"
    fast.resolve('acme');
    await flush();
    slow.resolve('ac');
    await flush();
    expect(applied).toEqual([{ ok: true, data: 'acme' }]);
  });

  it('drops a late failure of an earlier load too', async () => {
    const loader = new LatestOnly();
    const applied: Array<Settled<string>> = [];
    const first = deferred<string>();
    loader.run(
      () => first.promise,
      (o) => applied.push(o),
    );
    loader.run(
      () => Promise.resolve('second'),
      (o) => applied.push(o),
    );
    await flush();
    first.reject(new Error('late'));
    await flush();
    expect(applied).toEqual([{ ok: true, data: 'second' }]);
  });

  it('applies nothing once dropped (the screen closed or its payload changed)', async () => {
    const loader = new LatestOnly();
    const applied: unknown[] = [];
    const d = deferred<number>();
    loader.run(
      () => d.promise,
      (o) => applied.push(o),
    );
    loader.drop();
    d.resolve(1);
    await flush();
    expect(applied).toEqual([]);
  });

  it('reports the latest load’s failure, including one thrown before any promise', async () => {
    const loader = new LatestOnly();
    const applied: Array<Settled<number>> = [];
    loader.run<number>(
      () => {
        throw new Error('bad payload');
      },
      (o) => applied.push(o),
    );
    await flush();
    expect(applied).toHaveLength(1);
    expect(applied[0].ok).toBe(false);
  });
});
