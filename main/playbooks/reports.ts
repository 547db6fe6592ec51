import type { ReportView } from '../../shared/channels/playbooks';
import { AppError } from '../../shared/errors';
import { type PlaybookDef, playbookById } from '../../shared/playbooks/catalogue';
import {
  type AtCompletion,
  captureBaseline,
  type ExecutionData,
  parseExecutionData,
} from '../../shared/playbooks/execution';
import { buildReport, type CurrentValues, type ReportData, valuesAtCompletion } from '../../shared/playbooks/report';
import { readTriggerConfig, type TriggerConfig } from '../../shared/playbooks/triggers';
import { type Db, first, inTransaction, run } from '../db/open';
import { guard } from './errors';
import { latestValues, valuesAsOf } from './snapshot';

/**
 * Reports (`playbook_reports`): generated when an execution completes, from buildReport with the
 * account's latest KPI values at that moment against the baseline (kept in the execution, so a
 * regenerated report measures the same); regenerable; read back with the step-level RACI and
 * results the exports need.
 */

export function hasReport(db: Db, customerId: number, executionId: string): boolean {
  return !!first(
    db,
    db.k
      .selectFrom('playbook_reports')
      .select('report_id')
      .where('customer_id', '=', customerId)
      .where('execution_id', '=', executionId),
  );
}

/** The workspace's thresholds for the playbook's trigger now (defaults when it has no row yet). */
export function triggerConfigOf(db: Db, customerId: number, def: PlaybookDef): TriggerConfig {
  const row = first(
    db,
    db.k
      .selectFrom('playbook_triggers')
      .select('trigger_config')
      .where('customer_id', '=', customerId)
      .where('playbook_type', '=', def.type),
  );
  return readTriggerConfig(def.type, row?.trigger_config);
}

/** What a completing execution keeps for its report: the account's latest values and the thresholds now. */
export function measureAtCompletion(db: Db, customerId: number, accountId: number, def: PlaybookDef): AtCompletion {
  const snap = latestValues(db, customerId, accountId);
  return {
    ...captureBaseline(def, snap.kpis, snap.health, snap.month),
    triggerConfig: triggerConfigOf(db, customerId, def),
  };
}

/**
 * What the report measures: the values kept at completion; for an execution completed before they
 * were kept, the latest values among the uploads made by its completion, against today's thresholds.
 */
function measuredValues(db: Db, customerId: number, exec: ExecutionData, def: PlaybookDef): CurrentValues {
  if (exec.context.atCompletion) return valuesAtCompletion(exec.context.atCompletion);
  const snap = exec.completedAt
    ? valuesAsOf(db, customerId, exec.accountId, exec.completedAt)
    : latestValues(db, customerId, exec.accountId);
  return { kpis: snap.kpis, health: snap.health, triggerConfig: triggerConfigOf(db, customerId, def) };
}

/** Builds and stores (insert or replace) the report of an execution. */
export function generateReport(db: Db, customerId: number, exec: ExecutionData, now = new Date()): void {
  const def = playbookById(exec.playbookId);
  if (!def) throw new AppError('not_found', `There is no playbook "${exec.playbookId}".`);
  const built = buildReport(def, exec, measuredValues(db, customerId, exec, def), now);
  const values = {
    status: exec.status,
    report_data: JSON.stringify(built.report_data),
    duration: built.duration,
    steps_completed: built.steps_completed,
    total_steps: built.total_steps,
    completed_at: exec.completedAt,
    report_generated_at: built.report_data.report_generated_at,
    updated_at: now.toISOString(),
  };
  run(
    db,
    db.k
      .insertInto('playbook_reports')
      .values({
        execution_id: exec.id,
        customer_id: customerId,
        account_id: exec.accountId,
        playbook_id: def.id,
        playbook_name: def.name,
        account_name: exec.context.accountName,
        started_at: exec.startedAt,
        ...values,
      })
      .onConflict((oc) => oc.column('execution_id').doUpdateSet(values)),
  );
}

function loadExec(db: Db, customerId: number, executionId: string): ExecutionData {
  const row = first(
    db,
    db.k
      .selectFrom('playbook_executions')
      .select('execution_data')
      .where('customer_id', '=', customerId)
      .where('execution_id', '=', executionId),
  );
  if (!row) throw new AppError('not_found', `There is no playbook execution "${executionId}" in this workspace.`);
  return guard(() => parseExecutionData(row.execution_data));
}

export function getReportView(db: Db, customerId: number, executionId: string): ReportView {
  const exec = loadExec(db, customerId, executionId);
  const r = first(
    db,
    db.k
      .selectFrom('playbook_reports')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('execution_id', '=', executionId),
  );
  if (!r) {
    throw new AppError(
      'not_found',
      exec.status === 'in-progress'
        ? 'This playbook has no report yet: the report is generated when it is completed.'
        : `This playbook has no report (it was ${exec.status}).`,
    );
  }
  const def = playbookById(exec.playbookId)!;
  const data = JSON.parse(r.report_data) as ReportData;
  return {
    reportId: r.report_id,
    executionId,
    accountId: r.account_id,
    accountName: r.account_name ?? data.account_name,
    playbookId: r.playbook_id,
    playbookName: r.playbook_name,
    status: r.status ?? exec.status,
    duration: r.duration ?? data.duration,
    stepsCompleted: Number(r.steps_completed ?? 0),
    totalSteps: Number(r.total_steps ?? def.steps.length),
    startedAt: r.started_at,
    completedAt: r.completed_at,
    generatedAt: data.report_generated_at ?? r.report_generated_at,
    data,
    criteria: def.exitCriteria.map((c) => ({ key: c.key, label: c.label, met: !!data.exit_criteria_met?.[c.key] })),
    steps: def.steps.map((s) => {
      const res = exec.results.find((x) => x.stepId === s.id);
      return {
        stepId: s.id,
        name: s.name,
        dueDay: s.dueDay,
        raci: s.raci,
        status: res?.status ?? 'pending',
        completedAt: res?.completedAt ?? null,
        result: res && res.status === 'completed' ? res.result : null,
        skipReason: res?.reason ?? null,
      };
    }),
  };
}

/** Rebuilds a completed execution's report from the values it was completed with (only the generation time changes). */
export function regenerateReport(db: Db, customerId: number, executionId: string, now = new Date()): ReportView {
  return inTransaction(db, () => {
    const exec = loadExec(db, customerId, executionId);
    if (exec.status !== 'completed') {
      throw new AppError(
        'refused',
        exec.status === 'in-progress'
          ? 'This playbook is still in progress: complete it to get its report.'
          : `This playbook was ${exec.status}: only a completed playbook has a report.`,
      );
    }
    generateReport(db, customerId, exec, now);
    return getReportView(db, customerId, executionId);
  });
}

/** A file name safe on every OS: "VoC Sprint - TechCorp Solutions - 2025-10-15". */
export function reportFileName(report: ReportView, ext: string): string {
  const date = (report.completedAt ?? report.generatedAt).slice(0, 10);
  const base = `${report.playbookName} - ${report.accountName} - ${date}`
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `${base}.${ext}`;
}
