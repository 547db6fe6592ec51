import { AppError } from '../../shared/errors';
import { validateCategoryWeights } from '../../shared/scoring';
import { defineHandlers } from '../ipc/dispatch';
import { explainAccountMonth, statusImpact } from './receipt';
import { recomputeScores } from './service';

export const scoringHandlers = defineHandlers({
  'scoring.explain': (ctx, ws, { accountId, month }) => explainAccountMonth(ctx.db, ws.customerId, accountId, month),
  'scoring.recompute': (ctx, ws) => recomputeScores(ctx.db, ws.customerId),
  'scoring.previewWeights': (ctx, ws, { categoryWeights }) => {
    const problem = validateCategoryWeights(categoryWeights);
    if (problem) throw new AppError('invalid_input', problem);
    return statusImpact(ctx.db, ws.customerId, { categoryWeights });
  },
});
