import { z } from 'zod';
import type { Range, Status } from '../scoring';
import { type ExportFile, id, out, yearMonth } from './common';

/** Portfolio, account and KPI views, and their exports. */

export interface PortfolioRow {
  id: number;
  name: string;
  /** Annual revenue; null when none is recorded (0, what an account created by an import starts with). */
  revenue: number | null;
  industry: string | null;
  region: string | null;
  /** YYYY-MM of the newest health score; null when the account has none. */
  latestMonth: string | null;
  /** Overall health of latestMonth, as stored (2 decimals). */
  score: number | null;
  status: Status | null;
  /** The month with a score before latestMonth, and the change since it. */
  previousMonth: string | null;
  change: number | null;
  /** Overall health for each month of `Portfolio.window` (oldest first); null where there is none. */
  spark: Array<number | null>;
  /** ISO timestamp of the newest upload for the account. */
  lastUpload: string | null;
  /** The newest score is more than the workspace's stale limit (Portfolio.staleAfterMonths) before today's month. */
  stale: boolean;
  /** The account's owner (a user of the workspace), or null when none is set. */
  ownerId: number | null;
  owner: string | null;
  /** Renewal date (YYYY-MM-DD), or null. */
  renewal: string | null;
  segment: string | null;
}

export interface Portfolio {
  rows: PortfolioRow[];
  /** The 12 months of the sparklines, oldest first, ending at the newest month with a score. */
  window: string[];
  latestMonth: string | null;
  /** Today's month (YYYY-MM), what "stale" is measured against. */
  today: string;
  /** The workspace's stale limit: a row is stale when its newest month is more than this before today. */
  staleAfterMonths: number;
  industries: string[];
  regions: string[];
  /** The segments and owners the active accounts have, sorted (the filters' choices). */
  segments: string[];
  owners: Array<{ id: number; name: string }>;
}

export interface AccountSummary {
  id: number;
  name: string;
  revenue: number;
  industry: string | null;
  region: string | null;
  active: boolean;
}

export interface UploadRef {
  uploadId: number;
  version: number;
  fileName: string | null;
  uploadedAt: string;
  /** The month the upload's Data column belongs to (YYYY-MM), when known. */
  period: string | null;
}

export interface AccountDashboard {
  account: AccountSummary;
  /** Every month with KPI data (oldest first), as the receipt's month picker offers them. */
  months: string[];
  /** The month shown (the newest by default); null when the account has no data. */
  month: string | null;
  /** Stored health per month, oldest first: the overall and every category's score. */
  trend: Array<{ month: string; overall: number; categories: Record<string, number> }>;
  /** Category names seen in `trend`, in the order of the workspace's categories. */
  categories: string[];
  /** The 12 months of the KPI sparklines, ending at `month`. */
  sparkMonths: string[];
  /** KPI key (as in the receipt) -> value for each of sparkMonths (spec 6), null where none. */
  kpiSparks: Record<string, Array<number | null>>;
  lastUpload: UploadRef | null;
}

export interface KpiPoint {
  month: string;
  value: number | null;
  status: Status | null;
  score: number | null;
  /** The upload the month's value comes from (spec 6). */
  source: UploadRef;
  /** Other uploads carrying a value for the month, replaced by the newer one. */
  superseded: Array<UploadRef & { value: number | null }>;
}

export interface KpiHistory {
  accountId: number;
  accountName: string;
  kpi: string;
  category: string;
  range: Range | null;
  points: KpiPoint[];
}

const exportFormat = z.enum(['xlsx', 'csv']);

export const dashboardChannels = {
  /** Every active account with its latest health, change, sparkline and facts. */
  'dashboard.portfolio': { input: z.object({}), output: out<Portfolio>() },
  /** One account: trend over all months, KPI sparklines up to `month`; the receipt is `scoring.explain`. */
  'dashboard.account': {
    input: z.object({ accountId: id, month: yearMonth.optional() }),
    output: out<AccountDashboard>(),
  },
  /** One KPI of one account over time, with the upload each value came from. */
  'dashboard.kpi': {
    input: z.object({
      accountId: id,
      kpi: z.string().trim().min(1, 'Which KPI?').max(300),
      category: z.string().trim().max(300).optional(),
    }),
    output: out<KpiHistory>(),
  },
  /** The portfolio table as a file; `accountIds` gives the rows and their order as shown (filters, sort). */
  'dashboard.exportPortfolio': {
    input: z.object({ format: exportFormat, accountIds: z.array(id).max(200_000).optional() }),
    output: out<ExportFile>(),
  },
  /** An account's KPI table for a month as a file. */
  'dashboard.exportAccountKpis': {
    input: z.object({ accountId: id, month: yearMonth.optional(), format: exportFormat }),
    output: out<ExportFile>(),
  },
} as const;
