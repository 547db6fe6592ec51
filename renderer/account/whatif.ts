import type { ScoreReceipt } from '../../shared/channels/scoring';
import { normalizeName } from '../../shared/names';
import {
  type AccountMonthScore,
  indexRanges,
  type Range,
  scoreAccountMonth,
  validateRange,
} from '../../shared/scoring';

/** What-if on a score receipt: the same engine as the stored scores, run in the renderer, nothing saved. */

export interface WhatIfEdits {
  /** KPI key -> value to use instead. */
  values: Record<string, number>;
  /** KPI name -> range to use instead (ignored, with its fault reported, when not valid). */
  ranges: Record<string, Range>;
  /** Category -> weight (a fraction, as stored) to use instead. */
  weights: Record<string, number>;
}

export const NO_EDITS: WhatIfEdits = { values: {}, ranges: {}, weights: {} };

export const hasEdits = (e: WhatIfEdits) =>
  Object.keys(e.values).length + Object.keys(e.ranges).length + Object.keys(e.weights).length > 0;

/** The weights the receipt was scored with; every scored category the same when none are configured. */
export function baseWeights(receipt: Pick<ScoreReceipt, 'inputs' | 'categories'>): Record<string, number> {
  if (receipt.inputs.categoryWeights) return { ...receipt.inputs.categoryWeights };
  const n = receipt.categories.length || 1;
  return Object.fromEntries(receipt.categories.map((c) => [c.category, 1 / n]));
}

/** The weight of a category in a weights object (names matched as the engine matches them). */
export function weightOf(weights: Record<string, number>, category: string): number {
  const key = normalizeName(category);
  for (const [name, w] of Object.entries(weights)) if (normalizeName(name) === key) return w;
  return 0;
}

export function applyWhatIf(
  inputs: ScoreReceipt['inputs'],
  categories: ScoreReceipt['categories'],
  edits: WhatIfEdits,
): { score: AccountMonthScore; rangeFaults: string[] } {
  const kpis = inputs.kpis.map((k) =>
    k.key !== undefined && Object.hasOwn(edits.values, k.key) ? { ...k, value: edits.values[k.key] } : k,
  );
  const ranges = indexRanges(inputs.ranges);
  const rangeFaults: string[] = [];
  for (const r of Object.values(edits.ranges)) {
    const fault = validateRange(r);
    if (fault) rangeFaults.push(fault);
    else ranges.set(normalizeName(r.kpiName), r);
  }
  let weights = inputs.categoryWeights;
  if (Object.keys(edits.weights).length) {
    const next = baseWeights({ inputs, categories });
    for (const [category, w] of Object.entries(edits.weights)) {
      const key = normalizeName(category);
      const existing = Object.keys(next).find((n) => normalizeName(n) === key);
      next[existing ?? category] = w;
    }
    weights = next;
  }
  return { score: scoreAccountMonth({ kpis, ranges, categoryWeights: weights }), rangeFaults };
}
