/**
 * Health scoring engine: the rules of /work/shared/spec/scoring.md as pure functions.
 *
 * No database, no Node APIs, no Electron: this module runs in the main process (import, re-score)
 * and in the renderer (what-if). All computations are at full precision; use `round2` only when
 * storing or showing a number.
 */
import { normalizeName } from '../names';
import type { Range } from './range';

export { type Range, rangeSchema } from './range';

export type Status = 'Healthy' | 'Risk' | 'Critical';

export type Band = { status: Status; min: number; max: number };

export type ValueScore = { status: Status; score: number; band: Band };

export const HEALTHY_THRESHOLD = 70;
export const RISK_THRESHOLD = 40;

// ---------------------------------------------------------------------------------------------
// 1. Names
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// 2. Reference ranges
// ---------------------------------------------------------------------------------------------

const BOUNDS = ['criticalMin', 'criticalMax', 'riskMin', 'riskMax', 'healthyMin', 'healthyMax'] as const;
export type BoundKey = (typeof BOUNDS)[number];

/** The seed's column name of each field of a range (kpi_reference_ranges, the ranges file). */
export const RANGE_FIELD_NAMES: Readonly<Record<keyof Range, string>> = {
  kpiName: 'kpi_name',
  unit: 'unit',
  higherIsBetter: 'higher_is_better',
  criticalMin: 'critical_min',
  criticalMax: 'critical_max',
  riskMin: 'risk_min',
  riskMax: 'risk_max',
  healthyMin: 'healthy_min',
  healthyMax: 'healthy_max',
};

/**
 * One fault of a range, naming the field at fault (and, for a rule between two bounds, the other
 * one), so each side can phrase it: the command line with the seed's names, a form with its labels.
 */
export type RangeFault =
  | { kind: 'empty'; field: 'kpiName' | 'unit' }
  | { kind: 'not-boolean'; field: 'higherIsBetter' }
  | { kind: 'not-finite'; field: BoundKey }
  | { kind: 'not-less'; field: BoundKey; other: BoundKey }
  | { kind: 'not-touching'; field: BoundKey; other: BoundKey };

/** Every fault of a range (spec 2), in a fixed order; empty when the range is valid. */
export function rangeFaultList(r: Range): RangeFault[] {
  const faults: RangeFault[] = [];
  if (typeof r.kpiName !== 'string' || r.kpiName.trim() === '') faults.push({ kind: 'empty', field: 'kpiName' });
  if (typeof r.unit !== 'string' || r.unit.trim() === '') faults.push({ kind: 'empty', field: 'unit' });
  if (typeof r.higherIsBetter !== 'boolean') faults.push({ kind: 'not-boolean', field: 'higherIsBetter' });
  const nonFinite = BOUNDS.filter((k) => typeof r[k] !== 'number' || !Number.isFinite(r[k]));
  for (const k of nonFinite) faults.push({ kind: 'not-finite', field: k });
  if (nonFinite.length > 0) return faults;
  for (const band of ['critical', 'risk', 'healthy'] as const) {
    const lo = `${band}Min` as BoundKey;
    const hi = `${band}Max` as BoundKey;
    if (!(r[lo] < r[hi])) faults.push({ kind: 'not-less', field: lo, other: hi });
  }
  const touch = (field: BoundKey, other: BoundKey) => {
    if (r[field] !== r[other]) faults.push({ kind: 'not-touching', field, other });
  };
  if (r.higherIsBetter) {
    touch('riskMin', 'criticalMax');
    touch('healthyMin', 'riskMax');
  } else {
    touch('riskMin', 'healthyMax');
    touch('criticalMin', 'riskMax');
  }
  return faults;
}

/**
 * A fault as a sentence naming its fields by `names` (by default the seed's: `risk_min (12) must
 * equal critical_max (10) so the bands touch`), each bound with its value.
 */
export function describeRangeFault(
  f: RangeFault,
  r: Range,
  names: Readonly<Record<keyof Range, string>> = RANGE_FIELD_NAMES,
): string {
  const v = (k: BoundKey) => `${names[k]} (${r[k]})`;
  switch (f.kind) {
    case 'empty':
      return `${names[f.field]} is empty`;
    case 'not-boolean':
      return `${names[f.field]} must be true or false`;
    case 'not-finite':
      return `${names[f.field]} (${String(r[f.field])}) is not a finite number`;
    case 'not-less':
      return `${v(f.field)} must be less than ${v(f.other)}`;
    case 'not-touching':
      return `${v(f.field)} must equal ${v(f.other)} so the bands touch`;
  }
}

