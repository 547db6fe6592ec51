import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Db } from '../../../main/db/open';
import { commitImport } from '../../../main/import/service';
import { recomputeScores } from '../../../main/scoring/service';
import { createWorkspace } from '../../../main/workspaces/service';
// Registers the playbook hooks (new workspace, after a re-score), as the app does.
import '../../../main/playbooks/triggers';
import { SAMPLES } from '../../helpers/db';

/** The category each playbook KPI is kept under (as in the sample workbooks). */
export const CATEGORY: Record<string, string> = {
  'NPS Score': 'Relationship Strength',
  'Daily Active Users %': 'Adoption & Engagement',
  'Feature Adoption Rate': 'Adoption & Engagement',
  'License Utilization': 'Adoption & Engagement',
  'CSAT Score': 'Support & Experience',
  'Open Critical Tickets': 'Support & Experience',
  'First Response Time': 'Support & Experience',
  'SLA Compliance': 'Support & Experience',
  'Churn Risk Score': 'Business Outcomes',
  'Renewal Probability': 'Business Outcomes',
  'Expansion Pipeline': 'Business Outcomes',
};

/** Every playbook KPI well inside its healthy band, License Utilization below the expansion minimum: nothing fires. */
export const QUIET: Record<string, number> = {
  'NPS Score': 80,
  'CSAT Score': 4.9,
  'Churn Risk Score': 2,
  'Daily Active Users %': 90,
  'License Utilization': 80,
  'Feature Adoption Rate': 90,
  'SLA Compliance': 99.5,
  'Open Critical Tickets': 0,
  'First Response Time': 1,
  'Renewal Probability': 98,
  'Expansion Pipeline': 5_000_000,
};

/** Every KPI just on the quiet side of its trigger threshold (risk band): health falls a lot, no KPI condition holds. */
export const EDGE: Record<string, number> = {
  'NPS Score': 11,
  'CSAT Score': 3.7,
  'Churn Risk Score': 29,
  'Daily Active Users %': 21,
  'License Utilization': 51,
  'Feature Adoption Rate': 31,
  'SLA Compliance': 91,
  'Open Critical Tickets': 4,
  'First Response Time': 23,
  'Renewal Probability': 81,
  'Expansion Pipeline': 10_001,
};

export function workspace(db: Db, name = 'Globex'): { customerId: number; userId: number } {
  const ws = createWorkspace(db, { name, userName: 'Dana CSM' });
  const user = db.raw.prepare('SELECT user_id FROM users WHERE customer_id = ?').get(ws.id) as { user_id: number };
  return { customerId: ws.id, userId: user.user_id };
}

export function account(db: Db, customerId: number, name: string, status: 'active' | 'inactive' = 'active'): number {
  return Number(
    db.raw
      .prepare('INSERT INTO accounts (customer_id, account_name, account_status) VALUES (?, ?, ?)')
      .run(customerId, name, status).lastInsertRowid,
  );
}

let version = 0;
/**
 * Stores one upload of KPI values for an account and month (as the importer's tables hold them)
 * and re-scores the account, which runs the playbook evaluation hook.
 */
export function putKpis(
  db: Db,
  customerId: number,
  accountId: number,
  ym: string,
  values: Record<string, number | null>,
  options: { rescore?: boolean } = {},
): void {
  const [year, month] = ym.split('-').map(Number);
  const tx = db.raw.transaction(() => {
    const uploadId = Number(
      db.raw
        .prepare(
          'INSERT INTO kpi_uploads (customer_id, account_id, version, original_filename, period_year, period_month) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(customerId, accountId, ++version, `test-${ym}.xlsx`, year, month).lastInsertRowid,
    );
    for (const [name, value] of Object.entries(values)) {
      const kpiId = Number(
        db.raw
          .prepare(
            "INSERT INTO kpis (upload_id, account_id, category, kpi_parameter, impact_level, data) VALUES (?, ?, ?, ?, 'High', ?)",
          )
          .run(uploadId, accountId, CATEGORY[name] ?? 'Product Value', name, value == null ? null : String(value))
          .lastInsertRowid,
      );
      db.raw
        .prepare(
          'INSERT INTO kpi_time_series (kpi_id, account_id, customer_id, month, year, value) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(kpiId, accountId, customerId, month, year, value);
    }
  });
  tx();
  if (options.rescore !== false) recomputeScores(db, customerId, { accountIds: [accountId] });
}

export function health(db: Db, accountId: number, ym: string): number {
  const [year, month] = ym.split('-').map(Number);
  const r = db.raw
    .prepare('SELECT overall_health_score AS h FROM health_trends WHERE account_id = ? AND year = ? AND month = ?')
    .get(accountId, year, month) as { h: number } | undefined;
  if (!r) throw new Error(`no health for ${accountId} ${ym}`);
  return r.h;
}

/** Every row of the playbook tables (and the trigger bookkeeping): to check that a refusal changed nothing. */
export function playbookTables(db: Db): unknown {
  return {
    triggers: db.raw.prepare('SELECT * FROM playbook_triggers ORDER BY trigger_id').all(),
    executions: db.raw.prepare('SELECT * FROM playbook_executions ORDER BY id').all(),
    reports: db.raw.prepare('SELECT * FROM playbook_reports ORDER BY report_id').all(),
  };
}

export const TECHCORP = path.join(SAMPLES, 'techcorp-solutions-2025-09.xlsx');

/**
 * A TechCorp workbook for another month, written with exceljs: every KPI of the sample with its
 * September value, except the ones overridden, in Data and in that month's column (so the
 * import proposes that month as the period).
 */
export async function techcorpMonth(period: string, overrides: Record<string, number>): Promise<Uint8Array> {
  const src = new ExcelJS.Workbook();
  await src.xlsx.load(fs.readFileSync(TECHCORP) as unknown as ArrayBuffer);
  const out = new ExcelJS.Workbook();
  for (const ws of src.worksheets) {
    const sheet = out.addWorksheet(ws.name);
    sheet.addRow(['KPI Parameter', 'Impact Level', 'Weight', 'Data', period]);
    ws.eachRow((row, i) => {
      if (i === 1) return;
      const name = String(row.getCell(1).value);
      const value = overrides[name] ?? Number(row.getCell(5).value);
      const added = sheet.addRow([name, row.getCell(3).value, row.getCell(4).value, value, value]);
      added.getCell(3).numFmt = '0%';
    });
  }
  return new Uint8Array((await out.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Imports a TechCorp workbook through the real importer (corporate mode). */
export async function importTechcorp(
  db: Db,
  session: { customerId: number; userId: number | null },
  accountId: number,
  period: string,
  bytes: Uint8Array = new Uint8Array(fs.readFileSync(TECHCORP)),
  fileName = 'techcorp-solutions-2025-09.xlsx',
) {
  return commitImport(db, session, { fileName, bytes, period, accountId, mode: 'corporate' });
}
