import { describe, expect, it } from 'vitest';
import { draftEdits, editCount, parseInput } from '../../../renderer/account/whatif';
import type { ReceiptKpi } from '../../../shared/channels/scoring';
import type { Range } from '../../../shared/scoring';

/** What the user types in the what-if becomes edits: only what differs from the receipt counts. */
const nps: Range = {
  kpiName: 'NPS Score',
  unit: 'score',
  higherIsBetter: true,
  criticalMin: -100,
  criticalMax: 0,
  riskMin: 0,
  riskMax: 30,
  healthyMin: 30,
  healthyMax: 100,
};
const kpi = (key: string, name: string, value: number | null, range: Range | null) =>
  ({ key, name, category: 'Relationship', value, range }) as ReceiptKpi;
const receipt = {
  kpis: [kpi('a', 'NPS Score', 12, nps), kpi('b', 'Logins', 40, null)],
  categories: [{ category: 'Relationship' }, { category: 'Usage' }] as never,
};
const base = { Relationship: 0.5, Usage: 0.5 };

describe('what-if draft to edits', () => {
  it('reads numbers as typed, a decimal comma too, and nothing from blanks or words', () => {
    expect(parseInput(' 12,5 ')).toBe(12.5);
    expect(parseInput('-3')).toBe(-3);
    expect(parseInput('')).toBeNull();
    expect(parseInput('   ')).toBeNull();
    expect(parseInput('abc')).toBeNull();
    expect(parseInput(undefined)).toBeNull();
  });

  it('keeps no edit when the typed values equal the receipt', () => {
    const e = draftEdits(
      receipt,
      { values: { a: '12' }, bounds: { 'nps score': { riskMax: '30' } }, weights: { Usage: '50' } },
      base,
    );
    expect(editCount(e)).toBe(0);
  });

  it('turns a changed value, bound and weight (percent) into one edit each', () => {
    const e = draftEdits(
      receipt,
      {
        values: { a: '45', b: 'x' },
        bounds: { 'nps score': { riskMax: '25', healthyMin: '25' } },
        weights: { Usage: '25' },
      },
      base,
    );
    expect(e.values).toEqual({ a: 45 });
    expect(e.ranges['NPS Score']).toEqual({ ...nps, riskMax: 25, healthyMin: 25 });
    expect(e.weights).toEqual({ Usage: 0.25 });
    expect(editCount(e)).toBe(3);
  });

  it('ignores bounds typed for a KPI without a range', () => {
    const e = draftEdits(receipt, { values: {}, bounds: { logins: { riskMax: '5' } }, weights: {} }, base);
    expect(e.ranges).toEqual({});
  });
});
