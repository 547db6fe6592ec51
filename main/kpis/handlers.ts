import { defineHandlers } from '../ipc/dispatch';
import { editKpiValue, listKpiEdits } from './service';

export const kpisHandlers = defineHandlers({
  'kpis.edit': (ctx, ws, input) => editKpiValue(ctx.db, ws.customerId, ws.userId, input),
  'kpis.edits': (ctx, ws, input) =>
    listKpiEdits(
      ctx.db,
      ws.customerId,
      input.accountId,
      input.kpi ? { name: input.kpi, category: input.category } : undefined,
    ),
});
