/** A KPI's weight inside its category (spec 4) and the category weights as stored (spec 5). */
import { normalizeName } from '../names';
import { round2 } from './trends';

const IMPACT_WEIGHTS: Readonly<Record<string, number>> = { critical: 4, high: 3, medium: 2, low: 1 };

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/**
 * A weight cell read as a number: `"30%"` is 30, `"0.3"` is 0.3, `"1,250"` is 1250 (commas only as
 * thousands separators in groups of three: `"0,3"` is not a number). Null when it is not plainly a number.
 */
export function parseWeightNumber(cell: string): number | null {
  let s = cell.normalize('NFKC').trim();
  if (s.endsWith('%')) s = s.slice(0, -1).trimEnd();
  if (GROUPED_NUMBER.test(s)) s = s.replace(/,/g, '');
  if (!PLAIN_NUMBER.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** The weight of an impact word (Critical 4, High 3, Medium 2, Low 1; case-insensitive), or null. */
export function impactWeight(word: string | null | undefined): number | null {
  if (word == null) return null;
  return IMPACT_WEIGHTS[normalizeName(word)] ?? null;
}

/**
 * Weight of a KPI inside its category (spec 4): the weight cell as a number > 0 (a percent cell,
 * stored by the importer as text like "30%", counts 30); else the weight cell as an impact word;
 * else the impact level as that word; else 1.
 */
export function kpiWeight(weightCell: string | null, impactLevel: string | null): number {
  // Looked up by the two cells in turn (no key string built per value: a re-score asks hundreds of thousands of times).
  let byImpact = WEIGHT_CACHE.get(weightCell);
  if (byImpact === undefined) {
    if (WEIGHT_CACHE.size >= 20_000) WEIGHT_CACHE.clear();
    byImpact = new Map();
    WEIGHT_CACHE.set(weightCell, byImpact);
  }
  let w = byImpact.get(impactLevel);
  if (w === undefined) {
    w = computeKpiWeight(weightCell, impactLevel);
    if (byImpact.size < 1_000) byImpact.set(impactLevel, w);
  }
  return w;
}
const WEIGHT_CACHE = new Map<string | null, Map<string | null, number>>();

function computeKpiWeight(weightCell: string | null, impactLevel: string | null): number {
  return weightFrom(weightCell, impactLevel).weight;
}

/**
 * A KPI's weight (spec 4) and what gave it: its Weight cell (a number above 0, or an impact word),
 * else its impact level, else the default 1 (the importer says when a cell given was not read).
 */
export function weightFrom(
  weightCell: string | null,
  impactLevel: string | null,
): { weight: number; from: 'weight' | 'impact' | 'default' } {
  if (weightCell != null) {
    const n = parseWeightNumber(weightCell);
    if (n !== null && n > 0) return { weight: n, from: 'weight' };
    const w = impactWeight(weightCell);
    if (w !== null) return { weight: w, from: 'weight' };
  }
  const w = impactWeight(impactLevel);
  return w !== null ? { weight: w, from: 'impact' } : { weight: 1, from: 'default' };
}

// ---------------------------------------------------------------------------------------------
// Category weights and storage
// ---------------------------------------------------------------------------------------------

/**
 * `customer_configs.category_weights` as stored (JSON text) read for scoring: category -> weight.
 * A weight is a number, or text that plainly is one (`"0.2"`, `"20%"` is 0.2, as the seed keeps
 * fractions); any other value weighs 0, so its category stays out of the overall and is reported as
 * unweighted. Null, meaning "no category_weights at all" (every scored category weighs the same),
 * when the text is missing, is not a JSON object, or names no category with a usable weight.
 */
export function parseCategoryWeights(stored: string | null | undefined): Record<string, number> | null {
  if (!stored) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const out: Record<string, number> = {};
  let usable = 0;
  for (const [name, raw] of Object.entries(parsed as Record<string, unknown>)) {
    let w = Number.NaN;
    if (typeof raw === 'number') w = raw;
    else if (typeof raw === 'string') {
      const n = parseWeightNumber(raw);
      if (n !== null) w = raw.trim().endsWith('%') ? n / 100 : n;
    }
    const ok = Number.isFinite(w) && w >= 0;
    out[name] = ok ? w : 0;
    if (ok) usable++;
  }
  return usable > 0 ? out : null;
}

/**
 * Checks `customer_configs.category_weights` (fractions such as 0.2): non-empty names, no two names
 * equal after normalisation, non-negative finite numbers, summing to 1 (within 1e-6).
 */
export function validateCategoryWeights(w: Record<string, number>): string | null {
  if (w === null || typeof w !== 'object' || Array.isArray(w)) return 'Category weights must be an object';
  const seen = new Map<string, string>();
  let sum = 0;
  for (const [name, value] of Object.entries(w)) {
    const key = normalizeName(name);
    if (key === '') return 'Category weights: a category name is empty';
    const before = seen.get(key);
    if (before !== undefined) return `Category weights: "${name}" and "${before}" are the same category`;
    seen.set(key, name);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return `Category weights: ${name} (${String(value)}) is not a number`;
    }
    if (value < 0) return `Category weights: ${name} (${value}) must not be negative`;
    sum += value;
  }
  if (Math.abs(sum - 1) > 1e-6) {
    return `Category weights must sum to 100% (they sum to ${round2(sum * 100)}%)`;
  }
  return null;
}

/**
 * How category weights meet the categories of a workspace's data, matched by normalised name: the
 * weighted categories no KPI uses (a typo, or a category not imported yet) and the data's categories
 * without a weight (scoring gives them weight 0: they do not count in the overall health). Both are
 * empty when there is no data yet.
 */
export function weightCoverage(
  weighted: Iterable<string>,
  dataCategories: Iterable<string>,
): { unused: string[]; unweighted: string[] } {
  const data = new Map<string, string>();
  for (const c of dataCategories) if (normalizeName(c)) data.set(normalizeName(c), c);
  if (data.size === 0) return { unused: [], unweighted: [] };
  const names = [...weighted].filter((c) => normalizeName(c) !== '');
  const keys = new Set(names.map(normalizeName));
  return {
    unused: names.filter((c) => !data.has(normalizeName(c))),
    unweighted: [...data].filter(([k]) => !keys.has(k)).map(([, c]) => c),
  };
}
