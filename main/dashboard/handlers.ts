import { workspaceOf } from '../context';
import { defineHandlers } from '../ipc/dispatch';
import { exportAccountKpis, exportPortfolio } from './export';
import { accountDashboard, kpiHistory, portfolio } from './service';

export const dashboardHandlers = defineHandlers({
  'dashboard.portfolio': (ctx) => portfolio(ctx.db, workspaceOf(ctx)),
  'dashboard.account': (ctx, { accountId, month }) => accountDashboard(ctx.db, workspaceOf(ctx), accountId, month),
  'dashboard.kpi': (ctx, { accountId, kpi, category }) =>
    kpiHistory(ctx.db, workspaceOf(ctx), accountId, kpi, category),
  'dashboard.exportPortfolio': (ctx, { format, accountIds }) =>
    exportPortfolio(ctx.db, workspaceOf(ctx), format, accountIds),
  'dashboard.exportAccountKpis': (ctx, { accountId, month, format }) =>
    exportAccountKpis(ctx.db, workspaceOf(ctx), accountId, format, month),
});
