import fs from 'node:fs';
import path from 'node:path';
import type { EvaluationView, ExecutionView, ReportView } from '../../shared/channels/playbooks';
import { AppError } from '../../shared/errors';
import { formatNumber, isPlaybookType, PLAYBOOK_TYPES } from '../../shared/playbooks/catalogue';
import { improvementText, outcomeKpiName } from '../../shared/playbooks/report';
import { findAccountByName } from '../accounts/service';
import { type Command, type Io, type ParsedArgs, str, UsageError, withDb } from '../cli/framework';
import type { Db } from '../db/open';
import { findWorkspaceByName, listUsers } from '../workspaces/service';
import {
  completeExecution,
  deleteExecution,
  getExecutionView,
  listExecutions,
  recordStepResult,
  skipExecutionStep,
  startExecution,
  workspaceOfExecution,
} from './executions';
import { htmlToPdf } from './pdf';
import { renderReportHtml } from './report-html';
import { reportXlsx } from './report-xlsx';
import { getReportView } from './reports';
import { evaluateWorkspace, listTriggers, updateTrigger } from './triggers';

const DB = { name: 'db', value: 'FILE', required: true, help: 'the SQLite database file' };
const CUSTOMER = { name: 'customer', value: 'NAME', required: true, help: 'the workspace' };
const EXECUTION = { name: 'execution', value: 'ID', required: true, help: 'the execution id (exec_...)' };
const JSON_FLAG = { name: 'json', help: 'print JSON' };

/** The execution's workspace: the one named by --customer (must own it), else the one it belongs to. */
function executionWorkspace(db: Db, args: ParsedArgs): { customerId: number; executionId: string } {
  const executionId = str(args, 'execution')!.trim();
  const customer = str(args, 'customer');
  const customerId = customer ? findWorkspaceByName(db, customer).id : workspaceOfExecution(db, executionId);
  return { customerId, executionId };
}

/** The id of the workspace's user named `name` (any case), or undefined when no name is given. */
function userNamed(db: Db, customerId: number, workspace: string, name: string | undefined): number | undefined {
  if (name === undefined) return undefined;
  const users = listUsers(db, customerId);
  const user = users.find((u) => u.name.trim().toLowerCase() === name.trim().toLowerCase());
  if (!user) {
    throw new AppError(
      'not_found',
      `There is no user named "${name}" in ${workspace}${users.length ? `: use one of ${users.map((u) => `"${u.name}"`).join(', ')}` : ''}.`,
    );
  }
  return user.id;
}

const fmt = (v: number | null | undefined) => (v == null ? '–' : formatNumber(v));

function printEvaluation(io: Io, view: EvaluationView): void {
  if (!view.accounts.length) io.out('no active accounts');
  for (const a of view.accounts) {
    const health =
      a.month == null
        ? 'no scored month'
        : `${a.month}, health ${fmt(a.health)}${a.previousMonth ? ` (${a.previousMonth}: ${fmt(a.previousHealth)})` : ''}`;
    io.out(`${a.accountName} (${health})`);
    for (const p of a.playbooks) {
      io.out(`  ${p.playbookName.padEnd(18)} ${p.fires ? 'FIRES' : 'quiet'}  ${p.reason}`);
      if (p.fires) io.out(`  ${''.padEnd(18)} → ${p.outcomeText}`);
    }
  }
  io.out(`${view.started.length} execution${view.started.length === 1 ? '' : 's'} started`);
}

function printExecution(io: Io, e: ExecutionView): void {
  io.out(
    `${e.executionId}  ${e.playbookName} for ${e.accountName}: ${e.status}, ${e.stepsDone}/${e.totalSteps} steps${e.userName ? `, started by ${e.userName}` : ''}`,
  );
  for (const s of e.steps) {
    const mark = s.status === 'completed' ? '✓' : s.status === 'skipped' ? '–' : s.isCurrent ? '▶' : ' ';
    const extra = s.overdue ? '  OVERDUE' : s.status === 'skipped' ? `  skipped: ${s.skipReason}` : '';
    io.out(`  ${mark} ${s.stepId.padEnd(24)} due ${s.dueAt.slice(0, 10)}  ${s.name}${extra}`);
  }
}

function printReport(io: Io, r: ReportView): void {
  const d = r.data;
  io.out(
    `${d.playbook_name}: ${d.account_name} (${r.status}, ${d.duration}, ${r.stepsCompleted}/${r.totalSteps} steps)`,
  );
  io.out(d.executive_summary);
  io.out('outcomes:');
  for (const [k, o] of Object.entries(d.outcomes_achieved))
    io.out(
      `  ${outcomeKpiName(k).padEnd(22)} ${fmt(o.baseline)} → ${fmt(o.current)}  ${improvementText(o)}  ${o.status}${o.target ? ` (${o.target})` : ''}`,
    );
  io.out('exit criteria:');
  for (const c of r.criteria) io.out(`  ${c.met ? '✓' : '✗'} ${c.label}`);
  const raci = d.raci_breakdown;
  io.out(
    `RACI: R ${raci.responsible.join(', ')} | A ${raci.accountable.join(', ')} | C ${raci.consulted.join(', ')} | I ${raci.informed.join(', ')}`,
  );
  io.out('next steps:');
  for (const n of d.next_steps) io.out(`  - ${n}`);
}

