import { z } from 'zod';
import type { PlaybookId, PlaybookType, RaciRoles, StepRecordDef } from '../playbooks/catalogue';
import type { Baseline, ExecutionStatus, Priority, RecordedValue, TriggeredBy } from '../playbooks/execution';
import type { OutcomeAchieved, ReportData } from '../playbooks/report';
import type { TriggerCellState } from '../playbooks/trigger-grid';
import type { ConditionOutcome } from '../playbooks/triggers';
import type { Status } from '../scoring';
import { type ExportFile, id, out } from './common';

/** Playbook triggers, executions and reports (spec: playbooks.md). */

export interface TriggerView {
  type: PlaybookType;
  playbookId: PlaybookId;
  playbookName: string;
  /** The stored thresholds (an unreadable one falls back to its default). */
  config: Record<string, number>;
  autoTrigger: boolean;
  lastEvaluated: string | null;
  lastTriggered: string | null;
  triggerCount: number;
}

/**
 * What an evaluation did (or would do) for one playbook and account:
 * - quiet: no condition holds;
 * - started: auto-trigger started an execution;
 * - blocked: a safeguard held it back (in progress, cool-down), `outcomeText` says which;
 * - auto-off: the conditions hold but auto-trigger is off (start it by hand);
 * - would-start: a preview only; the next evaluation will start it.
 */
export type EvaluationOutcome = 'quiet' | 'started' | 'blocked' | 'auto-off' | 'would-start';

export interface PlaybookEvaluation {
  type: PlaybookType;
  playbookId: PlaybookId;
  playbookName: string;
  fires: boolean;
  /** The conditions that hold with their values, or why none does. */
  reason: string;
  conditions: ConditionOutcome[];
  outcome: EvaluationOutcome;
  outcomeText: string;
  /** The execution that was started, or the one in progress that blocked a start. */
  executionId: string | null;
  /** The grid's cell: running whenever one is in progress (fires or not), cooling when a firing one is held back. */
  state: TriggerCellState;
  /** "2 of 3 conditions hold; one is enough". */
  summary: string;
  /** Each condition in true words, in the conditions' order. */
  details: string[];
}

export interface AccountEvaluation {
  accountId: number;
  accountName: string;
  /** The latest scored month read, 'YYYY-MM'; null when the account has no score yet. */
  month: string | null;
  health: number | null;
  previousMonth: string | null;
  previousHealth: number | null;
  /** The latest month's status; null when not scored yet. */
  status: Status | null;
  /** Annual revenue; null when none is recorded. */
  revenue: number | null;
  /** The revenue when the status is Risk or Critical, else 0; null when no revenue is recorded. */
  revenueAtRisk: number | null;
  playbooks: PlaybookEvaluation[];
}

export interface EvaluationView {
  /** False for the read-only preview the screen opens with. */
  applied: boolean;
  evaluatedAt: string;
  accounts: AccountEvaluation[];
  started: Array<{ executionId: string; playbookId: PlaybookId; accountId: number; accountName: string }>;
}

export interface ExecutionSummary {
  executionId: string;
  playbookId: PlaybookId;
  playbookName: string;
  accountId: number;
  accountName: string;
  status: ExecutionStatus;
  priority: Priority;
  triggeredBy: TriggeredBy;
  reason: string | null;
  startedAt: string;
  completedAt: string | null;
  currentStepId: string | null;
  currentStepName: string | null;
  stepsDone: number;
  totalSteps: number;
  /** Due date of the current step. */
  nextDueAt: string | null;
  overdue: boolean;
  overdueSteps: number;
  hasReport: boolean;
}

export interface ExecutionStepView {
  stepId: string;
  name: string;
  raci: RaciRoles;
  dueDay: number;
  dueAt: string;
  status: 'completed' | 'skipped' | 'pending';
  overdue: boolean;
  isCurrent: boolean;
  records: StepRecordDef[];
  result: Record<string, RecordedValue> | null;
  completedAt: string | null;
  skipReason: string | null;
  /** The people mapped to the step's responsible roles (issue 13); empty when none is mapped. */
  responsiblePeople?: RolePerson[];
}

