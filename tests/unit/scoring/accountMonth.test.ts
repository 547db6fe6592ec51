import { describe, expect, it } from 'vitest';
import {
  type AccountMonthScore,
  type ChangeExplanation,
  explainChange,
  formatChange,
  indexRanges,
  type KpiInput,
  scoreAccountMonth,
} from '../../../shared/scoring';
import { CHURN, CSAT, NPS, QBR } from './ranges';

const ranges = [NPS, QBR, CSAT, CHURN];
const kpi = (
  category: string,
  name: string,
  value: number | null,
  weight: string | null = null,
  impact: string | null = null,
): KpiInput => ({
  name,
  category,
  value,
  weight,
  impactLevel: impact,
});

const month: KpiInput[] = [
  kpi('Relationship Strength', 'NPS Score', 45, '30%'), // Healthy 76.43, w 30
  kpi('Relationship Strength', '  qbr ATTENDANCE   rate', 65, null, 'High'), // Risk 55, w 3
  kpi('Relationship Strength', 'Stakeholder Coverage', 3, '25%'), // no range: counted, not scored
  kpi(' relationship  STRENGTH', 'Champion Strength', null), // same category, other spelling; no value
  kpi('Support & Experience', 'CSAT Score', 3.9, '0.3', 'Critical'), // Risk 55, w 0.3
  kpi('Support & Experience', 'First Response Time', null, 'High'), // no value, no range
  kpi('Business Outcomes', 'Churn Risk Score', 22.5), // Risk 55, w 1
  kpi('Security Posture', 'NPS Score', 10, null, 'low'), // Risk 40 in a category absent from the weights
  kpi('Product Value', 'ROI Realized', 120, '30%'), // no range: the category has no score
];
const weights = {
  'RELATIONSHIP STRENGTH': 0.5,
  'Support & Experience': 0.3,
  'Business Outcomes': 0.2,
  'Product Value': 0,
};
const RS = (30 * (70 + (30 * 15) / 70) + 3 * 55) / 33;

describe('scoreAccountMonth', () => {
  const r = scoreAccountMonth({ kpis: month, ranges, categoryWeights: weights });

  it("names a KPI with a range in the range's spelling, and one without as the workbook has it", () => {
    expect(r.kpis.map((k) => k.name)).toEqual([
      'NPS Score',
      'QBR Attendance Rate',
      'Stakeholder Coverage',
      'Champion Strength',
      'CSAT Score',
      'First Response Time',
      'Churn Risk Score',
      'NPS Score',
      'ROI Realized',
    ]);
  });

  it('counts every KPI and the valid ones (numeric value and matching range)', () => {
    expect(r.totalKpis).toBe(9);
    expect(r.validKpis).toBe(5);
  });

  it('scores categories as the weighted mean of their valid KPIs, grouped by normalised name', () => {
    expect(r.categories.map((c) => [c.category, c.score, c.weight, c.validKpis, c.totalKpis])).toEqual([
      ['Relationship Strength', expect.closeTo(RS, 12), 0.5, 2, 4],
      ['Support & Experience', expect.closeTo(55, 12), 0.3, 1, 2],
      ['Business Outcomes', 55, 0.2, 1, 1],
      ['Security Posture', 40, 0, 1, 1],
      ['Product Value', null, 0, 0, 1],
    ]);
    expect(r.kpis[3].category).toBe('Relationship Strength');
  });

  it('weighs the overall by the configured category weights, matched by normalised name', () => {
    expect(r.overall).toBeCloseTo(0.5 * RS + 0.3 * 55 + 0.2 * 55, 12);
    expect(r.status).toBe('Risk');
    expect(r.unweightedCategories).toEqual(['Security Posture']);
    expect(r.categories.map((c) => c.shareOfOverall)).toEqual([0.5, 0.3, 0.2, null, null]);
  });

  it('gives each KPI its status, score, weight, share and contribution', () => {
    const nps = r.kpis[0];
    expect(nps).toMatchObject({ status: 'Healthy', weight: 30, range: NPS, value: 45 });
    expect(nps.band).toEqual({ status: 'Healthy', min: 30, max: 100 });
    expect(nps.shareOfCategory).toBeCloseTo(30 / 33, 15);
    expect(nps.contribution).toBeCloseTo(0.5 * (30 / 33) * nps.score!, 12);
    expect(r.kpis[1]).toMatchObject({ status: 'Risk', score: 55, weight: 3, range: QBR });
    expect(r.kpis[2]).toMatchObject({
      range: null,
      status: null,
      score: null,
      shareOfCategory: null,
      contribution: null,
    });
    expect(r.kpis[7]).toMatchObject({ score: 40, shareOfCategory: 1, contribution: 0 }); // category weight 0
    const sum = r.kpis.reduce((s, k) => s + (k.contribution ?? 0), 0);
    expect(sum).toBeCloseTo(r.overall!, 12);
  });

  it('with no category weights, every scored category weighs the same', () => {
    const eq = scoreAccountMonth({ kpis: month, ranges: indexRanges(ranges), categoryWeights: null });
    expect(eq.overall).toBeCloseTo((RS + 55 + 55 + 40) / 4, 12);
    expect(eq.unweightedCategories).toEqual([]);
    expect(eq.categories.map((c) => c.weight)).toEqual([1, 1, 1, 1, 1]);
  });

  it('leaves out a weighted category without a score and renormalises the others', () => {
    const only = scoreAccountMonth({
      kpis: month.filter((k) => k.category === 'Business Outcomes'),
      ranges,
      categoryWeights: weights,
    });
    expect(only.overall).toBe(55);
  });

  it('has no overall without a scored category, or when every scored category weighs 0', () => {
    const none = scoreAccountMonth({
      kpis: [kpi('A', 'NPS Score', null), kpi('A', 'Unknown', 5)],
      ranges,
      categoryWeights: weights,
    });
    expect(none).toMatchObject({ overall: null, status: null, totalKpis: 2, validKpis: 0 });
    expect(none.categories[0].score).toBeNull();
    expect(scoreAccountMonth({ kpis: [], ranges, categoryWeights: null }).overall).toBeNull();
    const zero = scoreAccountMonth({ kpis: month, ranges, categoryWeights: { 'Product Value': 1 } });
    expect(zero.overall).toBeNull();
    expect(zero.kpis.every((k) => k.contribution === null)).toBe(true);
    expect(zero.unweightedCategories).toEqual([
      'Relationship Strength',
      'Support & Experience',
      'Business Outcomes',
      'Security Posture',
    ]);
  });

  it('treats a non-finite value as no value', () => {
    const nan = scoreAccountMonth({ kpis: [kpi('A', 'NPS Score', Number.NaN)], ranges, categoryWeights: null });
    expect(nan.validKpis).toBe(0);
  });
});

