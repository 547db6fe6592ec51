import { describe, expect, it } from 'vitest';
import {
  describeRangeFault,
  HEALTH_TREND_COLUMNS,
  healthTrendColumn,
  kpiWeight,
  RANGE_FIELD_NAMES,
  type Range,
  rangeFaultList,
  rangeFaults,
  round2,
  validateCategoryWeights,
  validateRange,
  weightCoverage,
} from '../../../shared/scoring';
import { CHURN, NPS } from './ranges';

describe('kpiWeight', () => {
  it.each([
    ['30%', 'Low', 30], // the importer's text for a percent cell
    ['30 %', null, 30],
    ['0.3', 'Low', 0.3],
    ['12.5', null, 12.5],
    ['1,250', null, 1250], // thousands separators
    ['1,250.5%', null, 1250.5],
    ['1e2', null, 100],
    [' 7 ', 'Critical', 7],
    ['0', 'High', 3], // not > 0: falls through to the impact level
    ['0%', 'Medium', 2],
    ['-2', 'High', 3],
    ['0,3', 'High', 3], // not a thousands group: not a number
    ['30abc', 'High', 3], // not plainly a number
    ['NaN', 'High', 3],
    ['Infinity', 'High', 3],
    ['High', 'Low', 3], // the weight cell as a word wins over the impact level
    ['  critical ', null, 4],
    ['CRITICAL', null, 4],
    ['medium', null, 2],
    ['LOW', 'Critical', 1],
    ['important', 'medium', 2], // neither number nor word: impact level
    ['', 'Low', 1],
    [null, 'High', 3],
    [null, 'Unknown', 1],
    [null, null, 1],
    ['', null, 1],
  ] as Array<[string | null, string | null, number]>)('weight %j, impact %j -> %d', (weight, impact, expected) => {
    expect(kpiWeight(weight, impact)).toBe(expected);
  });
});

describe('validateRange', () => {
  it('accepts the default ranges', () => {
    expect(validateRange(NPS)).toBeNull();
    expect(validateRange(CHURN)).toBeNull();
  });
  it.each([
    [{ ...NPS, riskMin: 12 }, 'NPS Score: risk_min (12) must equal critical_max (10) so the bands touch'],
    [{ ...NPS, healthyMin: 31 }, 'NPS Score: healthy_min (31) must equal risk_max (30) so the bands touch'],
    [{ ...NPS, criticalMin: 10 }, 'NPS Score: critical_min (10) must be less than critical_max (10)'],
    [{ ...NPS, riskMax: 5, healthyMin: 5 }, 'NPS Score: risk_min (10) must be less than risk_max (5)'],
    [{ ...NPS, healthyMax: 20 }, 'NPS Score: healthy_min (30) must be less than healthy_max (20)'],
    [{ ...CHURN, riskMin: 16 }, 'Churn Risk Score: risk_min (16) must equal healthy_max (15) so the bands touch'],
    [{ ...CHURN, criticalMin: 31 }, 'Churn Risk Score: critical_min (31) must equal risk_max (30) so the bands touch'],
    // lower-is-better bounds flagged higher is better: the bands do not touch that way round
    [
      { ...CHURN, higherIsBetter: true },
      'Churn Risk Score: risk_min (15) must equal critical_max (100) so the bands touch',
    ],
    [{ ...NPS, criticalMin: Number.NaN }, 'NPS Score: critical_min (NaN) is not a finite number'],
    [{ ...NPS, healthyMax: Number.POSITIVE_INFINITY }, 'NPS Score: healthy_max (Infinity) is not a finite number'],
    [{ ...NPS, kpiName: '  ' }, 'Reference range: kpi_name is empty'],
    [{ ...NPS, unit: '' }, 'NPS Score: unit is empty'],
  ] as Array<[Range, string]>)('%#: %s', (range, message) => {
    expect(validateRange(range)).toBe(message);
  });
  it('names the fields at fault, so that each side phrases them with its own names', () => {
    const range = { ...NPS, riskMin: 12 };
    const [fault] = rangeFaultList(range);
    expect(fault).toEqual({ kind: 'not-touching', field: 'riskMin', other: 'criticalMax' });
    const labels = { ...RANGE_FIELD_NAMES, riskMin: 'Risk from', criticalMax: 'Critical to' };
    expect(describeRangeFault(fault, range, labels)).toBe(
      'Risk from (12) must equal Critical to (10) so the bands touch',
    );
    expect(rangeFaultList({ ...NPS, kpiName: '', healthyMax: Number.NaN })).toEqual([
      { kind: 'empty', field: 'kpiName' },
      { kind: 'not-finite', field: 'healthyMax' },
    ]);
  });
  it('rangeFaults lists every fault', () => {
    expect(rangeFaults({ ...NPS, riskMin: 12, healthyMin: 31 })).toEqual([
      'NPS Score: risk_min (12) must equal critical_max (10) so the bands touch',
      'NPS Score: healthy_min (31) must equal risk_max (30) so the bands touch',
    ]);
  });
});