export interface ExecutionView extends ExecutionSummary {
  steps: ExecutionStepView[];
  baseline: Baseline;
  userName: string | null;
  endReason: string | null;
  exitCriteria: Array<{ key: string; label: string }>;
  /** The stored execution_data, in the seed's shape. */
  data: unknown;
  report: ReportView | null;
}

export interface ReportView {
  reportId: number;
  executionId: string;
  accountId: number | null;
  accountName: string;
  playbookId: string;
  playbookName: string;
  status: string;
  duration: string;
  stepsCompleted: number;
  totalSteps: number;
  startedAt: string;
  completedAt: string | null;
  generatedAt: string;
  data: ReportData;
  criteria: Array<{ key: string; label: string; met: boolean }>;
  steps: Array<{
    stepId: string;
    name: string;
    dueDay: number;
    raci: RaciRoles;
    status: 'completed' | 'skipped' | 'pending';
    completedAt: string | null;
    result: Record<string, RecordedValue> | null;
    skipReason: string | null;
  }>;
}

export interface RunningPlaybook {
  executionId: string;
  playbookId: PlaybookId;
  playbookName: string;
  accountId: number;
  accountName: string;
  priority: Priority;
  startedAt: string;
  stepsDone: number;
  totalSteps: number;
  /** stepsDone / totalSteps, 0..1. */
  progress: number;
  currentStepName: string | null;
  nextDueAt: string | null;
  overdue: boolean;
}

export interface RunningView {
  total: number;
  overdue: number;
  byAccount: Array<{ accountId: number; accountName: string; executions: RunningPlaybook[] }>;
}

export interface HistoryItem {
  executionId: string;
  playbookId: PlaybookId;
  playbookName: string;
  status: ExecutionStatus;
  triggeredBy: TriggeredBy;
  reason: string | null;
  startedAt: string;
  completedAt: string | null;
  stepsDone: number;
  totalSteps: number;
  overdue: boolean;
  /** From the report, once completed. */
  outcome: null | {
    criteriaMet: number;
    criteriaTotal: number;
    outcomes: Array<{ key: string } & OutcomeAchieved>;
    summary: string;
  };
}

/** A user of the workspace, as a role of an execution is mapped to. */
export interface RolePerson {
  userId: number;
  userName: string;
  email: string | null;
}

/** Who plays each RACI role of an execution, and so who is responsible for each step. */
export interface RolePeopleView {
  executionId: string;
  playbookName: string;
  /** False once the execution is finished. */
  editable: boolean;
  /** Every role the playbook's steps name, in the order they first appear. */
  roles: Array<{ role: string; people: RolePerson[] }>;
  /** The workspace's users to choose from. */
  users: RolePerson[];
  steps: Array<{
    stepId: string;
    name: string;
    roles: string[];
    people: RolePerson[];
    status: 'completed' | 'skipped' | 'pending';
  }>;
}

/** A step still to do, of a running execution, where the user plays one of the responsible roles. */
export interface ResponsibleStep {
  executionId: string;
  playbookId: PlaybookId;
  playbookName: string;
  accountId: number;
  accountName: string;
  stepId: string;
  stepName: string;
  /** The responsible roles the user plays for this step. */
  roles: string[];
  dueAt: string;
  overdue: boolean;
  /** The execution's next step (earlier steps are done). */
  isCurrent: boolean;
}

const executionId = z.string().trim().min(1, 'Give the execution id').max(64, 'That is not an execution id (too long)');
const reason = z.string().trim().max(1000, 'The reason is too long (1000 characters at most)');
const playbookType = z.enum(['voc', 'activation', 'sla', 'renewal', 'expansion'], {
  error: 'Unknown playbook type: use voc, activation, sla, renewal or expansion',
});

