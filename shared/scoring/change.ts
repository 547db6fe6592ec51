/** Explaining a change of the overall between two months. */
import type { AccountMonthScore } from './account-month';

export type ChangeContribution = {
  key: string;
  name: string;
  category: string;
  /** Contribution in the previous / current month (null when the KPI did not count then). */
  before: number | null;
  after: number | null;
  /** after - before, a missing side counting 0. */
  delta: number;
};

export type ChangeExplanation = {
  /** curr.overall - prev.overall; null when either month has no overall. */
  change: number | null;
  /** Sorted by |delta| descending; the deltas sum to `change` (to ~1e-9). Empty when change is null. */
  contributions: ChangeContribution[];
};

/**
 * Breaks the change of the overall into each KPI's part: delta_k = contribution_k(curr) -
 * contribution_k(prev). A KPI valid in one month only contributes its whole contribution (with the
 * sign). KPIs are matched by `key` (default: normalised category + name).
 */
export function explainChange(prev: AccountMonthScore | null, curr: AccountMonthScore): ChangeExplanation {
  if (!prev || prev.overall === null || curr.overall === null) return { change: null, contributions: [] };
  const byKey = new Map<string, ChangeContribution>();
  const add = (s: AccountMonthScore, side: 'before' | 'after') => {
    for (const k of s.kpis) {
      if (k.contribution === null) continue;
      let c = byKey.get(k.key);
      if (!c) {
        c = { key: k.key, name: k.name, category: k.category, before: null, after: null, delta: 0 };
        byKey.set(k.key, c);
      } else if (side === 'after') {
        c.name = k.name;
        c.category = k.category;
      }
      c[side] = (c[side] ?? 0) + k.contribution;
    }
  };
  add(prev, 'before');
  add(curr, 'after');
  const contributions = [...byKey.values()];
  for (const c of contributions) c.delta = (c.after ?? 0) - (c.before ?? 0);
  contributions.sort(
    (a, b) => Math.abs(b.delta) - Math.abs(a.delta) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  return { change: curr.overall - prev.overall, contributions };
}

function signed1(x: number): string {
  const s = (Math.abs(x) < 0.05 ? 0 : x).toFixed(1);
  return x >= 0.05 ? `+${s}` : s;
}

/**
 * One line for a change: `-9.1: CSAT Score -5.2, NPS Score -3.0, ...` (the `top` largest parts that
 * show as non-zero at one decimal; `...` when more remain). `n/a` when there is no change to explain.
 * `signed` writes each number (the screens pass theirs, with a true minus sign).
 */
export function formatChange(ex: ChangeExplanation, top = 3, signed: (x: number) => string = signed1): string {
  if (ex.change === null) return 'n/a';
  const shown = ex.contributions.filter((c) => Math.abs(c.delta) >= 0.05);
  const parts = shown.slice(0, Math.max(0, top)).map((c) => `${c.name} ${signed(c.delta)}`);
  if (shown.length > parts.length) parts.push('...');
  return parts.length > 0 ? `${signed(ex.change)}: ${parts.join(', ')}` : signed(ex.change);
}
