/** The `health_trends` columns (spec 7) and the rounding used to store and show numbers. */
import { normalizeName } from '../names';

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