/** Every fault of a range (spec 2) as a sentence naming the range and the seed's bound at fault. */
export function rangeFaults(r: Range): string[] {
  const name = typeof r.kpiName === 'string' ? r.kpiName.trim() : '';
  const label = name === '' ? 'Reference range' : name;
  return rangeFaultList(r).map((f) => `${label}: ${describeRangeFault(f, r)}`);
}

/**
 * The first fault of a range (spec 2), naming the range and the bound at fault, or null when valid.
 * E.g. `NPS Score: risk_min (12) must equal critical_max (10) so the bands touch`.
 */
export function validateRange(r: Range): string | null {
  return rangeFaults(r)[0] ?? null;
}

/** Ranges keyed by normalised KPI name. With duplicates (after normalisation) the first one wins. */
export function indexRanges(ranges: Iterable<Range>): Map<string, Range> {
  const index = new Map<string, Range>();
  for (const r of ranges) {
    const key = normalizeName(r.kpiName);
    if (!index.has(key)) index.set(key, r);
  }
  return index;
}

// ---------------------------------------------------------------------------------------------
// 3. Status and score of one value
// ---------------------------------------------------------------------------------------------

/** The largest doubles below 70 and 40: a Risk score stays below 70 and a Critical one below 40. */
const BELOW_HEALTHY = HEALTHY_THRESHOLD - 2 ** -46;
const BELOW_RISK = RISK_THRESHOLD - 2 ** -47;

/** `clamp((x - a) / (b - a), 0, 1)` */
function lin(x: number, a: number, b: number): number {
  const t = (x - a) / (b - a);
  return Math.min(Math.max(t, 0), 1);
}

/**
 * Status and score of one value against a (valid) range, exactly as spec 3: a value on a
 * boundary belongs to the better band; values beyond the outer bounds are clamped (0 or 100).
 * One floating-point guard: for a value a hair inside the worse band (e.g. the double just below
 * healthy_min), `40 + 30 * lin` can round up to 70.0; a Risk score is capped at the double just
 * below 70 (a Critical one just below 40), so status and score always agree (a 1.4e-14 change).
 * Throws a RangeError for NaN (a missing value is not scored: the caller skips it).
 */
export function scoreValue(value: number, r: Range): ValueScore {
  if (Number.isNaN(value)) throw new RangeError(`${r.kpiName}: cannot score NaN`);
  if (r.higherIsBetter) {
    if (value >= r.healthyMin) {
      return {
        status: 'Healthy',
        score: 70 + 30 * lin(value, r.healthyMin, r.healthyMax),
        band: { status: 'Healthy', min: r.healthyMin, max: r.healthyMax },
      };
    }
    if (value >= r.riskMin) {
      return {
        status: 'Risk',
        score: Math.min(40 + 30 * lin(value, r.riskMin, r.riskMax), BELOW_HEALTHY),
        band: { status: 'Risk', min: r.riskMin, max: r.riskMax },
      };
    }
    return {
      status: 'Critical',
      score: Math.min(40 * lin(value, r.criticalMin, r.criticalMax), BELOW_RISK),
      band: { status: 'Critical', min: r.criticalMin, max: r.criticalMax },
    };
  }
  if (value <= r.healthyMax) {
    return {
      status: 'Healthy',
      score: 70 + 30 * (1 - lin(value, r.healthyMin, r.healthyMax)),
      band: { status: 'Healthy', min: r.healthyMin, max: r.healthyMax },
    };
  }
  if (value <= r.riskMax) {
    return {
      status: 'Risk',
      score: Math.min(40 + 30 * (1 - lin(value, r.riskMin, r.riskMax)), BELOW_HEALTHY),
      band: { status: 'Risk', min: r.riskMin, max: r.riskMax },
    };
  }
  return {
    status: 'Critical',
    score: Math.min(40 * (1 - lin(value, r.criticalMin, r.criticalMax)), BELOW_RISK),
    band: { status: 'Critical', min: r.criticalMin, max: r.criticalMax },
  };
}

/** Account status of an overall score (spec 5): Healthy at 70 and above, Risk from 40, else Critical. */
export function statusOf(score: number): Status {
  if (score >= HEALTHY_THRESHOLD) return 'Healthy';
  if (score >= RISK_THRESHOLD) return 'Risk';
  return 'Critical';
}

// ---------------------------------------------------------------------------------------------
// 4. KPI weight inside its category
// ---------------------------------------------------------------------------------------------

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
  const key = `${weightCell ?? '\u0001'}\u0000${impactLevel ?? '\u0001'}`;
  let w = WEIGHT_CACHE.get(key);
  if (w === undefined) {
    w = computeKpiWeight(weightCell, impactLevel);
    if (WEIGHT_CACHE.size >= 20_000) WEIGHT_CACHE.clear();
    WEIGHT_CACHE.set(key, w);
  }
  return w;
}
const WEIGHT_CACHE = new Map<string, number>();

