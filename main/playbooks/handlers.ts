import { AppError } from '../../shared/errors';
import type { Scope, ScopedCtx } from '../context';
import type { Db } from '../db/open';
import { defineHandlers } from '../ipc/dispatch';
import { getRolePeople, responsibleSteps, setRolePeople } from './assignments';
import {
  cancelExecution,
  completeExecution,
  deleteExecution,
  failExecution,
  getExecutionView,
  listExecutions,
  recordStepResult,
  skipExecutionStep,
  startExecution,
} from './executions';
import { accountHistory, runningPlaybooks } from './overview';
import { htmlToPdf } from './pdf';
import { renderReportHtml } from './report-html';
import { reportXlsx } from './report-xlsx';
import { getReportView, regenerateReport, reportFileName } from './reports';
import { evaluateWorkspace, listTriggers, startMany, updateTrigger } from './triggers';

/** Runs a change of one execution, then answers with the execution as it now stands. */
function changed(ctx: ScopedCtx, ws: Scope, executionId: string, change: (db: Db, customerId: number) => void) {
  change(ctx.db, ws.customerId);
  return getExecutionView(ctx.db, ws.customerId, executionId);
}

export const playbooksHandlers = defineHandlers({
  'playbooks.triggers': (ctx, ws) => listTriggers(ctx.db, ws.customerId),
  'playbooks.updateTrigger': (ctx, ws, input) => updateTrigger(ctx.db, ws.customerId, input),
  'playbooks.evaluation': (ctx, ws) => evaluateWorkspace(ctx.db, ws.customerId, { dryRun: true }),
  'playbooks.evaluate': (ctx, ws) => evaluateWorkspace(ctx.db, ws.customerId),

  'playbooks.list': (ctx, ws, filter) => listExecutions(ctx.db, ws.customerId, filter),
  'playbooks.get': (ctx, ws, { executionId }) => getExecutionView(ctx.db, ws.customerId, executionId),
  'playbooks.start': (ctx, ws, input) => {
    const id = startExecution(ctx.db, ws.customerId, { ...input, userId: ws.userId, triggeredBy: 'manual' });
    return getExecutionView(ctx.db, ws.customerId, id);
  },
  'playbooks.startMany': (ctx, ws, { starts }) => startMany(ctx.db, ws.customerId, starts, ws.userId),
  'playbooks.completeStep': (ctx, ws, { executionId, stepId, result }) =>
    changed(ctx, ws, executionId, (db, customerId) => recordStepResult(db, customerId, executionId, stepId, result)),
  'playbooks.skipStep': (ctx, ws, { executionId, stepId, reason }) =>
    changed(ctx, ws, executionId, (db, customerId) => skipExecutionStep(db, customerId, executionId, stepId, reason)),
  'playbooks.complete': (ctx, ws, { executionId }) =>
    changed(ctx, ws, executionId, (db, customerId) => completeExecution(db, customerId, executionId)),
  'playbooks.cancel': (ctx, ws, { executionId, reason }) =>
    changed(ctx, ws, executionId, (db, customerId) => cancelExecution(db, customerId, executionId, reason)),
  'playbooks.fail': (ctx, ws, { executionId, reason }) =>
    changed(ctx, ws, executionId, (db, customerId) => failExecution(db, customerId, executionId, reason)),
  'playbooks.delete': (ctx, ws, { executionId }) => deleteExecution(ctx.db, ws.customerId, executionId),

  'playbooks.report': (ctx, ws, { executionId }) => getReportView(ctx.db, ws.customerId, executionId),
  'playbooks.regenerateReport': (ctx, ws, { executionId }) => regenerateReport(ctx.db, ws.customerId, executionId),
  'playbooks.exportXlsx': (ctx, ws, { executionId }) => reportXlsx(getReportView(ctx.db, ws.customerId, executionId)),
  'playbooks.exportPdf': async (ctx, ws, { executionId }) => {
    const report = getReportView(ctx.db, ws.customerId, executionId);
    return { fileName: reportFileName(report, 'pdf'), bytes: await htmlToPdf(renderReportHtml(report)) };
  },

  'playbooks.running': (ctx, ws) => runningPlaybooks(ctx.db, ws.customerId),
  'playbooks.history': (ctx, ws, { accountId }) => accountHistory(ctx.db, ws.customerId, accountId),

  'playbooks.rolePeople': (ctx, ws, { executionId }) => getRolePeople(ctx.db, ws.customerId, executionId),
  'playbooks.setRolePeople': (ctx, ws, input) => setRolePeople(ctx.db, ws.customerId, input),
  'playbooks.responsibleSteps': (ctx, ws, { userId }) => {
    const who = userId ?? ws.userId;
    if (who == null)
      throw new AppError('refused', 'Sign in or choose a person to see the steps they are responsible for.');
    return responsibleSteps(ctx.db, ws.customerId, who);
  },
});
