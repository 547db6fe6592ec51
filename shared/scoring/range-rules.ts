/** The rules a reference range must satisfy (scoring spec 2) and the index by KPI name. */
import { normalizeName } from '../names';
import type { Range } from './range';

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
