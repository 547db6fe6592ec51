import type { Db } from '../main/db/open';
import type { KpiRow } from '../shared/import/interpret';
import { rng } from '../tests/helpers/workbooks';

/**
 * A large workspace written straight into the seed tables (as N imports would leave it, without
 * scores): `accounts` accounts, each with one upload of the sample's KPIs and `months` monthly
 * values per KPI ending at 2025-12. Scores are left empty for the re-score to fill.
 */
export function buildWorkspace(
  db: Db,
  customerId: number,
  kpis: KpiRow[],
  accounts: number,
  months: number,
  seed = 11,
): void {
  const random = rng(seed);
  const insAccount = db.raw.prepare(
    'INSERT INTO accounts (customer_id, account_name, revenue, industry, region) VALUES (?, ?, ?, ?, ?)',
  );
  const insUpload = db.raw.prepare(
    'INSERT INTO kpi_uploads (customer_id, account_id, version, original_filename, period_year, period_month, content_hash) VALUES (?, ?, 1, ?, 2025, 12, ?)',
  );
  const insKpi = db.raw.prepare(
    'INSERT INTO kpis (upload_id, account_id, category, row_index, weight, data, kpi_parameter, impact_level) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insValue = db.raw.prepare(
    'INSERT INTO kpi_time_series (kpi_id, account_id, customer_id, month, year, value) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const industries = ['Technology', 'Finance', 'Healthcare', 'Retail', 'Manufacturing', 'Media'];
  const regions = ['North America', 'EMEA', 'APAC', 'LATAM'];
  const ym: Array<[number, number]> = [];
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(2025, 11 - i, 1));
    ym.push([d.getUTCFullYear(), d.getUTCMonth() + 1]);
  }
  db.raw.transaction(() => {
    for (let a = 1; a <= accounts; a++) {
      const accountId = Number(
        insAccount.run(
          customerId,
          `Account ${String(a).padStart(4, '0')}`,
          Math.round(random() * 2_000_000),
          industries[a % 6],
          regions[a % 4],
        ).lastInsertRowid,
      );
      const uploadId = Number(insUpload.run(customerId, accountId, `account-${a}.xlsx`, `bench-${a}`).lastInsertRowid);
      // Each account drifts: some improve, some decline, so statuses spread across the bands.
      const drift = (random() - 0.5) * 0.6;
      for (const k of kpis) {
        const base = (k.dataValue ?? 50) * (0.6 + random() * 0.8);
        const kpiId = Number(
          insKpi.run(
            uploadId,
            accountId,
            k.category,
            k.row,
            k.fields.weight,
            String(base),
            k.fields.kpi_parameter,
            k.fields.impact_level,
          ).lastInsertRowid,
        );
        ym.forEach(([y, m], i) => {
          const v = base * (1 + (drift * i) / months + (random() - 0.5) * 0.1);
          insValue.run(kpiId, accountId, customerId, m, y, Math.round(v * 100) / 100);
        });
      }
    }
  })();
}
