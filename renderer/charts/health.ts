import type { Plugin } from 'chart.js';
import { HEALTHY_THRESHOLD, RISK_THRESHOLD } from '../../shared/scoring';
import { bandsPlugin } from './plugins';
import type { ChartTheme } from './theme';

/** The account status bands (Critical below 40, Risk to 70, Healthy above) behind a score chart. */
export function healthBands(theme: ChartTheme): Plugin {
  return bandsPlugin(
    [
      { from: 0, to: RISK_THRESHOLD, color: theme.criticalBg },
      { from: RISK_THRESHOLD, to: HEALTHY_THRESHOLD, color: theme.riskBg },
      { from: HEALTHY_THRESHOLD, to: 100, color: theme.healthyBg },
    ],
    theme.muted,
  );
}

/** A 0..100 score axis narrowed to the values shown (in steps of 10, with some room). */
export function scoreAxis(values: number[]): { min: number; max: number } {
  if (!values.length) return { min: 0, max: 100 };
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return {
    min: Math.max(0, Math.floor((lo - 8) / 10) * 10),
    max: Math.min(100, Math.ceil((hi + 8) / 10) * 10),
  };
}
