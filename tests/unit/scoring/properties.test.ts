import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainChange, type KpiInput, type Range, scoreAccountMonth, scoreValue } from '../../../shared/scoring';
import { CHURN, CSAT, NPS, QBR } from './ranges';

const RUNS = { numRuns: 1000 };

/** A valid range from 4 strictly increasing breakpoints, in either direction. */
function rangeFrom(p: number[], higherIsBetter: boolean): Range {
  const [a, b, c, d] = p;
  return higherIsBetter
    ? {
        kpiName: 'K',
        unit: 'u',
        higherIsBetter,
        criticalMin: a,
        criticalMax: b,
        riskMin: b,
        riskMax: c,
        healthyMin: c,
        healthyMax: d,
      }
    : {
        kpiName: 'K',
        unit: 'u',
        higherIsBetter,
        healthyMin: a,
        healthyMax: b,
        riskMin: b,
        riskMax: c,
        criticalMin: c,
        criticalMax: d,
      };
}

/** Any doubles (within +-1e300, so that b - a cannot overflow), sorted and strictly increasing. */
const anyBreakpoints = fc
  .array(fc.double({ min: -1e300, max: 1e300, noNaN: true }), { minLength: 4, maxLength: 4 })
  .map((xs) => [...xs].sort((x, y) => x - y))
  .filter((xs) => xs[0] < xs[1] && xs[1] < xs[2] && xs[2] < xs[3]);

/** Realistic breakpoints: integers on a grid of 1, 0.1, 0.01 or 0.001. */
const gridBreakpoints = fc
  .tuple(
    fc.integer({ min: -1_000_000, max: 1_000_000 }),
    fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 3, maxLength: 3 }),
    fc.constantFrom(1, 10, 100, 1000),
  )
  .map(([base, gaps, scale]) => {
    const p = [base];
    for (const g of gaps) p.push(p[p.length - 1] + g);
    return p.map((x) => x / scale);
  });

const anyRange = fc.tuple(anyBreakpoints, fc.boolean()).map(([p, h]) => rangeFrom(p, h));
const gridRange = fc.tuple(gridBreakpoints, fc.boolean()).map(([p, h]) => rangeFrom(p, h));
const anyValue = fc.double({ noNaN: true });
/** Values near and inside the range: its breakpoints, points between them and beyond them. */
const valueFor = (r: Range) => {
  const lo = Math.min(r.criticalMin, r.healthyMin);
  const hi = Math.max(r.criticalMax, r.healthyMax);
  const span = hi - lo;
  return fc.oneof(
    fc.constantFrom(r.criticalMin, r.criticalMax, r.riskMin, r.riskMax, r.healthyMin, r.healthyMax),
    fc.double({ min: lo - span, max: hi + span, noNaN: true }),
    anyValue,
  );
};

function nextDown(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  const f = new Float64Array([x]);
  const i = new BigInt64Array(f.buffer);
  i[0] += x > 0 ? -1n : 1n;
  return f[0];
}
const nextUp = (x: number) => -nextDown(-x);

describe('scoreValue properties', () => {
  it('scores lie within 0..100', () => {
    fc.assert(
      fc.property(anyRange, anyValue, (r, v) => {
        const { score } = scoreValue(v, r);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }),
      RUNS,
    );
  });

  it('status and score agree: Healthy iff >= 70, Risk iff 40 <= s < 70, Critical iff < 40', () => {
    fc.assert(
      fc.property(
        anyRange.chain((r) => fc.tuple(fc.constant(r), valueFor(r))),
        ([r, v]) => {
          const { status, score } = scoreValue(v, r);
          expect(status === 'Healthy').toBe(score >= 70);
          expect(status === 'Risk').toBe(score >= 40 && score < 70);
          expect(status === 'Critical').toBe(score < 40);
        },
      ),
      RUNS,
    );
  });

  it('a value exactly on a boundary takes the better band at its bottom score', () => {
    fc.assert(
      fc.property(anyRange, (r) => {
        const healthyEdge = r.higherIsBetter ? r.healthyMin : r.healthyMax;
        const riskEdge = r.higherIsBetter ? r.riskMin : r.riskMax;
        expect(scoreValue(healthyEdge, r)).toMatchObject({ status: 'Healthy', score: 70 });
        expect(scoreValue(riskEdge, r)).toMatchObject({ status: 'Risk', score: 40 });
        const best = r.higherIsBetter ? r.healthyMax : r.healthyMin;
        const worst = r.higherIsBetter ? r.criticalMin : r.criticalMax;
        expect(scoreValue(best, r)).toMatchObject({ status: 'Healthy', score: 100 });
        expect(scoreValue(worst, r)).toMatchObject({ status: 'Critical', score: 0 });
      }),
      RUNS,
    );
  });

  it('is monotonic in the value, in the direction of the range', () => {
    fc.assert(
      fc.property(
        anyRange.chain((r) => fc.tuple(fc.constant(r), valueFor(r), valueFor(r))),
        ([r, a, b]) => {
          const [v1, v2] = a <= b ? [a, b] : [b, a];
          const s1 = scoreValue(v1, r).score;
          const s2 = scoreValue(v2, r).score;
          if (r.higherIsBetter) expect(s1).toBeLessThanOrEqual(s2);
          else expect(s1).toBeGreaterThanOrEqual(s2);
        },
      ),
      RUNS,
    );
  });

  it('is continuous across band boundaries (the limit from the worse side is the boundary score)', () => {
    fc.assert(
      fc.property(gridRange, (r) => {
        const edges = r.higherIsBetter ? [r.riskMin, r.healthyMin] : [r.riskMax, r.healthyMax];
        for (const edge of edges) {
          const worse = r.higherIsBetter ? nextDown(edge) : nextUp(edge);
          const at = scoreValue(edge, r);
          const near = scoreValue(worse, r);
          expect(near.status).not.toBe(at.status);
          expect(Math.abs(near.score - at.score)).toBeLessThan(1e-6);
        }
      }),
      RUNS,
    );
  });
});

