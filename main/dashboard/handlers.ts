import { defineHandlers } from '../ipc/dispatch';
import { exportAccountKpis, exportPortfolio } from './export';
import { accountDashboard, kpiHistory, portfolio } from './service';

export const dashboardHandlers = defineHandlers({
  'dashboard.portfolio': (ctx, ws) => portfolio(ctx.db, ws.customerId),
  'dashboard.account': (ctx, ws, { accountId, month }) => accountDashboard(ctx.db, ws.customerId, accountId, month),
  'dashboard.kpi': (ctx, ws, { accountId, kpi, category }) =>
    kpiHistory(ctx.db, ws.customerId, accountId, kpi, category),
  'dashboard.exportPortfolio': (ctx, ws, { format, accountIds }) =>
    exportPortfolio(ctx.db, ws.customerId, format, accountIds),
  'dashboard.exportAccountKpis': (ctx, ws, { accountId, month, format }) =>
    exportAccountKpis(ctx.db, ws.customerId, accountId, format, month),
});
