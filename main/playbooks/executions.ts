import type { ExecutionStepView, ExecutionSummary, ExecutionView } from '../../shared/channels/playbooks';
import { AppError } from '../../shared/errors';
import { fmtDate } from '../../shared/format';
import { PLAYBOOK_IDS, type PlaybookDef, playbookById } from '../../shared/playbooks/catalogue';
import {
  cancel,
  captureBaseline,
  complete,
  completeStep,
  type ExecutionData,
  type ExecutionStatus,
  fail,
  makeExecutionId,
  newExecution,
  type Priority,
  parseExecutionData,
  skipStep,
  stepSchedule,
  type TriggeredBy,
} from '../../shared/playbooks/execution';
import { getAccount } from '../accounts/service';
import { all, type Db, first, inTransaction, run } from '../db/open';
import { defaultUserId } from '../workspaces/service';
import { guard } from './errors';
import { assignDefaultPeople, peopleByRole, responsibleFor } from './people';
import { generateReport, getReportView, hasReport, measureAtCompletion } from './reports';
import { type AccountSnapshot, latestValues } from './snapshot';

/**
 * Playbook executions: start (by hand or by trigger) with the baseline captured, steps in order,
 * complete / cancel / fail, delete (the report goes with it by the FK cascade), and the views the
 * board, the execution screen and the dashboards read. Every query is scoped to the workspace.
 */

export interface ExecRow {
  execution_id: string;
  account_id: number | null;
  playbook_id: string;
  status: string | null;
  execution_data: string;
  started_at: string;
  completed_at: string | null;
  account_name: string | null;
  report_id: number | null;
}

function execQuery(db: Db, customerId: number) {
  return db.k
    .selectFrom('playbook_executions as e')
    .leftJoin('accounts as a', (j) => j.onRef('a.account_id', '=', 'e.account_id').on('a.customer_id', '=', customerId))
    .leftJoin('playbook_reports as r', 'r.execution_id', 'e.execution_id')
    .select([
      'e.execution_id',
      'e.account_id',
      'e.playbook_id',
      'e.status',
      'e.execution_data',
      'e.started_at',
      'e.completed_at',
      'a.account_name',
      'r.report_id',
    ])
    .where('e.customer_id', '=', customerId);
}

export const EXECUTION_NOT_FOUND = (id: string) =>
  new AppError('not_found', `There is no playbook execution "${id}" in this workspace.`);

export function loadExecutionRow(db: Db, customerId: number, executionId: string): ExecRow {
  const row = first(db, execQuery(db, customerId).where('e.execution_id', '=', executionId));
  if (!row) throw EXECUTION_NOT_FOUND(executionId);
  return row;
}

export function defOf(playbookId: string): PlaybookDef {
  const def = playbookById(playbookId);
  if (!def) {
    throw new AppError(
      'not_found',
      `There is no playbook "${playbookId}". The playbooks are: ${PLAYBOOK_IDS.join(', ')}.`,
    );
  }
  return def;
}

export function readExecution(row: Pick<ExecRow, 'execution_data'>): ExecutionData {
  return guard(() => parseExecutionData(row.execution_data));
}

function summarise(exec: ExecutionData, row: ExecRow, now: Date): ExecutionSummary {
  const def = defOf(exec.playbookId);
  const sched = stepSchedule(def, exec.startedAt, now, exec.results);
  const inProgress = exec.status === 'in-progress';
  const overdueSteps = inProgress ? sched.filter((s) => s.overdue).length : 0;
  const current = exec.currentStep ? sched.find((s) => s.stepId === exec.currentStep) : undefined;
  return {
    executionId: exec.id,
    playbookId: def.id,
    playbookName: def.name,
    accountId: exec.accountId,
    accountName: row.account_name ?? exec.context.accountName,
    status: exec.status,
    priority: exec.metadata.priority,
    triggeredBy: exec.metadata.triggeredBy,
    reason: exec.metadata.reason ?? null,
    startedAt: exec.startedAt,
    completedAt: exec.completedAt,
    currentStepId: inProgress ? (current?.stepId ?? null) : null,
    currentStepName: inProgress ? (current?.name ?? null) : null,
    stepsDone: exec.results.length,
    totalSteps: def.steps.length,
    nextDueAt: inProgress ? (current?.dueAt ?? null) : null,
    overdue: overdueSteps > 0,
    overdueSteps,
    hasReport: row.report_id != null,
  };
}

const STATUS_ORDER: Record<ExecutionStatus, number> = { 'in-progress': 0, completed: 1, failed: 2, cancelled: 3 };