// --- account months -------------------------------------------------------------------------

const RANGES = [NPS, QBR, CSAT, CHURN];
const kpiName = fc
  .tuple(
    fc.constantFrom('NPS Score', 'QBR Attendance Rate', 'CSAT Score', 'Churn Risk Score', 'Unknown KPI'),
    fc.boolean(),
  )
  .map(([n, shout]) => (shout ? `  ${n.toUpperCase()} ` : n));
const category = fc.constantFrom(
  'Relationship Strength',
  ' relationship  strength',
  'Support & Experience',
  'Business Outcomes',
  'Custom',
);
const value = fc.option(fc.double({ min: -200, max: 200, noNaN: true }), { nil: null });
const weightCell = fc.option(fc.constantFrom('30%', '0.3', '12', '1,000', 'High', 'low', '0', 'junk'), { nil: null });
const impact = fc.option(fc.constantFrom('Critical', 'High', 'Medium', 'Low', '?'), { nil: null });
const categoryWeights = fc.option(
  fc.dictionary(
    fc.constantFrom('Relationship Strength', 'SUPPORT & EXPERIENCE', 'Business Outcomes', 'Other'),
    fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
  ),
  { nil: null },
);
const kpiRow = fc.record({ name: kpiName, category, value, weight: weightCell, impactLevel: impact, next: value });
const month = fc.record({ rows: fc.array(kpiRow, { maxLength: 25 }), categoryWeights });

const inputs = (rows: Array<KpiInput & { next: number | null }>, useNext: boolean): KpiInput[] =>
  rows.map(({ next, ...k }) => ({ ...k, value: useNext ? next : k.value }));

describe('scoreAccountMonth properties', () => {
  it('the KPI contributions sum to the overall, which lies between the category scores', () => {
    fc.assert(
      fc.property(month, ({ rows, categoryWeights }) => {
        const r = scoreAccountMonth({ kpis: inputs(rows, false), ranges: RANGES, categoryWeights });
        expect(r.totalKpis).toBe(rows.length);
        expect(r.validKpis).toBe(r.kpis.filter((k) => k.score !== null).length);
        for (const c of r.categories) {
          const shares = r.kpis.filter((k) => k.category === c.category && k.shareOfCategory !== null);
          if (c.score === null) expect(shares).toHaveLength(0);
          else expect(Math.abs(shares.reduce((s, k) => s + k.shareOfCategory!, 0) - 1)).toBeLessThan(1e-12);
        }
        if (r.overall === null) {
          expect(r.status).toBeNull();
          expect(r.kpis.every((k) => k.contribution === null)).toBe(true);
          return;
        }
        const sum = r.kpis.reduce((s, k) => s + (k.contribution ?? 0), 0);
        expect(Math.abs(sum - r.overall)).toBeLessThan(1e-9);
        const counted = r.categories.filter((c) => c.shareOfOverall !== null).map((c) => c.score!);
        expect(r.overall).toBeGreaterThanOrEqual(Math.min(...counted) - 1e-9);
        expect(r.overall).toBeLessThanOrEqual(Math.max(...counted) + 1e-9);
      }),
      RUNS,
    );
  });

  it('explainChange deltas sum to the change of the overall', () => {
    fc.assert(
      fc.property(month, ({ rows, categoryWeights }) => {
        const prev = scoreAccountMonth({ kpis: inputs(rows, false), ranges: RANGES, categoryWeights });
        const curr = scoreAccountMonth({ kpis: inputs(rows, true), ranges: RANGES, categoryWeights });
        const ex = explainChange(prev, curr);
        if (prev.overall === null || curr.overall === null) {
          expect(ex.change).toBeNull();
          return;
        }
        expect(ex.change).toBe(curr.overall - prev.overall);
        const sum = ex.contributions.reduce((s, c) => s + c.delta, 0);
        expect(Math.abs(sum - ex.change!)).toBeLessThan(1e-9);
        for (let i = 1; i < ex.contributions.length; i++) {
          expect(Math.abs(ex.contributions[i - 1].delta)).toBeGreaterThanOrEqual(Math.abs(ex.contributions[i].delta));
        }
      }),
      RUNS,
    );
  });
});
