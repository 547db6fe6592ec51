import { describe, expect, it } from 'vitest';
import { checkWeightRows, rowsOf } from '../../../renderer/settings/weights';
import { rangeFaultList, rangeSchema } from '../../../shared/scoring';
import { boundsFromEdges, edgeFaults, edgeLabels, edgesOf, parseTypedNumber } from '../../../shared/scoring/band-edges';

const row = (key: number, category: string, percent: string) => ({ key, category, percent });

describe('numbers as typed', () => {
  it('reads digits with a point or a comma and a sign, and refuses everything else instead of coercing it', () => {
    expect(parseTypedNumber(' 12.5 ')).toBe(12.5);
    expect(parseTypedNumber('12,5')).toBe(12.5);
    expect(parseTypedNumber('-100')).toBe(-100);
    expect(parseTypedNumber('.5')).toBe(0.5);
    for (const bad of ['', ' ', 'abc', '1e3', '0x10', '12abc', '1.2.3', 'Infinity', '--1'])
      expect(parseTypedNumber(bad)).toBeNull();
  });
});

describe('the weights editor', () => {
  it('stored fractions become percentages and back', () => {
    const rows = rowsOf({ Adoption: 0.2, Value: 0.8 });
    expect(rows).toEqual([row(0, 'Adoption', '20'), row(1, 'Value', '80')]);
    expect(checkWeightRows(rows)).toEqual({ weights: { Adoption: 0.2, Value: 0.8 }, total: 100, faults: [] });
  });

  it('a weight of "abc" is refused with a sentence at that field, not read as 0', () => {
    const r = checkWeightRows([row(1, 'Adoption', 'abc'), row(2, 'Value', '100')]);
    expect(r.faults).toEqual([
      {
        key: 1,
        field: 'percent',
        text: '"abc" is not a number: enter the weight of Adoption as a percentage, such as 25.',
      },
    ]);
    expect(r.weights).toEqual({ Value: 1 });
    expect(r.total).toBe(100);
  });

  it('empty, negative and over-100 weights, a percent sign, and a comma', () => {
    const r = checkWeightRows([
      row(1, 'A', ''),
      row(2, 'B', '-5'),
      row(3, 'C', '120'),
      row(4, 'D', '40 %'),
      row(5, 'E', '60,5'),
    ]);
    expect(r.faults.map((f) => [f.key, f.text])).toEqual([
      [1, 'Enter a weight for A (0 if it should not count).'],
      [2, 'The weight of B cannot be negative.'],
      [3, 'The weight of C cannot be more than 100%.'],
    ]);
    expect(r.weights).toEqual({ D: 0.4, E: 0.605 });
    expect(r.total).toBe(100.5);
  });

  it('a category without a name, and one named twice (after normalising), are pointed out at the name', () => {
    const r = checkWeightRows([row(1, 'Product Value', '50'), row(2, ' ', '0'), row(3, 'product  value', '50')]);
    expect(r.faults).toEqual([
      { key: 2, field: 'category', text: 'Enter the name of category 2.' },
      { key: 3, field: 'category', text: '"product  value" is the same category as row 1.' },
    ]);
  });
});

describe('a range as its band edges', () => {
  const nps = {
    kpiName: 'NPS Score',
    unit: 'score',
    higherIsBetter: true,
    criticalMin: -100,
    criticalMax: 10,
    riskMin: 10,
    riskMax: 30,
    healthyMin: 30,
    healthyMax: 100,
  };
  const churn = {
    ...nps,
    kpiName: 'Churn Risk Score',
    higherIsBetter: false,
    healthyMin: 0,
    healthyMax: 15,
    riskMin: 15,
    riskMax: 30,
    criticalMin: 30,
    criticalMax: 100,
  };

  it('four edges from low to high, each shared by the bands it separates, in both directions', () => {
    expect(edgesOf(nps)).toEqual([-100, 10, 30, 100]);
    expect(edgeLabels(true)).toEqual(['Critical from', 'Risk from', 'Healthy from', 'Healthy up to']);
    expect(edgesOf(churn)).toEqual([0, 15, 30, 100]);
    expect(edgeLabels(false)).toEqual(['Healthy from', 'Risk from', 'Critical from', 'Critical up to']);
    for (const r of [nps, churn]) {
      const back = { ...r, ...boundsFromEdges(edgesOf(r), r.higherIsBetter) };
      expect(back).toEqual(r);
      expect(rangeFaultList(back)).toEqual([]);
    }
  });

  it('edges in increasing order always make a valid range (the bands touch by construction)', () => {
    for (const hib of [true, false])
      for (const edges of [
        [0, 1, 2, 3],
        [-100, -50, 0.5, 7],
      ])
        expect(rangeFaultList({ ...nps, higherIsBetter: hib, ...boundsFromEdges(edges, hib) })).toEqual([]);
  });

  it('an edge not above the one below it, or not a number, is named', () => {
    expect(edgeFaults([0, 40, 40, 100], true)).toEqual([
      { edge: 2, other: 1, text: 'Healthy from (40) must be more than Risk from (40).' },
    ]);
    expect(edgeFaults([0, 50, 30, 100], false)).toEqual([
      { edge: 2, other: 1, text: 'Critical from (30) must be more than Risk from (50).' },
    ]);
    expect(edgeFaults([0, null, 30, Number.NaN], true)).toEqual([
      { edge: 1, text: 'Enter Risk from as a number.' },
      { edge: 3, text: 'Enter Healthy up to as a number.' },
    ]);
  });

  it('the shared schema refuses bands that do not touch or are out of order, naming the field', () => {
    expect(rangeSchema.safeParse(nps).success).toBe(true);
    const gap = rangeSchema.safeParse({ ...nps, riskMin: 12 });
    expect(gap.success).toBe(false);
    expect(gap.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['riskMin', 'risk_min (12) must equal critical_max (10) so the bands touch'],
    ]);
    const reversed = rangeSchema.safeParse({ ...nps, healthyMax: 20 });
    expect(reversed.error?.issues[0]?.message).toBe('healthy_min (30) must be less than healthy_max (20)');
  });
});
