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

/** The text of a what-if input as a number: blank or not a number is none; a decimal comma is read. */
export const parseInput = (s: string | undefined): number | null => {
  if (s == null || s.trim() === '') return null;
  const n = Number(s.trim().replace(',', '.'));
  return Number.isFinite(n) ? n : null;
};

/** The six bounds of a range, as the what-if labels them. */
export const BOUNDS: Array<{ key: keyof Range; label: string }> = [
  { key: 'criticalMin', label: 'Critical from' },
  { key: 'criticalMax', label: 'Critical to' },
  { key: 'riskMin', label: 'Risk from' },
  { key: 'riskMax', label: 'Risk to' },
  { key: 'healthyMin', label: 'Healthy from' },
  { key: 'healthyMax', label: 'Healthy to' },
];

/** What the user typed in the what-if: KPI key -> value, range key -> bound -> text, category -> weight in %. */
export interface WhatIfDraft {
  values: Record<string, string>;
  bounds: Record<string, Partial<Record<keyof Range, string>>>;
  weights: Record<string, string>;
}

/** The range of a KPI edited with the typed bounds, or null when none of them differs. */
function editedRange(range: Range, typed: Partial<Record<keyof Range, string>>): Range | null {
  const r: Range = { ...range };
  let changed = false;
  for (const { key } of BOUNDS) {
    const x = parseInput(typed[key]);
    if (x != null && x !== range[key]) {
      (r as Record<string, unknown>)[key] = x;
      changed = true;
    }
  }
  return changed ? r : null;
}

/** The edits a draft makes to a receipt: only what differs from what the receipt was scored with. */
export function draftEdits(
  receipt: Pick<ScoreReceipt, 'kpis' | 'categories'>,
  draft: WhatIfDraft,
  base: Record<string, number>,
): WhatIfEdits {
  const e: WhatIfEdits = { values: {}, ranges: {}, weights: {} };
  for (const k of receipt.kpis) {
    const v = parseInput(draft.values[k.key]);
    if (v != null && v !== k.value) e.values[k.key] = v;
    const typed = k.range ? draft.bounds[normalizeName(k.name)] : undefined;
    const r = k.range && typed ? editedRange(k.range, typed) : null;
    if (k.range && r) e.ranges[k.range.kpiName] = r;
  }
  for (const c of receipt.categories) {
    const w = parseInput(draft.weights[c.category]);
    if (w != null && Math.abs(w / 100 - weightOf(base, c.category)) > 1e-9) e.weights[c.category] = w / 100;
  }
  return e;
}

/** How many edits: values, ranges and weights changed. */
export const editCount = (e: WhatIfEdits) =>
  Object.keys(e.values).length + Object.keys(e.ranges).length + Object.keys(e.weights).length;
