import { describe, expect, it } from 'vitest';
import { type Range, type Status, scoreValue, statusOf } from '../../../shared/scoring';
import { CHURN, NPS } from './ranges';

type Row = [value: number, status: Status, score: number, band: [number, number]];

const table = (range: Range, rows: Row[]) =>
  it.each(rows)(`${range.kpiName} %d -> %s %d`, (value, status, score, [min, max]) => {
    const got = scoreValue(value, range);
    expect(got.status).toBe(status);
    expect(got.score).toBeCloseTo(score, 12);
    expect(got.band).toEqual({ status, min, max });
  });

describe('scoreValue, higher is better (NPS -100..10 / 10..30 / 30..100)', () => {
  it('the spec example: 45 is Healthy, 76.43 at full precision', () => {
    const got = scoreValue(45, NPS);
    expect(got.status).toBe('Healthy');
    expect(got.score).toBe(70 + (30 * 15) / 70);
    expect(got.score).toBeCloseTo(76.428571428571, 11);
  });
  table(NPS, [
    [150, 'Healthy', 100, [30, 100]], // beyond healthy_max: clamped
    [100, 'Healthy', 100, [30, 100]],
    [65, 'Healthy', 85, [30, 100]],
    [30, 'Healthy', 70, [30, 100]], // boundary: the better band
    [29.99, 'Risk', 40 + (30 * 19.99) / 20, [10, 30]],
    [20, 'Risk', 55, [10, 30]],
    [10, 'Risk', 40, [10, 30]], // boundary: the better band
    [9.999, 'Critical', (40 * 109.999) / 110, [-100, 10]],
    [0, 'Critical', 400 / 11, [-100, 10]],
    [-45, 'Critical', 20, [-100, 10]],
    [-100, 'Critical', 0, [-100, 10]],
    [-250, 'Critical', 0, [-100, 10]], // beyond critical_min: clamped
    [Number.POSITIVE_INFINITY, 'Healthy', 100, [30, 100]],
    [Number.NEGATIVE_INFINITY, 'Critical', 0, [-100, 10]],
  ]);
});

describe('scoreValue, lower is better (Churn: healthy 0..15, risk 15..30, critical 30..100)', () => {
  table(CHURN, [
    [-5, 'Healthy', 100, [0, 15]], // below healthy_min: clamped
    [0, 'Healthy', 100, [0, 15]],
    [7.5, 'Healthy', 85, [0, 15]],
    [15, 'Healthy', 70, [0, 15]], // boundary: the better band
    [15.0001, 'Risk', 40 + 30 * (1 - 0.0001 / 15), [15, 30]],
    [22.5, 'Risk', 55, [15, 30]],
    [30, 'Risk', 40, [15, 30]], // boundary: the better band
    [30.5, 'Critical', 40 * (1 - 0.5 / 70), [30, 100]],
    [65, 'Critical', 20, [30, 100]],
    [100, 'Critical', 0, [30, 100]],
    [1000, 'Critical', 0, [30, 100]], // beyond critical_max: clamped
  ]);
});

describe('scoreValue edge cases', () => {
  it('the double just below healthy_min is Risk with a score below 70', () => {
    const r: Range = { ...NPS, riskMin: 0, criticalMax: 0, riskMax: 1e6, healthyMin: 1e6, healthyMax: 2e6 };
    const below = 1e6 - 2 ** -33; // the double just below 1e6
    expect(below).toBeLessThan(1e6);
    const got = scoreValue(below, r);
    expect(got.status).toBe('Risk');
    expect(got.score).toBeLessThan(70);
    expect(got.score).toBeGreaterThan(70 - 1e-9);
    expect(scoreValue(1e6, r)).toMatchObject({ status: 'Healthy', score: 70 });
  });
  it('refuses NaN', () => {
    expect(() => scoreValue(Number.NaN, NPS)).toThrow(RangeError);
  });
});

describe('statusOf (account status)', () => {
  it.each([
    [100, 'Healthy'],
    [70, 'Healthy'],
    [69.99999, 'Risk'],
    [55, 'Risk'],
    [40, 'Risk'],
    [39.99999, 'Critical'],
    [0, 'Critical'],
  ] as Array<[number, Status]>)('%d -> %s', (score, status) => {
    expect(statusOf(score)).toBe(status);
  });
});
