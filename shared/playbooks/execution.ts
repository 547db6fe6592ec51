/**
 * `execution_data` (the seed's shape) and its pure state transitions. Each transition returns a
 * new object or throws a PlaybookError; nothing changes a finished execution.
 * Pure: no database, no Node APIs.
 */

import { z } from 'zod';
import { normalizeName } from '../names';
import {
  isPlaybookId,
  kpisOfPlaybook,
  type PlaybookDef,
  type PlaybookId,
  type PlaybookStep,
  stepById,
} from './catalogue';
import { PlaybookError } from './errors';
import { type StepResultValues, validateStepResult } from './step-result';

export { PlaybookError, type PlaybookErrorCode } from './errors';
export {
  type RecordedValue,
  type StepResultValues,
  stepFieldErrors,
  stepResultSchema,
  validateStepResult,
} from './step-result';

export type ExecutionStatus = 'in-progress' | 'completed' | 'failed' | 'cancelled';
export type Priority = 'high' | 'medium' | 'low';
export type TriggeredBy = 'manual' | 'auto';

export interface StepResult {
  stepId: string;
  completedAt: string;
  status: 'completed' | 'skipped';
  result: StepResultValues;
  /** Why the step was skipped (skipped steps only). */
  reason?: string;
}

export interface Baseline {
  /** KPI display name (as in the catalogue) → latest value at the start, null when missing. */
  kpis: Record<string, number | null>;
  health: number | null;
  /** The scored month the baseline was read from, 'YYYY-MM'. */
  month: string | null;
}

/**
 * What the report measures at completion, frozen so that a regenerated report says the same:
 * the latest values of the baseline's KPIs, the overall health, their month, and the workspace's
 * trigger thresholds of the playbook then.
 */
export interface AtCompletion extends Baseline {
  triggerConfig: Record<string, number>;
}

export interface ExecutionContext {
  customerId: number;
  accountId: number;
  accountName: string;
  userId: number | null;
  userName: string | null;
  baseline: Baseline;
  /** Set when the execution completes; absent on executions completed before it was kept. */
  atCompletion?: AtCompletion;
}

export interface ExecutionMetadata {
  priority: Priority;
  triggeredBy: TriggeredBy;
  /** Why it started (the trigger's reason for auto starts, free text for manual ones). */
  reason?: string;
  /** Why it was cancelled or failed. */
  endReason?: string;
}

export interface ExecutionData {
  id: string;
  playbookId: PlaybookId;
  customerId: number;
  accountId: number;
  status: ExecutionStatus;
  /** Next step to do; null once every step is done. */
  currentStep: string | null;
  startedAt: string;
  /** When it ended (completed, failed or cancelled); null while in progress. Not in the seed's example. */
  completedAt: string | null;
  results: StepResult[];
  context: ExecutionContext;
  metadata: ExecutionMetadata;
}

const DAY_MS = 86_400_000;

export function isFinished(exec: Pick<ExecutionData, 'status'>): boolean {
  return exec.status !== 'in-progress';
}

/**
 * Priority rule: 'high' when the account's health is below 40 or the playbook is a risk recovery
 * (VoC Sprint, SLA Recovery); 'low' for an Expansion Play on an account not below 40; otherwise
 * 'medium' (Activation Blitz, Renewal Readiness).
 */
export function priorityFor(def: PlaybookDef, health: number | null): Priority {
  if ((health !== null && health < 40) || def.type === 'voc' || def.type === 'sla') return 'high';
  if (def.type === 'expansion') return 'low';
  return 'medium';
}

/** `exec_<ms>_<9 base-36 chars>`, as in the seed. */
export function makeExecutionId(now: Date, random: () => number = Math.random): string {
  let tail = '';
  while (tail.length < 9) tail += Math.floor(random() * 36).toString(36);
  return `exec_${now.getTime()}_${tail}`;
}