/** The board: overdue first, then in progress, then the rest; newest first within each. */
export function listExecutions(
  db: Db,
  customerId: number,
  filter: { status?: ExecutionStatus; playbookId?: string; accountId?: number } = {},
  now = new Date(),
): ExecutionSummary[] {
  let q = execQuery(db, customerId);
  if (filter.status) q = q.where('e.status', '=', filter.status);
  if (filter.playbookId) q = q.where('e.playbook_id', '=', filter.playbookId);
  if (filter.accountId) q = q.where('e.account_id', '=', filter.accountId);
  const out: ExecutionSummary[] = [];
  for (const row of all(db, q)) {
    try {
      out.push(summarise(readExecution(row), row, now));
    } catch (e) {
      console.warn(`[kpi] playbook execution ${row.execution_id} is unreadable and left out:`, e);
    }
  }
  return out.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      b.startedAt.localeCompare(a.startedAt),
  );
}

export function getExecutionView(db: Db, customerId: number, executionId: string, now = new Date()): ExecutionView {
  const row = loadExecutionRow(db, customerId, executionId);
  const exec = readExecution(row);
  const def = defOf(exec.playbookId);
  const summary = summarise(exec, row, now);
  const sched = stepSchedule(def, exec.startedAt, now, exec.results);
  const people = peopleByRole(db, customerId, executionId);
  const steps: ExecutionStepView[] = def.steps.map((s, i) => {
    const res = exec.results.find((r) => r.stepId === s.id);
    return {
      stepId: s.id,
      name: s.name,
      raci: s.raci,
      dueDay: s.dueDay,
      dueAt: sched[i].dueAt,
      status: sched[i].status,
      overdue: exec.status === 'in-progress' && sched[i].overdue,
      isCurrent: exec.status === 'in-progress' && exec.currentStep === s.id,
      records: [...s.records],
      result: res && res.status === 'completed' ? res.result : null,
      completedAt: res?.completedAt ?? null,
      skipReason: res?.reason ?? null,
      responsiblePeople: responsibleFor(s.raci, people),
    };
  });
  return {
    ...summary,
    steps,
    baseline: exec.context.baseline,
    userName: exec.context.userName,
    endReason: exec.metadata.endReason ?? null,
    exitCriteria: def.exitCriteria.map((c) => ({ key: c.key, label: c.label })),
    data: exec,
    report: row.report_id != null ? getReportView(db, customerId, executionId) : null,
  };
}

function userNameOf(db: Db, customerId: number, userId: number | null): string | null {
  if (userId == null) return null;
  const u = first(
    db,
    db.k.selectFrom('users').select('user_name').where('customer_id', '=', customerId).where('user_id', '=', userId),
  );
  return u?.user_name ?? null;
}

/** The in-progress execution of this playbook for the account (its id and start), if any. */
export function runningExecution(
  db: Db,
  customerId: number,
  accountId: number,
  playbookId: string,
): { execution_id: string; started_at: string } | undefined {
  return first(
    db,
    db.k
      .selectFrom('playbook_executions')
      .select(['execution_id', 'started_at'])
      .where('customer_id', '=', customerId)
      .where('account_id', '=', accountId)
      .where('playbook_id', '=', playbookId)
      .where('status', '=', 'in-progress')
      .limit(1),
  );
}

export interface StartInput {
  accountId: number;
  playbookId: string;
  /** Who starts it; by default the workspace's default user (the command line, automatic starts). */
  userId?: number | null;
  reason?: string;
  triggeredBy?: TriggeredBy;
  priority?: Priority;
  now?: Date;
  /** The account's latest values when the caller has read them already (the trigger evaluation). */
  values?: AccountSnapshot;
}

/**
 * Starts a playbook for an account with the baseline captured. Refused for an unknown playbook,
 * an account of another workspace ("not found"), a deactivated account, and while an execution
 * of the same playbook runs for the account. Returns the new execution id.
 */