function computeKpiWeight(weightCell: string | null, impactLevel: string | null): number {
  if (weightCell != null) {
    const n = parseWeightNumber(weightCell);
    if (n !== null && n > 0) return n;
    const w = impactWeight(weightCell);
    if (w !== null) return w;
  }
  return impactWeight(impactLevel) ?? 1;
}

// ---------------------------------------------------------------------------------------------
// 5. Category scores and overall health for one account and one month
// ---------------------------------------------------------------------------------------------

export type KpiInput = {
  /** Stable identity across months (e.g. the KPI id); default: normalised category + name. */
  key?: string;
  name: string;
  category: string;
  value: number | null;
  weight: string | null;
  impactLevel: string | null;
};

export type ScoreInput = {
  kpis: KpiInput[];
  /** A Map must be keyed by `normalizeName(kpiName)` (see `indexRanges`). Ranges are assumed valid. */
  ranges: Map<string, Range> | Range[];
  /** `customer_configs.category_weights` (fractions); null: every scored category weighs the same. */
  categoryWeights: Record<string, number> | null;
};

export type CategoryScore = {
  /** The spelling of the first KPI seen in this category. */
  category: string;
  score: number | null;
  /** W_c as configured (0 if absent from the weights); 1 for every category when there are no weights. */
  weight: number;
  /** W_c / sum of W over the categories that count in the overall; null when this one does not count. */
  shareOfOverall: number | null;
  validKpis: number;
  totalKpis: number;
};

export type KpiScore = {
  key: string;
  name: string;
  /** The category as reported in `categories` (first spelling seen). */
  category: string;
  value: number | null;
  range: Range | null;
  status: Status | null;
  score: number | null;
  band: Band | null;
  /** w_k from spec 4 (also for KPIs that are not valid this month). */
  weight: number;
  /** w_k / sum of w over the valid KPIs of the category; null when the KPI is not valid. */
  shareOfCategory: number | null;
  /**
   * This KPI's points in the overall: (W_c / ΣW) * shareOfCategory * score, so that the contributions
   * sum to `overall`. 0 for a valid KPI of a category that does not count; null when the KPI is not
   * valid or there is no overall.
   */
  contribution: number | null;
};

export type AccountMonthScore = {
  overall: number | null;
  status: Status | null;
  totalKpis: number;
  validKpis: number;
  categories: CategoryScore[];
  kpis: KpiScore[];
  /** Scored categories absent from `categoryWeights` (weight 0): the import report must say so. */
  unweightedCategories: string[];
};

/** Default identity of a KPI across months: normalised category and name (spec 6). */
export function kpiKey(category: string, name: string): string {
  return `${normalizeName(category)}\u0000${normalizeName(name)}`;
}

type CategoryAcc = {
  category: string;
  totalKpis: number;
  kpis: KpiScore[];
  valid: KpiScore[];
};

/**
 * Shares of positive finite weights (w_i / sum w), computed on weights scaled by the largest one so
 * that neither tiny (subnormal) nor huge weights lose the result to underflow or overflow.
 */
function sharesOf(weights: number[]): number[] {
  const max = Math.max(...weights);
  const scaled = weights.map((w) => w / max);
  const sum = scaled.reduce((a, b) => a + b, 0);
  return scaled.map((w) => w / sum);
}

/**
 * Scores one account for one month (spec 5). A weighted mean is computed as sum(share_i * x_i)
 * with share_i = w_i / sum(w) (same value as sum(w_i * x_i) / sum(w) up to rounding), so that the
 * KPI contributions add up to the overall.
 */
