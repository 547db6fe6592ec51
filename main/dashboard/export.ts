import type { ExportFile } from '../../shared/channels/common';
import type { PortfolioRow } from '../../shared/channels/dashboard';
import { fmtDate, fmtMonth } from '../../shared/format';
import { round2 } from '../../shared/scoring';
import type { Db } from '../db/open';
import {
  addTableSheet,
  csvBytes,
  DATE_FMT,
  DATE_TIME_FMT,
  dateCell,
  MONTH_FMT,
  monthCell,
  newWorkbook,
  type SheetCell,
  type SheetColumn,
  xlsxBytes,
} from '../exports/sheet-writer';
import { explainAccountMonth } from '../scoring/receipt';
import { portfolio } from './service';

/** The portfolio table and an account's KPI table as xlsx (exceljs) or CSV files. */

interface Table {
  sheet: string;
  /** The title row of the xlsx, in words. */
  title: string;
  columns: SheetColumn[];
  rows: SheetCell[][];
}

function toCsv(t: Table): Uint8Array {
  return csvBytes([t.columns.map((c) => c.header), ...t.rows]);
}

async function toXlsx(t: Table): Promise<Uint8Array> {
  const wb = newWorkbook();
  addTableSheet(wb, t.sheet, t);
  return xlsxBytes(wb);
}

const write = async (t: Table, format: 'xlsx' | 'csv', base: string): Promise<ExportFile> => ({
  fileName: `${base}.${format}`,
  bytes: format === 'xlsx' ? await toXlsx(t) : toCsv(t),
});

const workspaceName = (db: Db, customerId: number) =>
  (
    db.raw.prepare('SELECT customer_name FROM customers WHERE customer_id = ?').get(customerId) as
      | { customer_name: string }
      | undefined
  )?.customer_name ?? '';

/** A file-name-safe version of a name. */
const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .toLowerCase()
    .slice(0, 60) || 'export';

export async function exportPortfolio(
  db: Db,
  customerId: number,
  format: 'xlsx' | 'csv',
  accountIds?: number[],
): Promise<ExportFile> {
  const p = portfolio(db, customerId);
  let rows: PortfolioRow[] = p.rows;
  if (accountIds) {
    // The rows shown, in the order shown; ids that are not this workspace's are not there to find.
    const byId = new Map(p.rows.map((r) => [r.id, r]));
    rows = accountIds.map((id) => byId.get(id)).filter((r): r is PortfolioRow => !!r);
  }
  const table: Table = {
    sheet: 'Portfolio',
    title: `Portfolio of ${workspaceName(db, customerId)} · exported ${fmtDate(new Date().toISOString())}`,
    columns: [
      { header: 'Account', width: 32 },
      { header: 'Health score', width: 13, numFmt: '0.0' },
      { header: 'Status', width: 10 },
      { header: 'Change', width: 10, numFmt: '+0.0;-0.0;0.0' },
      { header: 'Since', width: 11, numFmt: MONTH_FMT },
      { header: 'Latest month', width: 13, numFmt: MONTH_FMT },
      { header: 'Stale', width: 8 },
      // Empty where no revenue is recorded (0 is what an account created by an import starts with).
      { header: 'Revenue', width: 15, numFmt: '#,##0' },
      { header: 'Industry', width: 18 },
      { header: 'Region', width: 18 },
      { header: 'Owner', width: 20 },
      { header: 'Segment', width: 14 },
      { header: 'Renewal', width: 12, numFmt: DATE_FMT },
      { header: 'Last upload', width: 18, numFmt: DATE_TIME_FMT },
    ],
    rows: rows.map((r) => [
      r.name,
      r.score,
      r.status ?? 'No score',
      r.change,
      format === 'xlsx' ? monthCell(r.previousMonth) : r.previousMonth,
      format === 'xlsx' ? monthCell(r.latestMonth) : r.latestMonth,
      r.stale ? 'yes' : 'no',
      r.revenue,
      r.industry,
      r.region,
      r.owner,
      r.segment,
      format === 'xlsx' ? dateCell(r.renewal) : r.renewal,
      format === 'xlsx' ? dateCell(r.lastUpload) : r.lastUpload,
    ]),
  };
  return write(table, format, `portfolio-${p.today}`);
}

export async function exportAccountKpis(
  db: Db,
  customerId: number,
  accountId: number,
  format: 'xlsx' | 'csv',
  month?: string,
): Promise<ExportFile> {
  const r = explainAccountMonth(db, customerId, accountId, month);
  const s = (x: number | null) => (x == null ? null : round2(x));
  const table: Table = {
    sheet: `KPIs ${r.month}`,
    title: `${r.accountName} · KPIs of ${fmtMonth(r.month)}`,
    columns: [
      { header: 'Category', width: 24 },
      { header: 'KPI', width: 36 },
      { header: 'Value', width: 12 },
      { header: 'Unit', width: 12 },
      { header: 'Status', width: 10 },
      { header: 'Score', width: 10, numFmt: '0.00' },
      { header: 'Weight', width: 10 },
      // Each band's bounds as numbers of their own (no "-100 – 10" text to re-type or defuse).
      ...(['Critical', 'Risk', 'Healthy'] as const).flatMap((band) => [
        { header: `${band} from`, width: 12 },
        { header: `${band} to`, width: 12 },
      ]),
      { header: 'Previous value', width: 15 },
      { header: 'Upload version', width: 15 },
    ],
    rows: r.kpis.map((k) => {
      const g = k.range;
      return [
        k.category,
        k.name,
        k.value,
        g?.unit ?? null,
        k.status ?? (k.missing === 'no range' ? 'No range' : 'No value'),
        s(k.score),
        k.weight,
        ...(g
          ? [g.criticalMin, g.criticalMax, g.riskMin, g.riskMax, g.healthyMin, g.healthyMax]
          : new Array(6).fill(null)),
        k.previousValue,
        k.uploadVersion,
      ];
    }),
  };
  return write(table, format, `${slug(r.accountName)}-kpis-${r.month}`);
}
