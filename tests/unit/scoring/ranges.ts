import type { Range } from '../../../shared/scoring';

/** NPS Score from the default ranges: higher is better, -100..10 / 10..30 / 30..100. */
export const NPS: Range = {
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

/** Churn Risk Score from the default ranges: lower is better, healthy 0..15, risk 15..30, critical 30..100. */
export const CHURN: Range = {
  kpiName: 'Churn Risk Score',
  unit: '%',
  higherIsBetter: false,
  criticalMin: 30,
  criticalMax: 100,
  riskMin: 15,
  riskMax: 30,
  healthyMin: 0,
  healthyMax: 15,
};

/** QBR Attendance Rate: higher is better, 0..50 / 50..80 / 80..100. */
export const QBR: Range = {
  kpiName: 'QBR Attendance Rate',
  unit: '%',
  higherIsBetter: true,
  criticalMin: 0,
  criticalMax: 50,
  riskMin: 50,
  riskMax: 80,
  healthyMin: 80,
  healthyMax: 100,
};

/** CSAT Score: higher is better, 0..3.6 / 3.6..4.2 / 4.2..5. */
export const CSAT: Range = {
  kpiName: 'CSAT Score',
  unit: '1-5',
  higherIsBetter: true,
  criticalMin: 0,
  criticalMax: 3.6,
  riskMin: 3.6,
  riskMax: 4.2,
  healthyMin: 4.2,
  healthyMax: 5,
};