export function scoreAccountMonth(input: ScoreInput): AccountMonthScore {
  const ranges = input.ranges instanceof Map ? input.ranges : indexRanges(input.ranges);

  const cats = new Map<string, CategoryAcc>();
  const kpis: KpiScore[] = [];
  let validKpis = 0;

  for (const k of input.kpis) {
    const catKey = normalizeName(k.category);
    let acc = cats.get(catKey);
    if (!acc) {
      acc = { category: k.category.trim(), totalKpis: 0, kpis: [], valid: [] };
      cats.set(catKey, acc);
    }
    const range = ranges.get(normalizeName(k.name)) ?? null;
    const value = typeof k.value === 'number' && Number.isFinite(k.value) ? k.value : null;
    const scored = value !== null && range !== null ? scoreValue(value, range) : null;
    const row: KpiScore = {
      key: k.key ?? kpiKey(k.category, k.name),
      name: k.name,
      category: acc.category,
      value,
      range,
      status: scored?.status ?? null,
      score: scored?.score ?? null,
      band: scored?.band ?? null,
      weight: kpiWeight(k.weight, k.impactLevel),
      shareOfCategory: null,
      contribution: null,
    };
    acc.totalKpis++;
    acc.kpis.push(row);
    kpis.push(row);
    if (scored) {
      acc.valid.push(row);
      validKpis++;
    }
  }

  let configured: Map<string, number> | null = null;
  if (input.categoryWeights) {
    configured = new Map();
    for (const [name, w] of Object.entries(input.categoryWeights)) {
      const key = normalizeName(name);
      if (!configured.has(key)) configured.set(key, w);
    }
  }

  const unweightedCategories: string[] = [];
  const categories: CategoryScore[] = [];
  const counted: Array<{ category: CategoryScore; valid: KpiScore[] }> = [];
  for (const [catKey, acc] of cats) {
    let score: number | null = null;
    if (acc.valid.length > 0) {
      const shares = sharesOf(acc.valid.map((k) => k.weight));
      let sum = 0;
      for (let i = 0; i < shares.length; i++) {
        const k = acc.valid[i];
        k.shareOfCategory = shares[i];
        sum += shares[i] * (k.score as number);
      }
      score = sum;
    }
    let weight = 1;
    if (configured) {
      const w = configured.get(catKey);
      weight = typeof w === 'number' && Number.isFinite(w) && w > 0 ? w : 0;
      if (score !== null && w === undefined) unweightedCategories.push(acc.category);
    }
    const category: CategoryScore = {
      category: acc.category,
      score,
      weight,
      shareOfOverall: null,
      validKpis: acc.valid.length,
      totalKpis: acc.totalKpis,
    };
    categories.push(category);
    if (score !== null && weight > 0) counted.push({ category, valid: acc.valid });
  }

  let overall: number | null = null;
  if (counted.length > 0) {
    const shares = sharesOf(counted.map((c) => c.category.weight));
    let sum = 0;
    for (let i = 0; i < shares.length; i++) {
      const { category, valid } = counted[i];
      category.shareOfOverall = shares[i];
      sum += shares[i] * (category.score as number);
      for (const k of valid) k.contribution = shares[i] * (k.shareOfCategory as number) * (k.score as number);
    }
    overall = sum;
    // valid KPIs of a category that does not count (weight 0) contribute nothing
    for (const k of kpis) if (k.score !== null && k.contribution === null) k.contribution = 0;
  }

  return {
    overall,
    status: overall === null ? null : statusOf(overall),
    totalKpis: input.kpis.length,
    validKpis,
    categories,
    kpis,
    unweightedCategories,
  };
}

// ---------------------------------------------------------------------------------------------
// Explaining a change of the overall between two months
// ---------------------------------------------------------------------------------------------

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

export type HealthTrendColumn =
  | 'relationship_strength_score'
  | 'product_usage_score'
  | 'support_score'
  | 'customer_sentiment_score'
  | 'business_outcomes_score';

/** Normalised default category -> `health_trends` column (spec 7). */
export const HEALTH_TREND_COLUMNS: Readonly<Record<string, HealthTrendColumn>> = Object.freeze({
  'relationship strength': 'relationship_strength_score',
  'adoption & engagement': 'product_usage_score',
  'support & experience': 'support_score',
  'product value': 'customer_sentiment_score',
  'business outcomes': 'business_outcomes_score',
});

/** The `health_trends` column of a category (any spelling), or null for a customer's own category. */
export function healthTrendColumn(category: string): HealthTrendColumn | null {
  return HEALTH_TREND_COLUMNS[normalizeName(category)] ?? null;
}

/**
 * Rounds to 2 decimals, half away from zero, on the decimal digits as shown (1.005 -> 1.01,
 * -2.345 -> -2.35), for storing and showing. Non-finite numbers pass through; -0 becomes 0.
 */
export function round2(x: number): number {
  if (!Number.isFinite(x)) return x;
  const abs = Math.abs(x);
  if (abs >= 1e15) return x;
  if (abs < 1e-6) return 0;
  // Fast path: far from a half-way point, plain arithmetic rounds the same way as the decimal
  // digits do. Near one (x.xx5), round on the decimal text, as shown.
  const scaled = abs * 100;
  const frac = scaled - Math.floor(scaled);
  if (Math.abs(frac - 0.5) > 1e-6) {
    const q = Math.round(scaled) / 100;
    return x < 0 && q !== 0 ? -q : q;
  }
  const r = Number(`${Math.round(Number(`${abs}e2`))}e-2`);
  return x < 0 && r !== 0 ? -r : r;
}