export const playbooksChannels = {
  'playbooks.triggers': { input: z.object({}), output: out<TriggerView[]>() },
  /** Thresholds are validated against their ranges; nothing is saved when one is wrong. */
  'playbooks.updateTrigger': {
    input: z.object({
      type: playbookType,
      config: z.record(z.string(), z.unknown()).optional(),
      autoTrigger: z.boolean().optional(),
    }),
    output: out<TriggerView>(),
  },
  /** Read-only: what an evaluation would show and do now. */
  'playbooks.evaluation': { input: z.object({}), output: out<EvaluationView>() },
  /** "Evaluate now": sets last_evaluated and, with auto-trigger on, starts executions. */
  'playbooks.evaluate': { input: z.object({}), output: out<EvaluationView>() },

  /** "Start selected" on the trigger grid: every pair started, or none (one transaction). */
  'playbooks.startMany': {
    input: z.object({
      starts: z
        .array(z.object({ accountId: id, playbookId: z.string().trim().min(1).max(64), reason: reason.optional() }))
        .min(1, 'Select at least one cell to start')
        .max(500, 'Too many at once (500 at most)'),
    }),
    output: out<{ started: Array<{ executionId: string; accountName: string; playbookName: string }> }>(),
  },
  'playbooks.list': {
    input: z.object({
      status: z.enum(['in-progress', 'completed', 'failed', 'cancelled']).optional(),
      playbookId: z.string().trim().max(64).optional(),
      accountId: id.optional(),
    }),
    output: out<ExecutionSummary[]>(),
  },
  'playbooks.get': { input: z.object({ executionId }), output: out<ExecutionView>() },
  'playbooks.start': {
    input: z.object({
      accountId: id,
      playbookId: z.string().trim().min(1, 'Choose a playbook').max(64),
      reason: reason.optional(),
    }),
    output: out<ExecutionView>(),
  },
  /** `result`: the values the step records (typed as the catalogue says) plus optional `notes`. */
  'playbooks.completeStep': {
    input: z.object({ executionId, stepId: z.string().trim().min(1).max(100), result: z.unknown().optional() }),
    output: out<ExecutionView>(),
  },
  'playbooks.skipStep': {
    input: z.object({ executionId, stepId: z.string().trim().min(1).max(100), reason }),
    output: out<ExecutionView>(),
  },
  /** Completes the execution (every step done or skipped) and generates its report. */
  'playbooks.complete': { input: z.object({ executionId }), output: out<ExecutionView>() },
  'playbooks.cancel': { input: z.object({ executionId, reason: reason.optional() }), output: out<ExecutionView>() },
  'playbooks.fail': { input: z.object({ executionId, reason: reason.optional() }), output: out<ExecutionView>() },
  /** Deletes the execution; its report goes with it (the seed's cascade). */
  'playbooks.delete': {
    input: z.object({ executionId }),
    output: out<{ deleted: true; reportDeleted: boolean }>(),
  },

  'playbooks.report': { input: z.object({ executionId }), output: out<ReportView>() },
  /** Rebuilds the report with the account's latest KPI values now. */
  'playbooks.regenerateReport': { input: z.object({ executionId }), output: out<ReportView>() },
  'playbooks.exportXlsx': { input: z.object({ executionId }), output: out<ExportFile>() },
  /** The report as PDF, printed by the headless Chromium the command line uses (the browser preview's Export PDF). */
  'playbooks.exportPdf': { input: z.object({ executionId }), output: out<ExportFile>() },

  /** For the dashboards: running executions with progress, per account. */
  'playbooks.running': { input: z.object({}), output: out<RunningView>() },
  /** For the account view: the account's executions with their outcomes, newest first. */
  'playbooks.history': { input: z.object({ accountId: id }), output: out<HistoryItem[]>() },

  /** Issue 13: the people each role of an execution is mapped to. */
  'playbooks.rolePeople': { input: z.object({ executionId }), output: out<RolePeopleView>() },
  /** Maps one role to these users of the workspace (none: unassigned); while the execution runs. */
  'playbooks.setRolePeople': {
    input: z.object({
      executionId,
      role: z.string().trim().min(1, 'Choose a role').max(100),
      userIds: z.array(id).max(50, 'At most 50 people per role'),
    }),
    output: out<RolePeopleView>(),
  },
  /** The steps still to do where a user (by default the signed-in one) is responsible. */
  'playbooks.responsibleSteps': { input: z.object({ userId: id.optional() }), output: out<ResponsibleStep[]>() },
} as const;
