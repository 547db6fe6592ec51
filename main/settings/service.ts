import type { Settings } from '../../shared/contract';
import { DEFAULT_CATEGORY_WEIGHTS, type UploadMode } from '../../shared/defaults';
import { AppError } from '../../shared/errors';
import { validateCategoryWeights } from '../../shared/scoring';
import { type Db, first, run } from '../db/open';

export function getSettings(db: Db, customerId: number): Settings {
  const c = first(db, db.k.selectFrom('customer_configs').selectAll().where('customer_id', '=', customerId));
  let weights: Record<string, number> = { ...DEFAULT_CATEGORY_WEIGHTS };
  if (c?.category_weights) {
    try {
      weights = JSON.parse(c.category_weights);
    } catch {
      // A damaged value falls back to the defaults rather than breaking the workspace.
    }
  }
  return {
    mode: c?.kpi_upload_mode === 'account_rollup' ? 'account_rollup' : 'corporate',
    categoryWeights: weights,
    masterFileName: c?.master_file_name ?? null,
  };
}

/** Category weights as stored (fractions), or null when the workspace has none configured. */
export function categoryWeightsOf(db: Db, customerId: number): Record<string, number> | null {
  const c = first(
    db,
    db.k.selectFrom('customer_configs').select('category_weights').where('customer_id', '=', customerId),
  );
  if (!c?.category_weights) return null;
  try {
    return JSON.parse(c.category_weights);
  } catch {
    return null;
  }
}

/** Hooks run after the weights change (the re-score of the workspace). */
const onWeights: Array<(db: Db, customerId: number) => void> = [];
export function onCategoryWeightsChanged(hook: (db: Db, customerId: number) => void) {
  onWeights.push(hook);
}

export function updateSettings(
  db: Db,
  customerId: number,
  input: { mode?: UploadMode; categoryWeights?: Record<string, number> },
): Settings {
  if (input.categoryWeights) {
    const problem = validateCategoryWeights(input.categoryWeights);
    if (problem) throw new AppError('invalid_input', problem);
  }
  const patch: Record<string, unknown> = { updated_at: new Date().toISOString() };
  if (input.mode) patch.kpi_upload_mode = input.mode;
  if (input.categoryWeights) patch.category_weights = JSON.stringify(input.categoryWeights);
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
