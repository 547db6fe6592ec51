import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from '../db/open';

/** The SQL of an import's write, prepared once per file (the store in store.ts runs it). */

/**
 * The insert of one KPI's values for `months` (yyyymm) in one statement. The months are written in
 * the SQL (integers the store computed); what every row of the statement shares (the KPI, its
 * account, the workspace, the time) is bound once by name; each month binds its value, status and
 * score in order. A third of the parameters of binding all ten columns per row: binding is most of
 * what the write costs beyond SQLite's own work.
 */
const insertValuesSql = (months: readonly number[]) => {
  const rows = months.map((ym) => {
    if (!Number.isInteger(ym)) throw new Error(`insertValuesSql: ${ym} is not a month`);
    return `(@kpi, @account, @customer, ${ym % 100}, ${Math.floor(ym / 100)}, ?, ?, ?, @now, @now)`;
  });
  return `INSERT INTO kpi_time_series (kpi_id, account_id, customer_id, month, year, value, health_status, health_score, created_at, updated_at) VALUES ${rows.join(', ')}`;
};

/** The named parameters of insertValuesSql. */
export type ValuesShared = { kpi: number; account: number; customer: number; now: string };

/**
 * The prepared statements of the write (bench:import times them alone, as the database's floor).
 * Timestamps are passed in: a per-row strftime() default costs more than the insert itself.
 */
export function writeStatements(db: Db) {
  // Made once per list of months (a sheet's), found by the list itself, else by its months.
  const byMonths = new Map<string, BetterSqlite3.Statement>();
  let last: { months: readonly number[]; statement: BetterSqlite3.Statement } | null = null;
  const insertValues = (months: readonly number[]): BetterSqlite3.Statement => {
    if (last?.months === months) return last.statement;
    const key = months.join(',');
    let statement = byMonths.get(key);
    if (!statement) {
      statement = db.raw.prepare(insertValuesSql(months));
      byMonths.set(key, statement);
    }
    last = { months, statement };
    return statement;
  };
  return {
    insertUpload: db.raw.prepare(`INSERT INTO kpi_uploads
      (customer_id, account_id, user_id, version, original_filename, raw_excel, parsed_json, period_year, period_month, content_hash, file_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertKpi: db.raw.prepare(`INSERT INTO kpis
      (upload_id, account_id, category, row_index, health_score_component, weight, data, source_review, kpi_parameter,
       impact_level, measurement_frequency, last_edited_by, last_edited_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertValues,
    // Versions are never reused: the highest an account has had is kept (migration 0010).
    nextVersion: db.raw
      .prepare(`SELECT MAX(
          COALESCE((SELECT MAX(version) FROM kpi_uploads WHERE customer_id = ? AND account_id = ?), 0),
          COALESCE((SELECT last_version FROM upload_versions WHERE account_id = ?), 0)) + 1 AS v`)
      .pluck(),
    keepVersion: db.raw.prepare(`INSERT INTO upload_versions (account_id, customer_id, last_version) VALUES (?, ?, ?)
      ON CONFLICT (account_id) DO UPDATE SET last_version = MAX(last_version, excluded.last_version)`),
  };
}
