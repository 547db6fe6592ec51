import { STATUS_RANK, type Status } from '../scoring/value';

/**
 * The order an import report lists its accounts in, in the window and on the command line (both
 * list the first ones, and count the rest).
 */

/** How many accounts a report lists; the rest are counted (the command line's --json has every one). */
export const CHANGES_LISTED = 50;

/**
 * The accounts of an import report in the order a CSM reads them: those whose status got worse
 * (the furthest fall first), then those whose status improved, then those with the most playbooks
 * that now fire, then the most months restated; the file's order otherwise.
 */
export function mostChangedFirst<
  T extends {
    health: { statusBefore: Status | null; statusAfter: Status | null };
    playbooks: unknown[];
    restated: unknown[];
  },
>(changes: T[]): T[] {
  const fall = (c: T) => {
    const { statusBefore: b, statusAfter: a } = c.health;
    return b && a ? STATUS_RANK[a] - STATUS_RANK[b] : 0;
  };
  const key = (c: T) => {
    const f = fall(c);
    return [Math.max(f, 0), f < 0 ? 1 : 0, c.playbooks.length, c.restated.length];
  };
  return changes
    .map((c, i) => ({ c, i, k: key(c) }))
    .sort((x, y) => {
      for (let j = 0; j < x.k.length; j++) if (x.k[j] !== y.k[j]) return y.k[j] - x.k[j];
      return x.i - y.i;
    })
    .map((e) => e.c);
}