describe('validateCategoryWeights', () => {
  const defaults = {
    'Relationship Strength': 0.2,
    'Adoption & Engagement': 0.25,
    'Support & Experience': 0.2,
    'Product Value': 0.2,
    'Business Outcomes': 0.15,
  };
  it('accepts the default weights and a sum within 1e-6 of 1', () => {
    expect(validateCategoryWeights(defaults)).toBeNull();
    expect(validateCategoryWeights({ A: 0.5, B: 0.5000005 })).toBeNull();
    expect(validateCategoryWeights({ A: 1, B: 0 })).toBeNull();
  });
  it.each([
    [{ ...defaults, 'Business Outcomes': 0.1 }, 'Category weights must sum to 100% (they sum to 95%)'],
    [{ A: 20, B: 80 }, 'Category weights must sum to 100% (they sum to 10000%)'],
    [{}, 'Category weights must sum to 100% (they sum to 0%)'],
    [{ A: 0.5, B: 0.500002 }, 'Category weights must sum to 100% (they sum to 100%)'],
    [{ A: 1.2, B: -0.2 }, 'Category weights: B (-0.2) must not be negative'],
    [{ A: Number.NaN, B: 1 }, 'Category weights: A (NaN) is not a number'],
    [{ A: '0.5' as unknown as number, B: 0.5 }, 'Category weights: A (0.5) is not a number'],
    [
      { 'Product Value': 0.5, ' product  VALUE': 0.5 },
      'Category weights: " product  VALUE" and "Product Value" are the same category',
    ],
    [{ ' ': 1 }, 'Category weights: a category name is empty'],
  ] as Array<[Record<string, number>, string]>)('%#: %s', (weights, message) => {
    expect(validateCategoryWeights(weights)).toBe(message);
  });
});

describe('weightCoverage', () => {
  const data = ['Relationship Strength', 'Product Value'];
  it('finds a mistyped weight and the category of the data it leaves without a weight', () => {
    expect(weightCoverage(['Relationship Strenght', ' product  VALUE', 'Business Outcomes'], data)).toEqual({
      unused: ['Relationship Strenght', 'Business Outcomes'],
      unweighted: ['Relationship Strength'],
    });
  });
  it('is silent when every category of the data has a weight, and before any data', () => {
    expect(weightCoverage(['relationship strength', 'Product Value'], data)).toEqual({ unused: [], unweighted: [] });
    expect(weightCoverage(['Relationship Strenght', ''], [])).toEqual({ unused: [], unweighted: [] });
  });
});

describe('HEALTH_TREND_COLUMNS', () => {
  it('maps the five default categories by normalised name', () => {
    expect(HEALTH_TREND_COLUMNS).toEqual({
      'relationship strength': 'relationship_strength_score',
      'adoption & engagement': 'product_usage_score',
      'support & experience': 'support_score',
      'product value': 'customer_sentiment_score',
      'business outcomes': 'business_outcomes_score',
    });
    expect(healthTrendColumn(' PRODUCT  value ')).toBe('customer_sentiment_score');
    expect(healthTrendColumn('Security Posture')).toBeNull();
  });
});

describe('round2', () => {
  it.each([
    [76.42857142857143, 76.43],
    [1.005, 1.01],
    [-2.345, -2.35],
    [70, 70],
    [69.995, 70],
    [0.004, 0],
    [1e-7, 0],
    [44.6753, 44.68],
  ])('%d -> %d', (x, expected) => {
    expect(round2(x)).toBe(expected);
  });
  it('never returns -0', () => {
    expect(Object.is(round2(-0.001), 0)).toBe(true);
  });
});
