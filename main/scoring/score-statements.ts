import type BetterSqlite3 from 'better-sqlite3';
import { HEALTH_TREND_COLUMNS, type HealthTrendColumn } from '../../shared/scoring';
import type { Db } from '../db/open';

/** The health_trends columns named after categories (scoring.md), in the table's order. */
export const NAMED_COLUMNS = Object.values(HEALTH_TREND_COLUMNS) as HealthTrendColumn[];

type Statement = BetterSqlite3.Statement;
export interface ScoreStatements {
  updateValue: Statement;
  existingTrends: Statement;
  upsertTrend: Statement;
  deleteTrend: Statement;
  deleteCats: Statement;
  existingCats: Statement;
  insertCat: Statement;
}

/** The statements a re-score writes and reads with (made once per run, as before). */
export function scoreStatements(db: Db): ScoreStatements {
  return {
    updateValue: db.raw.prepare(
      'UPDATE kpi_time_series SET health_status = ?, health_score = ?, updated_at = ? WHERE id = ?',
    ),
    existingTrends: db.raw.prepare(
      `SELECT year, month, overall_health_score, ${NAMED_COLUMNS.join(', ')}, total_kpis, valid_kpis FROM health_trends WHERE account_id = ?`,
    ),
    upsertTrend: db.raw.prepare(`
    INSERT INTO health_trends (account_id, customer_id, month, year, overall_health_score, ${NAMED_COLUMNS.join(', ')}, total_kpis, valid_kpis, updated_at)
    VALUES (?, ?, ?, ?, ?, ${NAMED_COLUMNS.map(() => '?').join(', ')}, ?, ?, ?)
    ON CONFLICT (account_id, month, year) DO UPDATE SET
      overall_health_score = excluded.overall_health_score,
      ${NAMED_COLUMNS.map((c) => `${c} = excluded.${c}`).join(',\n      ')},
      total_kpis = excluded.total_kpis, valid_kpis = excluded.valid_kpis,
      updated_at = excluded.updated_at`),
    deleteTrend: db.raw.prepare('DELETE FROM health_trends WHERE account_id = ? AND year = ? AND month = ?'),
    deleteCats: db.raw.prepare('DELETE FROM health_trend_categories WHERE account_id = ? AND year = ? AND month = ?'),
    existingCats: db.raw.prepare(
      'SELECT year, month, category, score, weight, valid_kpis FROM health_trend_categories WHERE account_id = ? ORDER BY id',
    ),
    insertCat: db.raw.prepare(
      'INSERT INTO health_trend_categories (account_id, customer_id, month, year, category, score, weight, valid_kpis) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  };
}
