import { describe, expect, it } from 'vitest';
import { monthSnapshots, snapshotChange, standingAt } from '../../../renderer/portfolio/snapshot';

const acc = (...spark: Array<number | null>) => ({ spark });

describe('portfolio snapshot at each month end', () => {
  it('carries an account forward up to the stale limit, then drops it', () => {
    const s = [50, null, null, null];
    expect(standingAt(s, 0, 2)).toEqual({ score: 50, carried: false });
    expect(standingAt(s, 2, 2)).toEqual({ score: 50, carried: true });
    expect(standingAt(s, 3, 2)).toBeNull();
  });

  it('keeps the average honest when only one account reports a month (the TechCorp October case)', () => {
    // Three accounts report Sep; only TechCorp (first) reports Oct and rises by 3.7.
    const rows = [acc(44.7, 48.4), acc(60, null), acc(59.7, null)];
    const snaps = monthSnapshots(rows, 2, 2);
    expect(snaps[0].average).toBeCloseTo((44.7 + 60 + 59.7) / 3, 9);
    expect(snaps[1].average).toBeCloseTo((48.4 + 60 + 59.7) / 3, 9);
    expect(snaps[1]).toMatchObject({ count: 3, carried: 2, active: 3, partial: false });
    expect(snaps[1].average as number).toBeGreaterThan(snaps[0].average as number);
  });

  it('counts accounts entering: a month before most accounts enter is partial', () => {
    const rows = [acc(50, 52, 54), acc(null, null, 70), acc(null, null, 80), acc(null, 40, 41)];
    const snaps = monthSnapshots(rows, 3, 2);
    expect(snaps.map((s) => s.count)).toEqual([1, 2, 4]);
    expect(snaps.map((s) => s.partial)).toEqual([true, false, false]);
    expect(snaps[2].average).toBeCloseTo((54 + 70 + 80 + 41) / 4, 9);
    expect(snaps[2].carried).toBe(0);
  });

  it('counts accounts leaving: once past the stale limit an account no longer counts', () => {
    const rows = [acc(30, null, null, null, null), acc(70, 71, 72, 73, 74)];
    const snaps = monthSnapshots(rows, 5, 2);
    expect(snaps.map((s) => s.count)).toEqual([2, 2, 2, 1, 1]);
    expect(snaps.map((s) => s.carried)).toEqual([0, 1, 1, 0, 0]);
    expect(snaps[3].average).toBe(73);
    expect(snaps[3].partial).toBe(false); // 1 of 2 is half, not under half
  });

  it('has no average for a month no account covers', () => {
    const snaps = monthSnapshots([acc(null, 50), acc(null, null)], 2, 2);
    expect(snaps[0]).toEqual({ average: null, count: 0, carried: 0, active: 2, partial: true });
  });

  it('gives a mover only to an account scored in the last month, against where it stood the month before', () => {
    expect(snapshotChange([40, null, 45], 2)).toBe(5);
    expect(snapshotChange([40, 45, null], 2)).toBeNull();
    expect(snapshotChange([40, null, null, 45], 2)).toBe(5);
    expect(snapshotChange([40, null, null, null, 45], 2)).toBeNull();
    expect(snapshotChange([45], 2)).toBeNull();
  });
});