export function startExecution(db: Db, customerId: number, input: StartInput): string {
  const def = defOf(input.playbookId);
  const account = getAccount(db, customerId, input.accountId);
  if (account.account_status === 'inactive') {
    throw new AppError(
      'refused',
      `${account.account_name} is deactivated: restore the account before starting a playbook.`,
    );
  }
  const now = input.now ?? new Date();
  return inTransaction(db, () => {
    const running = runningExecution(db, customerId, account.account_id, def.id);
    if (running) {
      throw new AppError(
        'conflict',
        `A ${def.name} is already in progress for ${account.account_name} (started ${fmtDate(running.started_at)}): complete or cancel it before starting another.`,
      );
    }
    const snap = input.values ?? latestValues(db, customerId, account.account_id);
    const userId = input.userId ?? defaultUserId(db, customerId);
    let id = makeExecutionId(now);
    while (first(db, db.k.selectFrom('playbook_executions').select('id').where('execution_id', '=', id)))
      id = makeExecutionId(now);
    const exec = newExecution({
      id,
      def,
      customerId,
      accountId: account.account_id,
      accountName: account.account_name,
      userId,
      userName: userNameOf(db, customerId, userId),
      baseline: captureBaseline(def, snap.kpis, snap.health, snap.month),
      triggeredBy: input.triggeredBy ?? 'manual',
      reason: input.reason,
      priority: input.priority,
      now,
    });
    run(
      db,
      db.k.insertInto('playbook_executions').values({
        execution_id: exec.id,
        customer_id: customerId,
        account_id: exec.accountId,
        playbook_id: exec.playbookId,
        status: exec.status,
        current_step: exec.currentStep,
        execution_data: JSON.stringify(exec),
        started_at: exec.startedAt,
        completed_at: null,
      }),
    );
    assignDefaultPeople(db, customerId, exec.id, exec.accountId, def);
    return exec.id;
  });
}

function save(db: Db, customerId: number, exec: ExecutionData, now: Date): void {
  run(
    db,
    db.k
      .updateTable('playbook_executions')
      .set({
        status: exec.status,
        current_step: exec.currentStep,
        execution_data: JSON.stringify(exec),
        completed_at: exec.completedAt,
        updated_at: now.toISOString(),
      })
      .where('customer_id', '=', customerId)
      .where('execution_id', '=', exec.id),
  );
}

/** Loads, applies a pure transition, saves: all or nothing. */
function mutate(
  db: Db,
  customerId: number,
  executionId: string,
  now: Date,
  fn: (exec: ExecutionData, def: PlaybookDef) => ExecutionData,
): ExecutionData {
  return inTransaction(db, () => {
    const exec = readExecution(loadExecutionRow(db, customerId, executionId));
    const def = defOf(exec.playbookId);
    const next = guard(() => fn(exec, def));
    save(db, customerId, next, now);
    return next;
  });
}

export function recordStepResult(
  db: Db,
  customerId: number,
  executionId: string,
  stepId: string,
  result: unknown,
  now = new Date(),
): ExecutionData {
  return mutate(db, customerId, executionId, now, (e, def) => completeStep(e, def, stepId, result ?? {}, now));
}

export function skipExecutionStep(
  db: Db,
  customerId: number,
  executionId: string,
  stepId: string,
  reason: string,
  now = new Date(),
): ExecutionData {
  return mutate(db, customerId, executionId, now, (e, def) => skipStep(e, def, stepId, reason, now));
}

/**
 * Completes the execution, keeping the values its report measures (the account's latest KPI
 * values and the trigger thresholds now), and generates the report, in one transaction.
 */
export function completeExecution(db: Db, customerId: number, executionId: string, now = new Date()): ExecutionData {
  return inTransaction(db, () => {
    const exec = mutate(db, customerId, executionId, now, (e, def) =>
      complete(e, def, now, measureAtCompletion(db, customerId, e.accountId, def)),
    );
    generateReport(db, customerId, exec, now);
    return exec;
  });
}

export function cancelExecution(
  db: Db,
  customerId: number,
  executionId: string,
  reason?: string,
  now = new Date(),
): ExecutionData {
  return mutate(db, customerId, executionId, now, (e) => cancel(e, now, reason));
}

export function failExecution(
  db: Db,
  customerId: number,
  executionId: string,
  reason?: string,
  now = new Date(),
): ExecutionData {
  return mutate(db, customerId, executionId, now, (e) => fail(e, now, reason));
}

/** Deletes an execution; its report is deleted by the FK cascade. */
export function deleteExecution(
  db: Db,
  customerId: number,
  executionId: string,
): { deleted: true; reportDeleted: boolean } {
  return inTransaction(db, () => {
    loadExecutionRow(db, customerId, executionId);
    const hadReport = hasReport(db, customerId, executionId);
    run(
      db,
      db.k
        .deleteFrom('playbook_executions')
        .where('customer_id', '=', customerId)
        .where('execution_id', '=', executionId),
    );
    return { deleted: true as const, reportDeleted: hadReport && !hasReport(db, customerId, executionId) };
  });
}

/** The workspace an execution belongs to (the command line names executions without a workspace). */
export function workspaceOfExecution(db: Db, executionId: string): number {
  const r = first(
    db,
    db.k.selectFrom('playbook_executions').select('customer_id').where('execution_id', '=', executionId),
  );
  if (!r) throw EXECUTION_NOT_FOUND(executionId);
  return r.customer_id;
}
