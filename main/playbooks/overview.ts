import type { HistoryItem, RunningPlaybook, RunningView } from '../../shared/channels/playbooks';
import type { ReportData } from '../../shared/playbooks/report';
import { getAccount } from '../accounts/service';
import { all, type Db } from '../db/open';
import { listExecutions } from './executions';

/**
 * Views across a workspace's executions, read from the board's list: the running playbooks with
 * their progress (the dashboards) and one account's history with its reports' outcomes.
 */

/** Running executions with their progress, grouped by account (accounts by name). */
export function runningPlaybooks(db: Db, customerId: number, now = new Date()): RunningView {
  const list = listExecutions(db, customerId, { status: 'in-progress' }, now);
  const byAccount = new Map<number, RunningView['byAccount'][number]>();
  for (const s of list) {
    const item: RunningPlaybook = {
      executionId: s.executionId,
      playbookId: s.playbookId,
      playbookName: s.playbookName,
      accountId: s.accountId,
      accountName: s.accountName,
      priority: s.priority,
      startedAt: s.startedAt,
      stepsDone: s.stepsDone,
      totalSteps: s.totalSteps,
      progress: s.totalSteps ? s.stepsDone / s.totalSteps : 0,
      currentStepName: s.currentStepName,
      nextDueAt: s.nextDueAt,
      overdue: s.overdue,
    };
    let group = byAccount.get(s.accountId);
    if (!group) {
      group = { accountId: s.accountId, accountName: s.accountName, executions: [] };
      byAccount.set(s.accountId, group);
    }
    group.executions.push(item);
  }
  return {
    total: list.length,
    overdue: list.filter((s) => s.overdue).length,
    byAccount: [...byAccount.values()].sort((a, b) => a.accountName.localeCompare(b.accountName)),
  };
}

/** The account's executions, newest first, with the outcomes of their reports. */
export function accountHistory(db: Db, customerId: number, accountId: number, now = new Date()): HistoryItem[] {
  getAccount(db, customerId, accountId);
  const reports = new Map(
    all(
      db,
      db.k
        .selectFrom('playbook_reports')
        .select(['execution_id', 'report_data'])
        .where('customer_id', '=', customerId)
        .where('account_id', '=', accountId),
    ).map((r) => [r.execution_id, r.report_data]),
  );
  return listExecutions(db, customerId, { accountId }, now)
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
    .map((s) => {
      let outcome: HistoryItem['outcome'] = null;
      const raw = reports.get(s.executionId);
      if (raw) {
        try {
          const data = JSON.parse(raw) as ReportData;
          const met = Object.values(data.exit_criteria_met ?? {});
          outcome = {
            criteriaMet: met.filter(Boolean).length,
            criteriaTotal: met.length,
            outcomes: Object.entries(data.outcomes_achieved ?? {}).map(([key, o]) => ({ key, ...o })),
            summary: data.executive_summary ?? '',
          };
        } catch {
          outcome = null;
        }
      }
      return {
        executionId: s.executionId,
        playbookId: s.playbookId,
        playbookName: s.playbookName,
        status: s.status,
        triggeredBy: s.triggeredBy,
        reason: s.reason,
        startedAt: s.startedAt,
        completedAt: s.completedAt,
        stepsDone: s.stepsDone,
        totalSteps: s.totalSteps,
        overdue: s.overdue,
        outcome,
      };
    });
}
