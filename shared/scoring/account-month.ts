/** Category scores and the overall health of one account for one month (spec 5). */
import { normalizeName } from '../names';
import type { Range } from './range';
import { indexRanges } from './range-rules';
import { type Band, type Status, scoreValue, statusOf } from './value';
import { kpiWeight } from './weights';

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

/** Step 1: every KPI scored against its range and grouped by category (first spelling kept). */
function scoreKpis(input: ScoreInput): { cats: Map<string, CategoryAcc>; kpis: KpiScore[]; validKpis: number } {
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
      // Shown in the reference range's spelling where one matches (the upload keeps the workbook's own).
      name: range?.kpiName ?? k.name,
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
  return { cats, kpis, validKpis };
}

/** The configured category weights keyed by normalised name (first spelling wins), or null. */
function configuredWeights(weights: ScoreInput['categoryWeights']): Map<string, number> | null {
  if (!weights) return null;
  const configured = new Map<string, number>();
  for (const [name, w] of Object.entries(weights)) {
    const key = normalizeName(name);
    if (!configured.has(key)) configured.set(key, w);
  }
  return configured;
}

/** The weighted mean of a category's valid KPIs, setting each KPI's share of the category. */
function categoryMean(valid: KpiScore[]): number | null {
  if (valid.length === 0) return null;
  const shares = sharesOf(valid.map((k) => k.weight));
  let sum = 0;
  for (let i = 0; i < shares.length; i++) {
    valid[i].shareOfCategory = shares[i];
    sum += shares[i] * (valid[i].score as number);
  }
  return sum;
}

type Counted = { category: CategoryScore; valid: KpiScore[] };

/** Step 2: each category's score and weight; the categories that count toward the overall. */
function scoreCategories(cats: Map<string, CategoryAcc>, configured: Map<string, number> | null) {
  const unweightedCategories: string[] = [];
  const categories: CategoryScore[] = [];
  const counted: Counted[] = [];
  for (const [catKey, acc] of cats) {
    const score = categoryMean(acc.valid);
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
  return { categories, counted, unweightedCategories };
}

/** Step 3: the overall as the weighted mean of the counted categories, with each KPI's contribution. */
function overallOf(counted: Counted[], kpis: KpiScore[]): number | null {
  if (counted.length === 0) return null;
  const shares = sharesOf(counted.map((c) => c.category.weight));
  let sum = 0;
  for (let i = 0; i < shares.length; i++) {
    const { category, valid } = counted[i];
    category.shareOfOverall = shares[i];
    sum += shares[i] * (category.score as number);
    for (const k of valid) k.contribution = shares[i] * (k.shareOfCategory as number) * (k.score as number);
  }
  // valid KPIs of a category that does not count (weight 0) contribute nothing
  for (const k of kpis) if (k.score !== null && k.contribution === null) k.contribution = 0;
  return sum;
}

/**
 * Scores one account for one month (spec 5). A weighted mean is computed as sum(share_i * x_i)
 * with share_i = w_i / sum(w) (same value as sum(w_i * x_i) / sum(w) up to rounding), so that the
 * KPI contributions add up to the overall.
 */
export function scoreAccountMonth(input: ScoreInput): AccountMonthScore {
  const { cats, kpis, validKpis } = scoreKpis(input);
  const { categories, counted, unweightedCategories } = scoreCategories(cats, configuredWeights(input.categoryWeights));
  const overall = overallOf(counted, kpis);
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