function parseJsonOption(args: ParsedArgs, key: string): unknown {
  const raw = str(args, key);
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new UsageError(`--${key} must be JSON, e.g. '{"responses": 45, "nps": 42}'`);
  }
}

export const playbookCommands: Command[] = [
  {
    name: 'playbooks evaluate',
    summary:
      'Evaluate every active account against the playbook triggers; with auto-trigger on, start what fires (safeguards apply).',
    options: [DB, CUSTOMER, { name: 'dry-run', help: 'show what would happen, change nothing' }, JSON_FLAG],
    run: (args, io) =>
      withDb(args, (db) => {
        const ws = findWorkspaceByName(db, str(args, 'customer')!);
        const view = evaluateWorkspace(db, ws.id, { dryRun: !!args.opts['dry-run'] });
        if (args.opts.json) io.out(JSON.stringify(view, null, 2));
        else printEvaluation(io, view);
      }),
  },
  {
    name: 'playbooks triggers',
    summary: "Show a workspace's playbook triggers; change one type's thresholds or auto-trigger switch.",
    options: [
      DB,
      CUSTOMER,
      { name: 'type', value: PLAYBOOK_TYPES.join('|'), help: 'the trigger to change' },
      { name: 'config', value: 'JSON', help: 'every threshold of the type, e.g. {"nps_threshold": 20, ...}' },
      { name: 'auto', value: 'on|off', help: 'switch auto-trigger on or off' },
      JSON_FLAG,
    ],
    run: (args, io) =>
      withDb(args, (db) => {
        const ws = findWorkspaceByName(db, str(args, 'customer')!);
        const type = str(args, 'type');
        const config = parseJsonOption(args, 'config');
        const auto = str(args, 'auto');
        if (auto !== undefined && auto !== 'on' && auto !== 'off') throw new UsageError('--auto must be on or off');
        if ((config !== undefined || auto !== undefined) && !type) throw new UsageError('--type is required to change');
        if (type !== undefined) {
          if (!isPlaybookType(type)) throw new UsageError(`--type must be one of ${PLAYBOOK_TYPES.join(', ')}`);
          if (config !== undefined && (config === null || typeof config !== 'object' || Array.isArray(config)))
            throw new AppError('invalid_input', 'The thresholds must be a JSON object');
          updateTrigger(db, ws.id, {
            type,
            config: config as Record<string, unknown> | undefined,
            autoTrigger: auto === undefined ? undefined : auto === 'on',
          });
        }
        const triggers = listTriggers(db, ws.id);
        if (args.opts.json) {
          io.out(JSON.stringify(triggers, null, 2));
          return;
        }
        for (const t of triggers) {
          const cfg = Object.entries(t.config)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ');
          io.out(
            `${t.type.padEnd(11)} ${t.playbookName.padEnd(18)} auto ${t.autoTrigger ? 'on ' : 'off'}  triggered ${t.triggerCount}x  ${cfg}`,
          );
        }
      }),
  },
  {
    name: 'playbooks list',
    summary: "List a workspace's playbook executions (overdue first).",
    options: [
      DB,
      CUSTOMER,
      { name: 'status', value: 'STATUS', help: 'in-progress, completed, failed or cancelled' },
      JSON_FLAG,
    ],
    run: (args, io) =>
      withDb(args, (db) => {
        const ws = findWorkspaceByName(db, str(args, 'customer')!);
        const status = str(args, 'status');
        if (status && !['in-progress', 'completed', 'failed', 'cancelled'].includes(status))
          throw new UsageError('--status must be in-progress, completed, failed or cancelled');
        const rows = listExecutions(db, ws.id, { status: status as never });
        if (args.opts.json) {
          io.out(JSON.stringify(rows, null, 2));
          return;
        }
        if (!rows.length) io.out('no executions');
        for (const e of rows)
          io.out(
            `${e.executionId}  ${e.playbookName.padEnd(18)} ${e.accountName.padEnd(28)} ${e.status.padEnd(11)} ${e.stepsDone}/${e.totalSteps}${e.overdue ? '  OVERDUE' : ''}`,
          );
      }),
  },
  {
    name: 'playbooks start',
    summary: 'Start a playbook by hand for an account, capturing the baseline.',
    options: [
      DB,
      CUSTOMER,
      { name: 'account', value: 'NAME', required: true, help: 'the account' },
      { name: 'playbook', value: 'ID', required: true, help: 'voc-sprint, activation-blitz, sla-recovery, ...' },
      { name: 'reason', value: 'TEXT', help: 'why it starts' },
      { name: 'user', value: 'NAME', help: "who starts it (default: the workspace's first user)" },
      JSON_FLAG,
    ],
    run: (args, io) =>
      withDb(args, (db) => {
        const ws = findWorkspaceByName(db, str(args, 'customer')!);
        const name = str(args, 'account')!;
        const account = findAccountByName(db, ws.id, name);
        if (!account) throw new AppError('not_found', `There is no account named "${name}" in ${ws.name}.`);
        const id = startExecution(db, ws.id, {
          userId: userNamed(db, ws.id, ws.name, str(args, 'user')),
          accountId: account.account_id,
          playbookId: str(args, 'playbook')!.trim(),
          reason: str(args, 'reason'),
          triggeredBy: 'manual',
        });
        const view = getExecutionView(db, ws.id, id);
        if (args.opts.json) io.out(JSON.stringify(view, null, 2));
        else printExecution(io, view);
      }),
  },
  {
    name: 'playbooks step',
    summary: 'Complete the current step with its result (JSON), or skip it with a reason.',
    options: [
      DB,
      EXECUTION,
      { name: 'step', value: 'ID', required: true, help: 'the step id, e.g. voc-week1-survey' },
      { name: 'result', value: 'JSON', help: 'the values the step records, e.g. {"responses": 45, "nps": 42}' },
      { name: 'skip', value: 'REASON', help: 'skip the step instead, with this reason' },
      { name: 'customer', value: 'NAME', help: 'the workspace (checked to own the execution)' },
      JSON_FLAG,
    ],
    run: (args, io) =>
      withDb(args, (db) => {
        const { customerId, executionId } = executionWorkspace(db, args);
        const step = str(args, 'step')!.trim();
        const skip = str(args, 'skip');
        const result = parseJsonOption(args, 'result');
        if (skip !== undefined && result !== undefined) throw new UsageError('give --result or --skip, not both');
        if (skip !== undefined) skipExecutionStep(db, customerId, executionId, step, skip);
        else recordStepResult(db, customerId, executionId, step, result ?? {});
        const view = getExecutionView(db, customerId, executionId);
        if (args.opts.json) io.out(JSON.stringify(view, null, 2));
        else printExecution(io, view);
      }),
  },
  {
    name: 'playbooks complete',
    summary: 'Complete an execution (every step done or skipped) and generate its report.',
    options: [DB, EXECUTION, { name: 'customer', value: 'NAME', help: 'the workspace' }, JSON_FLAG],
    run: (args, io) =>
      withDb(args, (db) => {
        const { customerId, executionId } = executionWorkspace(db, args);
        completeExecution(db, customerId, executionId);
        const report = getReportView(db, customerId, executionId);
        if (args.opts.json) io.out(JSON.stringify(report, null, 2));
        else printReport(io, report);
      }),
  },
  {
    name: 'playbooks report',
    summary: "Print an execution's report; write it as PDF and/or xlsx.",
    options: [
      DB,
      EXECUTION,
      { name: 'pdf', value: 'FILE', help: 'write the report as PDF (headless Chromium)' },
      { name: 'xlsx', value: 'FILE', help: 'write the report as an Excel workbook' },
      { name: 'customer', value: 'NAME', help: 'the workspace' },
      JSON_FLAG,
    ],
    run: (args, io) =>
      withDb(args, async (db) => {
        const { customerId, executionId } = executionWorkspace(db, args);
        const report = getReportView(db, customerId, executionId);
        const pdf = str(args, 'pdf');
        const xlsx = str(args, 'xlsx');
        if (pdf) {
          const bytes = await htmlToPdf(renderReportHtml(report));
          fs.mkdirSync(path.dirname(path.resolve(pdf)), { recursive: true });
          fs.writeFileSync(pdf, bytes);
        }
        if (xlsx) {
          const file = await reportXlsx(report);
          fs.mkdirSync(path.dirname(path.resolve(xlsx)), { recursive: true });
          fs.writeFileSync(xlsx, file.bytes);
        }
        if (args.opts.json) io.out(JSON.stringify(report, null, 2));
        else {
          printReport(io, report);
          if (pdf) io.out(`PDF written: ${pdf}`);
          if (xlsx) io.out(`xlsx written: ${xlsx}`);
        }
      }),
  },
  {
    name: 'playbooks delete',
    summary: 'Delete an execution and its report.',
    options: [DB, EXECUTION, { name: 'customer', value: 'NAME', help: 'the workspace' }],
    run: (args, io) =>
      withDb(args, (db) => {
        const { customerId, executionId } = executionWorkspace(db, args);
        const r = deleteExecution(db, customerId, executionId);
        io.out(`deleted ${executionId}${r.reportDeleted ? ' and its report' : ''}`);
      }),
  },
];
