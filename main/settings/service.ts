import { staleAfterMonths } from '../../shared/channels/settings';
import type { Settings } from '../../shared/contract';
import { DEFAULT_CATEGORY_WEIGHTS, DEFAULT_STALE_AFTER_MONTHS, type UploadMode } from '../../shared/defaults';
import { AppError } from '../../shared/errors';
import { normalizeName } from '../../shared/names';
import { parseCategoryWeights, validateCategoryWeights } from '../../shared/scoring';
import { type Db, first, run } from '../db/open';

export function getSettings(db: Db, customerId: number): Settings {
  const c = first(db, db.k.selectFrom('customer_configs').selectAll().where('customer_id', '=', customerId));
  const configured = parseCategoryWeights(c?.category_weights);
  const categories = dataCategories(db, customerId);
  return {
    mode: c?.kpi_upload_mode === 'account_rollup' ? 'account_rollup' : 'corporate',
    categoryWeights: configured ?? equalWeights(categories.length ? categories : Object.keys(DEFAULT_CATEGORY_WEIGHTS)),
    weightsConfigured: configured !== null,
    masterFileName: c?.master_file_name ?? null,
    categories,
    staleAfterMonths: c?.stale_after_months ?? DEFAULT_STALE_AFTER_MONTHS,
  };
}

/** Months after which an account's newest data is stale in this workspace (the setting, or 2). */
export function staleLimitOf(db: Db, customerId: number): number {
  const c = first(
    db,
    db.k.selectFrom('customer_configs').select('stale_after_months').where('customer_id', '=', customerId),
  );
  return c?.stale_after_months ?? DEFAULT_STALE_AFTER_MONTHS;
}

/**
 * Category weights as scoring reads them (fractions), or null when the workspace has none
 * configured: then every scored category weighs the same (scoring.md, section 5).
 */
export function categoryWeightsOf(db: Db, customerId: number): Record<string, number> | null {
  const c = first(
    db,
    db.k.selectFrom('customer_configs').select('category_weights').where('customer_id', '=', customerId),
  );
  return parseCategoryWeights(c?.category_weights);
}

/** The categories of the workspace's KPIs (sheet names, first spelling), sorted; empty without data. */
export function dataCategories(db: Db, customerId: number): string[] {
  const rows = db.raw
    .prepare(
      `SELECT DISTINCT k.category FROM kpis k JOIN accounts a ON a.account_id = k.account_id
       WHERE a.customer_id = ? AND k.category IS NOT NULL`,
    )
    .pluck()
    .all(customerId) as string[];
  const seen = new Map<string, string>();
  for (const r of rows) if (!seen.has(normalizeName(r)) && r.trim()) seen.set(normalizeName(r), r.trim());
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

/** Equal fractions that add up to exactly 100.00% when shown with two decimals. */
function equalWeights(categories: string[]): Record<string, number> {
  const cents = Math.floor(10_000 / categories.length);
  return Object.fromEntries(
    categories.map((c, i) => [c, (i === 0 ? 10_000 - cents * (categories.length - 1) : cents) / 10_000]),
  );
}

/** Hooks run after the weights change (the re-score of the workspace). */
const onWeights: Array<(db: Db, customerId: number) => void> = [];
export function onCategoryWeightsChanged(hook: (db: Db, customerId: number) => void) {
  onWeights.push(hook);
}

export function updateSettings(
  db: Db,
  customerId: number,
  input: { mode?: UploadMode; categoryWeights?: Record<string, number>; staleAfterMonths?: number },
): Settings {
  if (input.categoryWeights) {
    const problem = validateCategoryWeights(input.categoryWeights);
    if (problem) throw new AppError('invalid_input', problem);
  }
  if (input.staleAfterMonths !== undefined) {
    const checked = staleAfterMonths.safeParse(input.staleAfterMonths);
    if (!checked.success) throw new AppError('invalid_input', checked.error.issues[0].message);
  }
  const patch: Record<string, unknown> = { updated_at: new Date().toISOString() };
  if (input.mode) patch.kpi_upload_mode = input.mode;
  if (input.categoryWeights) patch.category_weights = JSON.stringify(input.categoryWeights);
  if (input.staleAfterMonths !== undefined) patch.stale_after_months = input.staleAfterMonths;
  db.raw
    .transaction(() => {
      const exists = first(
        db,
        db.k.selectFrom('customer_configs').select('config_id').where('customer_id', '=', customerId),
      );
      if (!exists) run(db, db.k.insertInto('customer_configs').values({ customer_id: customerId }));
      run(db, db.k.updateTable('customer_configs').set(patch).where('customer_id', '=', customerId));
      if (input.categoryWeights) for (const hook of onWeights) hook(db, customerId);
    })
    .immediate();
  return getSettings(db, customerId);
}
