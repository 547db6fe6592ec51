import { z } from 'zod';
import { id, out, yearMonth } from './common';

/** Issue 13, point 2: a KPI's value for a month corrected in the app, attributed and re-scored. */

export interface KpiEditRow {
  id: number;
  accountId: number;
  kpi: string;
  category: string;
  /** YYYY-MM */
  month: string;
  oldValue: number | null;
  newValue: number | null;
  reason: string | null;
  userId: number | null;
  userName: string | null;
  /** ISO timestamp (UTC). */
  editedAt: string;
}

export interface KpiEditResult {
  edit: KpiEditRow;
  /** The account's overall health for the month before and after the edit (null: none). */
  overallBefore: number | null;
  overallAfter: number | null;
}

export const kpiEditInput = z.object({
  accountId: id,
  kpi: z.string().trim().min(1, 'Which KPI?').max(300),
  category: z.string().trim().max(300).optional(),
  month: yearMonth,
  /** A number, or text that plainly is one ("1,200", "45%"); anything else is refused in one sentence. */
  value: z.union([z.number(), z.string().max(100)]),
  reason: z.string().trim().max(1000).optional(),
});
export type KpiEditInput = z.output<typeof kpiEditInput>;

export const kpisChannels = {
  'kpis.edit': { input: kpiEditInput, output: out<KpiEditResult>() },
  /** The account's KPI edits, newest first; one KPI's when `kpi` is given. */
  'kpis.edits': {
    input: z.object({
      accountId: id,
      kpi: z.string().trim().max(300).optional(),
      category: z.string().max(300).optional(),
    }),
    output: out<KpiEditRow[]>(),
  },
} as const;
