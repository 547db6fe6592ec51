import { workspaceOf } from '../context';
import { defineHandlers } from '../ipc/dispatch';
import {
  accountHistory,
  cancelExecution,
  completeExecution,
  deleteExecution,
  failExecution,
  getExecutionView,
  listExecutions,
  recordStepResult,
  runningPlaybooks,
  skipExecutionStep,
  startExecution,
} from './executions';
import { reportXlsx } from './report-xlsx';
import { getReportView, regenerateReport } from './reports';
import { evaluateWorkspace, listTriggers, updateTrigger } from './triggers';

export const playbooksHandlers = defineHandlers({
  'playbooks.triggers': (ctx) => listTriggers(ctx.db, workspaceOf(ctx)),
  'playbooks.updateTrigger': (ctx, input) => updateTrigger(ctx.db, workspaceOf(ctx), input),
  'playbooks.evaluation': (ctx) => evaluateWorkspace(ctx.db, workspaceOf(ctx), { dryRun: true }),
  'playbooks.evaluate': (ctx) => evaluateWorkspace(ctx.db, workspaceOf(ctx)),

  'playbooks.list': (ctx, filter) => listExecutions(ctx.db, workspaceOf(ctx), filter),
  'playbooks.get': (ctx, { executionId }) => getExecutionView(ctx.db, workspaceOf(ctx), executionId),
  'playbooks.start': (ctx, input) => {
    const ws = workspaceOf(ctx);
    const id = startExecution(ctx.db, ws, { ...input, userId: ctx.session.userId, triggeredBy: 'manual' });
    return getExecutionView(ctx.db, ws, id);
  },
  'playbooks.completeStep': (ctx, { executionId, stepId, result }) => {
    const ws = workspaceOf(ctx);
    recordStepResult(ctx.db, ws, executionId, stepId, result);
    return getExecutionView(ctx.db, ws, executionId);
  },
  'playbooks.skipStep': (ctx, { executionId, stepId, reason }) => {
    const ws = workspaceOf(ctx);
    skipExecutionStep(ctx.db, ws, executionId, stepId, reason);
    return getExecutionView(ctx.db, ws, executionId);
  },
  'playbooks.complete': (ctx, { executionId }) => {
    const ws = workspaceOf(ctx);
    completeExecution(ctx.db, ws, executionId);
    return getExecutionView(ctx.db, ws, executionId);
  },
  'playbooks.cancel': (ctx, { executionId, reason }) => {
    const ws = workspaceOf(ctx);
    cancelExecution(ctx.db, ws, executionId, reason);
    return getExecutionView(ctx.db, ws, executionId);
  },
  'playbooks.fail': (ctx, { executionId, reason }) => {
    const ws = workspaceOf(ctx);
    failExecution(ctx.db, ws, executionId, reason);
    return getExecutionView(ctx.db, ws, executionId);
  },
  'playbooks.delete': (ctx, { executionId }) => deleteExecution(ctx.db, workspaceOf(ctx), executionId),

  'playbooks.report': (ctx, { executionId }) => getReportView(ctx.db, workspaceOf(ctx), executionId),
  'playbooks.regenerateReport': (ctx, { executionId }) => regenerateReport(ctx.db, workspaceOf(ctx), executionId),
  'playbooks.exportXlsx': (ctx, { executionId }) => reportXlsx(getReportView(ctx.db, workspaceOf(ctx), executionId)),

  'playbooks.running': (ctx) => runningPlaybooks(ctx.db, workspaceOf(ctx)),
  'playbooks.history': (ctx, { accountId }) => accountHistory(ctx.db, workspaceOf(ctx), accountId),
});
