/** The status and score of one value against its reference range (scoring spec 3). */
import type { Range } from './range';

export type Status = 'Healthy' | 'Risk' | 'Critical';

/** How bad a status is, for "worse" and "better": Healthy 0, Risk 1, Critical 2. */
export const STATUS_RANK: Record<Status, number> = { Healthy: 0, Risk: 1, Critical: 2 };

export type Band = { status: Status; min: number; max: number };

export type ValueScore = { status: Status; score: number; band: Band };

export const HEALTHY_THRESHOLD = 70;
export const RISK_THRESHOLD = 40;

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
