import { AppError } from '../../shared/errors';
import { validateCategoryWeights } from '../../shared/scoring';
import { workspaceOf } from '../context';
import { defineHandlers } from '../ipc/dispatch';
import { explainAccountMonth, statusImpact } from './receipt';
import { recomputeScores } from './service';

export const scoringHandlers = defineHandlers({
  'scoring.explain': (ctx, { accountId, month }) => explainAccountMonth(ctx.db, workspaceOf(ctx), accountId, month),
  'scoring.recompute': (ctx) => recomputeScores(ctx.db, workspaceOf(ctx)),
  'scoring.previewWeights': (ctx, { categoryWeights }) => {
    const problem = validateCategoryWeights(categoryWeights);
    if (problem) throw new AppError('invalid_input', problem);
    return statusImpact(ctx.db, workspaceOf(ctx), { categoryWeights });
  },
});
