import { z } from 'zod';
import type { Band, KpiInput, Range, Status } from '../scoring';
import { id, out, yearMonth } from './common';
import { categoryWeights } from './settings';

/** Health scores, the score receipt and what-if. */

export interface ReceiptKpi {
  key: string;
  name: string;
  category: string;
  value: number | null;
  /** Why the KPI is not scored this month, when it is not. */
  missing: 'no range' | 'no value' | null;
  range: Range | null;
  status: Status | null;
  score: number | null;
  band: Band | null;
  weight: number;
  shareOfCategory: number | null;
  contribution: number | null;
  previousValue: number | null;
  /** The upload the value came from, and its version. */
  uploadId: number | null;
  uploadVersion: number | null;
}

export interface ReceiptCategory {
  category: string;
  score: number | null;
  weight: number;
  shareOfOverall: number | null;
  validKpis: number;
  totalKpis: number;
}

export interface ScoreReceipt {
  accountId: number;
  accountName: string;
  /** YYYY-MM */
  month: string;
  previousMonth: string | null;
  /** Every month with data for the account, oldest first. */
  months: string[];
  overall: number | null;
  status: Status | null;
  previousOverall: number | null;
  change: number | null;
  /** e.g. "-9.1: CSAT Score -5.2, NPS Score -3.0, ..." */
  changeText: string;
  totalKpis: number;
  validKpis: number;
  categories: ReceiptCategory[];
  kpis: ReceiptKpi[];
  /** Each KPI's part of the change since previousMonth; they sum to `change`. */
  contributions: Array<{
    key: string;
    name: string;
    category: string;
    before: number | null;
    after: number | null;
    delta: number;
  }>;
  unweightedCategories: string[];
  /** What the score was computed from, so the renderer can run what-if with the same engine. */
  inputs: { kpis: KpiInput[]; ranges: Range[]; categoryWeights: Record<string, number> | null };
}

/** What a re-score did. */
export interface ScoreSummary {
  accounts: number;
  months: number;
  valuesRescored: number;
  trendsWritten: number;
  trendsRemoved: number;
  unweightedCategories: string[];
}

export interface StatusImpact {
  /** Accounts whose latest status would change. */
  changed: number;
  scored: number;
  examples: Array<{
    accountName: string;
    from: Status | null;
    to: Status | null;
    fromScore: number | null;
    toScore: number | null;
  }>;
  /** For a reference range (shared by all workspaces): accounts of other workspaces that would change. */
  elsewhere?: { workspaces: number; changed: number };
}

export const scoringChannels = {
  'scoring.explain': { input: z.object({ accountId: id, month: yearMonth.optional() }), output: out<ScoreReceipt>() },
  'scoring.recompute': { input: z.object({}), output: out<ScoreSummary>() },
  /** How many accounts would change status with these category weights (nothing saved). */
  'scoring.previewWeights': {
    input: z.object({ categoryWeights }),
    output: out<StatusImpact>(),
  },
} as const;
