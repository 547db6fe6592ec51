import { describe, expect, it } from 'vitest';
import { COLLECT_FROM_ROWS, collectGarbage, heapKeeper } from '../../../main/heap';

/** About 80 MB of small objects, unreachable once the function returns. */
function garbage(): number {
  let rows: Array<{ year: number; month: number; value: number }> | null = [];
  for (let i = 0; i < 1_500_000; i++) rows.push({ year: 2025, month: (i % 12) + 1, value: i + 0.5 });
  const n = rows.length;
  rows = null;
  return n;
}

describe('collectGarbage before a large store', () => {
  it('leaves a small import alone and collects the reading of a large one', () => {
    expect(garbage()).toBe(1_500_000);
    const before = process.memoryUsage().heapUsed;
    collectGarbage(COLLECT_FROM_ROWS - 1);
    const afterSmall = process.memoryUsage().heapUsed;
    // Nothing was asked of V8 for a small file: the garbage is still counted.
    expect(before - afterSmall).toBeLessThan(20 << 20);
    collectGarbage(COLLECT_FROM_ROWS);
    const afterLarge = process.memoryUsage().heapUsed;
    expect(afterSmall - afterLarge).toBeGreaterThan(40 << 20);
  });
});

describe('heapKeeper during a long store', () => {
  it('asks for a collection once the heap has grown by its step, and not before', () => {
    const keeper = heapKeeper(40 << 20);
    keeper.check();
    expect(keeper.collections).toBe(0);
    // Garbage that stays alive until the next collection, as the store's promoted rows do.
    let held: unknown[] | null = [];
    for (let i = 0; i < 1_500_000; i++) held.push({ year: 2025, month: (i % 12) + 1, value: i + 0.5 });
    held = null;
    const grown = process.memoryUsage().heapUsed;
    keeper.check();
    expect(keeper.collections).toBe(1);
    expect(grown - process.memoryUsage().heapUsed).toBeGreaterThan(40 << 20);
    keeper.check(); // just collected: nothing grew since
    expect(keeper.collections).toBe(1);
  });
});