describe('explainChange', () => {
  const prev = scoreAccountMonth({ kpis: month, ranges, categoryWeights: weights });
  const currKpis = month.map((k) =>
    k.name === 'NPS Score' && k.category === 'Relationship Strength' ? { ...k, value: 15 } : k,
  );
  currKpis[4] = { ...currKpis[4], value: null }; // CSAT has no value this month
  currKpis[3] = { ...currKpis[3], name: 'QBR Attendance Rate', value: 90 }; // a duplicate name, as a new KPI key
  const curr = scoreAccountMonth({ kpis: currKpis, ranges, categoryWeights: weights });
  const ex = explainChange(prev, curr);

  it('breaks the change into KPI deltas that sum to it exactly', () => {
    expect(ex.change).toBe(curr.overall! - prev.overall!);
    const sum = ex.contributions.reduce((s, c) => s + c.delta, 0);
    expect(Math.abs(sum - ex.change!)).toBeLessThan(1e-9);
  });

  it('counts a KPI valid in one month only with its whole contribution', () => {
    const csat = ex.contributions.find((c) => c.name === 'CSAT Score')!;
    expect(csat.after).toBeNull();
    expect(csat.delta).toBe(-prev.kpis[4].contribution!);
  });

  it('sorts by the size of the delta', () => {
    const sizes = ex.contributions.map((c) => Math.abs(c.delta));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it('has no change without a previous overall', () => {
    expect(explainChange(null, curr)).toEqual({ change: null, contributions: [] });
    const empty: AccountMonthScore = { ...prev, overall: null };
    expect(explainChange(empty, curr).change).toBeNull();
  });
});

describe('formatChange', () => {
  const ex: ChangeExplanation = {
    change: -9.1234,
    contributions: [
      { key: 'a', name: 'CSAT Score', category: 'S', before: 10, after: 4.8, delta: -5.2 },
      { key: 'b', name: 'NPS Score', category: 'R', before: 5, after: 1.96, delta: -3.04 },
      { key: 'c', name: 'SLA Compliance', category: 'S', before: 2, after: 1.1, delta: -0.9 },
      { key: 'd', name: 'Tiny', category: 'S', before: 1, after: 1.02, delta: 0.02 },
    ],
  };
  it('lists the largest parts with one decimal', () => {
    expect(formatChange(ex, 2)).toBe('-9.1: CSAT Score -5.2, NPS Score -3.0, ...');
    expect(formatChange(ex)).toBe('-9.1: CSAT Score -5.2, NPS Score -3.0, SLA Compliance -0.9');
    expect(formatChange({ change: 2.46, contributions: [{ ...ex.contributions[0], delta: 2.46 }] })).toBe(
      '+2.5: CSAT Score +2.5',
    );
    expect(formatChange({ change: 0.01, contributions: [] })).toBe('0.0');
    expect(formatChange({ change: null, contributions: [] })).toBe('n/a');
  });

  it('writes the numbers with the formatter given (the screens use a true minus sign)', () => {
    const signed = (x: number) => `${x < 0 ? '−' : '+'}${Math.abs(x).toFixed(1)}`;
    expect(formatChange(ex, 1, signed)).toBe('−9.1: CSAT Score −5.2, ...');
  });
});