/** Baseline from the latest scored month: every KPI of kpisOfPlaybook(def), null when missing. */
export function captureBaseline(
  def: PlaybookDef,
  kpis: ReadonlyMap<string, number>,
  health: number | null,
  month: string | null,
): Baseline {
  const out: Record<string, number | null> = {};
  for (const name of kpisOfPlaybook(def)) {
    const v = kpis.get(normalizeName(name));
    out[name] = typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
  return { kpis: out, health: typeof health === 'number' && Number.isFinite(health) ? health : null, month };
}

export interface NewExecutionInput {
  id: string;
  def: PlaybookDef;
  customerId: number;
  accountId: number;
  accountName: string;
  userId: number | null;
  userName: string | null;
  baseline: Baseline;
  triggeredBy: TriggeredBy;
  reason?: string;
  /** Defaults to priorityFor(def, baseline.health). */
  priority?: Priority;
  now: Date;
}

export function newExecution(input: NewExecutionInput): ExecutionData {
  const { def } = input;
  const reason = input.reason?.trim();
  return {
    id: input.id,
    playbookId: def.id,
    customerId: input.customerId,
    accountId: input.accountId,
    status: 'in-progress',
    currentStep: def.steps[0]?.id ?? null,
    startedAt: input.now.toISOString(),
    completedAt: null,
    results: [],
    context: {
      customerId: input.customerId,
      accountId: input.accountId,
      accountName: input.accountName,
      userId: input.userId,
      userName: input.userName,
      baseline: input.baseline,
    },
    metadata: {
      priority: input.priority ?? priorityFor(def, input.baseline.health),
      triggeredBy: input.triggeredBy,
      ...(reason ? { reason } : {}),
    },
  };
}

/** First step (in catalogue order) with no result yet, or undefined when all are done. */
export function nextPendingStep(exec: Pick<ExecutionData, 'results'>, def: PlaybookDef): PlaybookStep | undefined {
  const done = new Set(exec.results.map((r) => r.stepId));
  return def.steps.find((s) => !done.has(s.id));
}

export function allStepsDone(exec: Pick<ExecutionData, 'results'>, def: PlaybookDef): boolean {
  return nextPendingStep(exec, def) === undefined;
}

function assertActionable(exec: ExecutionData, def: PlaybookDef): void {
  if (exec.playbookId !== def.id) {
    throw new PlaybookError('wrong_playbook', `This execution is a ${exec.playbookId}, not a ${def.name}.`);
  }
  assertNotFinished(exec, def.name);
}

function assertNotFinished(exec: ExecutionData, name: string): void {
  if (isFinished(exec)) {
    throw new PlaybookError('finished', `This ${name} is already ${exec.status}: nothing more can be changed.`);
  }
}

function assertCurrentStep(exec: ExecutionData, def: PlaybookDef, stepId: string, verb: string): PlaybookStep {
  const step = stepById(def, stepId);
  if (!step) throw new PlaybookError('unknown_step', `"${stepId}" is not a step of the ${def.name}.`);
  const done = exec.results.find((r) => r.stepId === stepId);
  if (done) throw new PlaybookError('step_already_done', `"${step.name}" is already ${done.status}.`);
  const next = nextPendingStep(exec, def);
  if (next && next.id !== stepId) {
    throw new PlaybookError(
      'out_of_order',
      `"${step.name}" cannot be ${verb} yet: first complete or skip "${next.name}" (steps go in order).`,
    );
  }
  return step;
}

function withResult(exec: ExecutionData, def: PlaybookDef, res: StepResult): ExecutionData {
  const results = [...exec.results, res];
  return { ...exec, results, currentStep: nextPendingStep({ results }, def)?.id ?? null };
}

/** Completes the current step with its recorded values (validated against the step's `records`). */
export function completeStep(
  exec: ExecutionData,
  def: PlaybookDef,
  stepId: string,
  result: unknown,
  now: Date,
): ExecutionData {
  assertActionable(exec, def);
  const step = assertCurrentStep(exec, def, stepId, 'completed');
  const v = validateStepResult(step, result);
  if (!v.ok) {
    throw new PlaybookError('invalid_result', `"${step.name}" cannot be completed: ${v.errors.join('; ')}.`, v.errors);
  }
  return withResult(exec, def, { stepId, completedAt: now.toISOString(), status: 'completed', result: v.values });
}

/** Skips the current step; a reason is required. */
export function skipStep(
  exec: ExecutionData,
  def: PlaybookDef,
  stepId: string,
  reason: string,
  now: Date,
): ExecutionData {
  assertActionable(exec, def);
  const step = assertCurrentStep(exec, def, stepId, 'skipped');
  const why = typeof reason === 'string' ? reason.trim() : '';
  if (!why) throw new PlaybookError('reason_required', `Give a reason to skip "${step.name}".`);
  return withResult(exec, def, {
    stepId,
    completedAt: now.toISOString(),
    status: 'skipped',
    result: {},
    reason: why,
  });
}

/**
 * Completes the execution; only when every step is completed or skipped. `atCompletion` (what the
 * report measures) is kept in the context.
 */
export function complete(exec: ExecutionData, def: PlaybookDef, now: Date, atCompletion?: AtCompletion): ExecutionData {
  assertActionable(exec, def);
  const done = new Set(exec.results.map((r) => r.stepId));
  const pending = def.steps.filter((s) => !done.has(s.id));
  if (pending.length > 0) {
    const n = pending.length;
    throw new PlaybookError(
      'steps_remaining',
      `The ${def.name} cannot be completed yet: ${n} step${n === 1 ? '' : 's'} still to do (${pending
        .map((s) => `"${s.name}"`)
        .join(', ')}).`,
    );
  }
  return {
    ...exec,
    status: 'completed',
    currentStep: null,
    completedAt: now.toISOString(),
    context: atCompletion ? { ...exec.context, atCompletion } : exec.context,
  };
}

function end(exec: ExecutionData, status: 'cancelled' | 'failed', now: Date, reason?: string): ExecutionData {
  assertNotFinished(exec, 'playbook');
  const why = reason?.trim();
  return {
    ...exec,
    status,
    completedAt: now.toISOString(),
    metadata: { ...exec.metadata, ...(why ? { endReason: why } : {}) },
  };
}

export function cancel(exec: ExecutionData, now: Date, reason?: string): ExecutionData {
  return end(exec, 'cancelled', now, reason);
}

export function fail(exec: ExecutionData, now: Date, reason?: string): ExecutionData {
  return end(exec, 'failed', now, reason);
}

export interface ScheduledStep {
  stepId: string;
  name: string;
  dueDay: number;
  /** startedAt + dueDay days, ISO. */
  dueAt: string;
  status: 'completed' | 'skipped' | 'pending';
  /** Not done and now is past the due date. */
  overdue: boolean;
}

export function stepSchedule(
  def: PlaybookDef,
  startedAt: string,
  now: Date,
  results: readonly Pick<StepResult, 'stepId' | 'status'>[] = [],
): ScheduledStep[] {
  const start = Date.parse(startedAt);
  return def.steps.map((s) => {
    const due = start + s.dueDay * DAY_MS;
    const status = results.find((r) => r.stepId === s.id)?.status ?? 'pending';
    return {
      stepId: s.id,
      name: s.name,
      dueDay: s.dueDay,
      dueAt: Number.isFinite(due) ? new Date(due).toISOString() : '',
      status,
      overdue: status === 'pending' && Number.isFinite(due) && now.getTime() > due,
    };
  });
}

const recordedValue = z.union([z.number(), z.boolean(), z.string()]);

const baselineSchema = z.object({
  kpis: z.record(z.string(), z.number().nullable()).default({}),
  health: z.number().nullable().default(null),
  month: z.string().nullable().default(null),
});

/**
 * Reads a stored `execution_data` (JSON text or object). Tolerates the seed's older shape:
 * a missing `completedAt`, `baseline`, `userId`/`userName` get null/empty defaults. Unknown keys are dropped.
 */
export const executionDataSchema = z.object({
  id: z.string().min(1),
  playbookId: z.string().refine(isPlaybookId, { error: 'unknown playbookId' }),
  customerId: z.number(),
  accountId: z.number(),
  status: z.enum(['in-progress', 'completed', 'failed', 'cancelled']),
  currentStep: z.string().nullable().default(null),
  startedAt: z.string(),
  completedAt: z.string().nullable().default(null),
  results: z
    .array(
      z.object({
        stepId: z.string(),
        completedAt: z.string(),
        status: z.enum(['completed', 'skipped']),
        result: z.record(z.string(), recordedValue).default({}),
        reason: z.string().optional(),
      }),
    )
    .default([]),
  context: z.object({
    customerId: z.number(),
    accountId: z.number(),
    accountName: z.string(),
    userId: z.number().nullable().default(null),
    userName: z.string().nullable().default(null),
    baseline: baselineSchema.default({ kpis: {}, health: null, month: null }),
    atCompletion: baselineSchema.extend({ triggerConfig: z.record(z.string(), z.number()).default({}) }).optional(),
  }),
  metadata: z.object({
    priority: z.enum(['high', 'medium', 'low']),
    triggeredBy: z.enum(['manual', 'auto']),
    reason: z.string().optional(),
    endReason: z.string().optional(),
  }),
});

export function parseExecutionData(stored: unknown): ExecutionData {
  let obj = stored;
  if (typeof stored === 'string') {
    try {
      obj = JSON.parse(stored);
    } catch {
      throw new PlaybookError('invalid_execution', 'The stored execution is not valid JSON.');
    }
  }
  const r = executionDataSchema.safeParse(obj);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new PlaybookError('invalid_execution', `The stored execution is unreadable: ${issues.join('; ')}`, issues);
  }
  return r.data as ExecutionData;
}
