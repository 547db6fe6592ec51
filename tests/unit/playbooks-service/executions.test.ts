import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
} from '../../../main/playbooks/executions';
import { accountHistory, runningPlaybooks } from '../../../main/playbooks/overview';
import { getReportView, regenerateReport } from '../../../main/playbooks/reports';
import { AppError } from '../../../shared/errors';
import { kpisOfPlaybook, PLAYBOOKS, type PlaybookDef, type PlaybookStep, raciUnion } from '../../../shared/playbooks';
import { tempDb } from '../../helpers/db';
import { account, EDGE, health, playbookTables, putKpis, QUIET, workspace } from './helpers';

let t: Awaited<ReturnType<typeof tempDb>>;
let customerId: number;
let userId: number;
let acme: number;
beforeEach(async () => {
  t = await tempDb();
  ({ customerId, userId } = workspace(t.db));
  acme = account(t.db, customerId, 'Acme');
});
afterEach(async () => {
  await t.cleanup();
});

async function refused(fn: () => unknown): Promise<AppError> {
  const before = playbookTables(t.db);
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    expect(playbookTables(t.db), 'a refusal changes nothing').toEqual(before);
    return e;
  }
  throw new Error('expected a refusal');
}

/** A valid result for every value a step records. */
function resultFor(step: PlaybookStep): Record<string, unknown> {
  const out: Record<string, unknown> = { notes: `done: ${step.name}` };
  for (const r of step.records) out[r.key] = r.type === 'number' ? 3 : r.type === 'boolean' ? true : 'Pat Sponsor';
  return out;
}

function runAllSteps(def: PlaybookDef, id: string, now?: Date) {
  for (const s of def.steps) recordStepResult(t.db, customerId, id, s.id, resultFor(s), now);
}

const row = (id: string) =>
  t.db.raw.prepare('SELECT * FROM playbook_executions WHERE execution_id = ?').get(id) as Record<string, any>;

describe('start', () => {
  it('captures the baseline of every KPI of the trigger and exit criteria, and the health', () => {
    putKpis(t.db, customerId, acme, '2025-08', { ...QUIET, 'Expansion Pipeline': 70_000 });
    const { 'Expansion Pipeline': _e, ...rest } = EDGE;
    putKpis(t.db, customerId, acme, '2025-09', rest);
    const now = new Date('2025-10-01T09:00:00.000Z');
    const id = startExecution(t.db, customerId, {
      accountId: acme,
      playbookId: 'expansion-play',
      userId,
      reason: 'QBR',
      now,
    });
    const r = row(id);
    expect(r).toMatchObject({
      customer_id: customerId,
      account_id: acme,
      playbook_id: 'expansion-play',
      status: 'in-progress',
      current_step: 'exp-opportunity',
      started_at: now.toISOString(),
      completed_at: null,
    });
    const data = JSON.parse(r.execution_data);
    expect(Object.keys(data)).toEqual([
      'id',
      'playbookId',
      'customerId',
      'accountId',
      'status',
      'currentStep',
      'startedAt',
      'completedAt',
      'results',
      'context',
      'metadata',
    ]);
    expect(data).toMatchObject({
      id,
      playbookId: 'expansion-play',
      customerId,
      accountId: acme,
      status: 'in-progress',
      currentStep: 'exp-opportunity',
      startedAt: now.toISOString(),
      results: [],
      context: { customerId, accountId: acme, accountName: 'Acme', userId, userName: 'Dana CSM' },
      metadata: { priority: 'low', triggeredBy: 'manual', reason: 'QBR' },
    });
    expect(id).toMatch(/^exec_\d{13}_[0-9a-z]{9}$/);
    // License Utilization from September; Expansion Pipeline missing in September: its latest earlier value.
    expect(data.context.baseline).toEqual({
      kpis: { 'License Utilization': 51, 'Expansion Pipeline': 70_000 },
      health: health(t.db, acme, '2025-09'),
      month: '2025-09',
    });
    expect(Object.keys(data.context.baseline.kpis)).toEqual(kpisOfPlaybook(PLAYBOOKS[4]));
  });

  it('an account with no KPI data starts with an empty baseline', () => {
    const id = startExecution(t.db, customerId, { accountId: acme, playbookId: 'voc-sprint' });
    expect(getExecutionView(t.db, customerId, id).baseline).toEqual({
      kpis: { 'NPS Score': null, 'CSAT Score': null, 'Churn Risk Score': null },
      health: null,
      month: null,
    });
  });

  it('refuses an unknown playbook, an unknown or deactivated account, and a second start while one runs', async () => {
    let e = await refused(() => startExecution(t.db, customerId, { accountId: acme, playbookId: 'nope' }));
    expect(e).toMatchObject({ code: 'not_found', message: expect.stringMatching(/no playbook "nope".*voc-sprint/) });
    e = await refused(() => startExecution(t.db, customerId, { accountId: 9999, playbookId: 'voc-sprint' }));
    expect(e.code).toBe('not_found');
    const dormant = account(t.db, customerId, 'Dormant', 'inactive');
    e = await refused(() => startExecution(t.db, customerId, { accountId: dormant, playbookId: 'voc-sprint' }));
    expect(e).toMatchObject({ code: 'refused', message: expect.stringMatching(/Dormant is deactivated/) });
    const first = startExecution(t.db, customerId, { accountId: acme, playbookId: 'voc-sprint' });
    e = await refused(() => startExecution(t.db, customerId, { accountId: acme, playbookId: 'voc-sprint' }));
    expect(e.code).toBe('conflict');
    // the running one is named by its start, not by its internal id
    expect(e.message).toMatch(
      /^A VoC Sprint is already in progress for Acme \(started \d{1,2} [A-Z][a-z]{2} \d{4}\): complete or cancel it before starting another\.$/,
    );
    expect(e.message).not.toContain(first);
    // another playbook for the same account is fine
    startExecution(t.db, customerId, { accountId: acme, playbookId: 'sla-recovery' });
  });
});

describe('steps', () => {
  let id: string;
  beforeEach(() => {
    putKpis(t.db, customerId, acme, '2025-09', EDGE);
    id = startExecution(t.db, customerId, { accountId: acme, playbookId: 'voc-sprint', userId });
  });

  it('records results in order; current_step follows', () => {
    const when = new Date('2025-10-05T10:00:00.000Z');
    recordStepResult(
      t.db,
      customerId,
      id,
      'voc-week1-survey',
      { responses: 45, nps: 42, notes: ' sent to 120 ' },
      when,
    );
    expect(row(id).current_step).toBe('voc-week2-interviews');
    const data = JSON.parse(row(id).execution_data);
    expect(data.currentStep).toBe('voc-week2-interviews');
    expect(data.results).toEqual([
      {
        stepId: 'voc-week1-survey',
        completedAt: when.toISOString(),
        status: 'completed',
        result: { responses: 45, nps: 42, notes: 'sent to 120' },
      },
    ]);
    skipExecutionStep(t.db, customerId, id, 'voc-week2-interviews', 'Customer declined interviews');
    const view = getExecutionView(t.db, customerId, id);
    expect(view.steps.map((s) => [s.stepId, s.status, s.isCurrent])).toEqual([
      ['voc-week1-survey', 'completed', false],
      ['voc-week2-interviews', 'skipped', false],
      ['voc-week3-analysis', 'pending', true],
      ['voc-week4-close-loop', 'pending', false],
    ]);
    expect(view.steps[1].skipReason).toBe('Customer declined interviews');
    expect(view.steps[0].raci).toEqual({
      responsible: ['CSM'],
      accountable: ['VP Customer Success'],
      consulted: ['Product Manager'],
      informed: ['Account Executive'],
    });
    expect(view).toMatchObject({
      stepsDone: 2,
      totalSteps: 4,
      currentStepName: 'Synthesise feedback into action items',
    });
  });

  it.each([
    [
      'a step out of order',
      'voc-week2-interviews',
      { interviews: 3 },
      'refused',
      /first complete or skip "Send NPS\/CSAT survey"/,
    ],
    [
      'a result of the wrong type',
      'voc-week1-survey',
      { responses: 'many', nps: 42 },
      'invalid_input',
      /Survey responses \(responses\) must be a number/,
    ],
    ['a missing value', 'voc-week1-survey', { responses: 4 }, 'invalid_input', /\(nps\) is required/],
    ['a value out of range', 'voc-week1-survey', { responses: 4, nps: 140 }, 'invalid_input', /at most 100/],
    [
      'an unknown field',
      'voc-week1-survey',
      { responses: 4, nps: 1, mood: 'good' },
      'invalid_input',
      /Unknown field for this step: mood/,
    ],
    ['an unknown step', 'voc-week9', {}, 'not_found', /"voc-week9" is not a step of the VoC Sprint/],
  ])('refuses %s and changes nothing', async (_what, stepId, result, code, message) => {
    const e = await refused(() => recordStepResult(t.db, customerId, id, stepId, result));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });

  it('refuses a skip without a reason, a step done twice, completion with steps left, an unknown execution', async () => {
    let e = await refused(() => skipExecutionStep(t.db, customerId, id, 'voc-week1-survey', '  '));
    expect(e).toMatchObject({ code: 'invalid_input', message: 'Give a reason to skip "Send NPS/CSAT survey".' });
    recordStepResult(t.db, customerId, id, 'voc-week1-survey', { responses: 1, nps: 1 });
    e = await refused(() => recordStepResult(t.db, customerId, id, 'voc-week1-survey', { responses: 1, nps: 1 }));
    expect(e).toMatchObject({ code: 'conflict', message: '"Send NPS/CSAT survey" is already completed.' });
    e = await refused(() => completeExecution(t.db, customerId, id));
    expect(e.code).toBe('refused');
    expect(e.message).toMatch(/cannot be completed yet: 3 steps still to do/);
    e = await refused(() => recordStepResult(t.db, customerId, 'exec_0_nothere00', 'voc-week1-survey', {}));
    expect(e).toMatchObject({
      code: 'not_found',
      message: 'There is no playbook execution "exec_0_nothere00" in this workspace.',
    });
  });

  it('an execution of another workspace is "not found" and stays as it was', async () => {
    const other = workspace(t.db, 'Initech').customerId;
    for (const fn of [
      () => getExecutionView(t.db, other, id),
      () => recordStepResult(t.db, other, id, 'voc-week1-survey', { responses: 1, nps: 1 }),
      () => skipExecutionStep(t.db, other, id, 'voc-week1-survey', 'x'),
      () => cancelExecution(t.db, other, id),
      () => deleteExecution(t.db, other, id),
      () => getReportView(t.db, other, id),
    ])
      expect((await refused(fn)).code).toBe('not_found');
    expect(listExecutions(t.db, other)).toEqual([]);
    expect(runningPlaybooks(t.db, other).total).toBe(0);
  });

  it('cancel and fail end the execution with their reason; nothing changes afterwards', async () => {
    const when = new Date('2025-10-09T00:00:00.000Z');
    cancelExecution(t.db, customerId, id, 'Account churned', when);
    expect(row(id)).toMatchObject({ status: 'cancelled', completed_at: when.toISOString() });
    expect(JSON.parse(row(id).execution_data).metadata.endReason).toBe('Account churned');
    const e = await refused(() => recordStepResult(t.db, customerId, id, 'voc-week1-survey', { responses: 1, nps: 1 }));
    expect(e).toMatchObject({ code: 'conflict', message: expect.stringMatching(/already cancelled/) });
    expect((await refused(() => failExecution(t.db, customerId, id))).code).toBe('conflict');
    const other = startExecution(t.db, customerId, { accountId: acme, playbookId: 'voc-sprint' });
    failExecution(t.db, customerId, other, 'No sponsor');
    expect(row(other).status).toBe('failed');
    expect(getExecutionView(t.db, customerId, other)).toMatchObject({
      status: 'failed',
      endReason: 'No sponsor',
      report: null,
    });
  });
});

describe('every playbook, end to end', () => {
  it.each(PLAYBOOKS.map((p) => [p.id, p] as const))('%s: all steps, complete, report', (_id, def) => {
    putKpis(t.db, customerId, acme, '2025-09', EDGE);
    const start = new Date('2025-09-01T00:00:00.000Z');
    const id = startExecution(t.db, customerId, { accountId: acme, playbookId: def.id, now: start });
    runAllSteps(def, id, new Date('2025-09-10T00:00:00.000Z'));
    putKpis(t.db, customerId, acme, '2025-10', QUIET);
    const end = new Date(start.getTime() + def.durationDays * 86_400_000);
    completeExecution(t.db, customerId, id, end);
    expect(row(id)).toMatchObject({ status: 'completed', current_step: null, completed_at: end.toISOString() });
    const stored = t.db.raw.prepare('SELECT * FROM playbook_reports WHERE execution_id = ?').get(id) as any;
    expect(stored).toMatchObject({
      customer_id: customerId,
      account_id: acme,
      playbook_id: def.id,
      playbook_name: def.name,
      account_name: 'Acme',
      status: 'completed',
      duration: `${def.durationDays} days`,
      steps_completed: 4,
      total_steps: 4,
      started_at: start.toISOString(),
      completed_at: end.toISOString(),
    });
    const data = JSON.parse(stored.report_data);
    expect(Object.keys(data)).toEqual([
      'execution_id',
      'playbook_id',
      'playbook_name',
      'account_name',
      'duration',
      'executive_summary',
      'raci_breakdown',
      'outcomes_achieved',
      'exit_criteria_met',
      'next_steps',
      'report_generated_at',
    ]);
    expect(data.raci_breakdown).toEqual(raciUnion(def));
    expect(Object.keys(data.exit_criteria_met)).toEqual(def.exitCriteria.map((c) => c.key));
    // QUIET values meet every KPI criterion except Expansion Pipeline's 50000? (5,000,000 meets it too)
    expect(Object.values(data.exit_criteria_met).every(Boolean)).toBe(true);
    expect(Object.keys(data.outcomes_achieved)).toHaveLength(kpisOfPlaybook(def).length);
    // Every outcome is achieved but the Expansion Play's License Utilization: QUIET's 80 is below the
    // 85 minimum its trigger needs (an opportunity trigger is achieved while it still holds).
    for (const [key, o] of Object.entries(data.outcomes_achieved) as any)
      expect(o, key).toMatchObject({
        status: def.id === 'expansion-play' && key === 'license_utilization_improvement' ? 'Not achieved' : 'Achieved',
        baseline: expect.any(Number),
        current: expect.any(Number),
      });
    expect(data.next_steps).toEqual(def.followUps);
    expect(data.executive_summary).toContain(`${def.name} for Acme completed in ${def.durationDays} days.`);
    const view = getReportView(t.db, customerId, id);
    expect(view.criteria.every((c) => c.met)).toBe(true);
    expect(view.steps.map((s) => s.raci)).toEqual(def.steps.map((s) => s.raci));
  });
});

describe('reports, delete, board, dashboards', () => {
  it('a VoC Sprint report: outcomes vs the baseline, criteria from KPIs and step results, next steps for what is unmet', () => {
    putKpis(t.db, customerId, acme, '2025-09', { ...EDGE, 'NPS Score': 42 });
    const id = startExecution(t.db, customerId, {
      accountId: acme,
      playbookId: 'voc-sprint',
      now: new Date('2025-09-15T00:00:00.000Z'),
    });
    recordStepResult(t.db, customerId, id, 'voc-week1-survey', { responses: 45, nps: 42 });
    recordStepResult(t.db, customerId, id, 'voc-week2-interviews', { interviews: 6 });
    recordStepResult(t.db, customerId, id, 'voc-week3-analysis', { action_items: 0 });
    skipExecutionStep(t.db, customerId, id, 'voc-week4-close-loop', 'Sponsor on leave');
    putKpis(t.db, customerId, acme, '2025-10', { ...EDGE, 'NPS Score': 58 });
    completeExecution(t.db, customerId, id, new Date('2025-10-12T00:00:00.000Z'));
    const r = getReportView(t.db, customerId, id);
    expect(r.data.outcomes_achieved).toEqual({
      nps_improvement: {
        baseline: 42,
        current: 58,
        improvement: '+16 points',
        change: 'better',
        status: 'Achieved',
        target: 'Exit criterion: NPS Score above 50',
      },
      csat_improvement: {
        baseline: 3.7,
        current: 3.7,
        improvement: '0 points',
        change: 'unchanged',
        status: 'Achieved',
        target: 'Trigger threshold: CSAT Score at least 3.6',
      },
      churn_risk_improvement: {
        baseline: 29,
        current: 29,
        improvement: '0 points',
        change: 'unchanged',
        status: 'Achieved',
        target: 'Trigger threshold: Churn Risk Score at most 30',
      },
    });
    expect(r.data.exit_criteria_met).toEqual({
      nps_above_50: true,
      action_items_created: false,
      executive_sponsor_identified: false,
    });
    expect(r.data.next_steps).toEqual([
      'Schedule quarterly NPS tracking',
      'Implement top 3 feature requests',
      'Conduct executive business review',
      'No action items were recorded: synthesise the feedback and agree action items with the product team',
      'No executive sponsor identified: ask the Account Executive to secure a named sponsor',
    ]);
    expect(r).toMatchObject({ duration: '27 days', stepsCompleted: 3, totalSteps: 4 });
    expect(r.data.raci_breakdown).toEqual({
      responsible: ['CSM', 'Product Manager'],
      accountable: ['VP Customer Success'],
      consulted: ['Product Manager', 'Engineering Lead', 'CSM', 'Account Executive'],
      informed: ['Account Executive', 'CEO'],
    });

    // The values measured are kept in the execution at completion.
    const kept = JSON.parse(row(id).execution_data).context.atCompletion;
    expect(kept).toEqual({
      kpis: { 'NPS Score': 58, 'CSAT Score': 3.7, 'Churn Risk Score': 29 },
      health: health(t.db, acme, '2025-10'),
      month: '2025-10',
      triggerConfig: { nps_threshold: 10, csat_threshold: 3.6, churn_risk_threshold: 30, health_drop_threshold: 10 },
    });

    // A later, worse month, a corrected October and new thresholds: the regenerated report is the
    // one of the completion, only its generation time moves.
    putKpis(t.db, customerId, acme, '2025-11', { ...EDGE, 'NPS Score': 20, 'CSAT Score': 3.1, 'Churn Risk Score': 45 });
    putKpis(t.db, customerId, acme, '2025-10', { ...EDGE, 'NPS Score': 48 });
    t.db.raw
      .prepare("UPDATE playbook_triggers SET trigger_config = ? WHERE customer_id = ? AND playbook_type = 'voc'")
      .run(JSON.stringify({ ...kept.triggerConfig, csat_threshold: 4 }), customerId);
    const again = regenerateReport(t.db, customerId, id, new Date('2025-12-20T00:00:00.000Z'));
    expect(again.data).toEqual({ ...r.data, report_generated_at: '2025-12-20T00:00:00.000Z' });
    expect({ ...again, data: null, generatedAt: null }).toEqual({ ...r, data: null, generatedAt: null });
    expect(t.db.raw.prepare('SELECT COUNT(*) AS n FROM playbook_reports').get()).toEqual({ n: 1 });

    // History with outcomes
    expect(accountHistory(t.db, customerId, acme)).toMatchObject([
      {
        executionId: id,
        status: 'completed',
        outcome: {
          criteriaMet: 1,
          criteriaTotal: 3,
          outcomes: [
            { key: 'nps_improvement', current: 58 },
            { key: 'csat_improvement', status: 'Achieved' },
            { key: 'churn_risk_improvement', status: 'Achieved' },
          ],
        },
      },
    ]);
  });

  it('a report completed before its values were kept is regenerated from the uploads made by its completion', () => {
    const uploadedOn = (ym: string, at: string) => {
      const [y, m] = ym.split('-').map(Number);
      t.db.raw
        .prepare('UPDATE kpi_uploads SET uploaded_at = ? WHERE account_id = ? AND period_year = ? AND period_month = ?')
        .run(at, acme, y, m);
    };
    putKpis(t.db, customerId, acme, '2025-09', { ...EDGE, 'NPS Score': 42 });
    uploadedOn('2025-09', '2025-09-03T09:00:00.000Z');
    const start = new Date('2025-09-15T00:00:00.000Z');
    const id = startExecution(t.db, customerId, { accountId: acme, playbookId: 'voc-sprint', now: start });
    runAllSteps(PLAYBOOKS[0], id, new Date('2025-10-01T00:00:00.000Z'));
    putKpis(t.db, customerId, acme, '2025-10', { ...EDGE, 'NPS Score': 58, 'CSAT Score': 4.1 });
    uploadedOn('2025-10', '2025-10-05T09:00:00.000Z');
    completeExecution(t.db, customerId, id, new Date('2025-10-12T00:00:00.000Z'));
    const before = getReportView(t.db, customerId, id).data;
    // As an execution completed before atCompletion was kept.
    const data = JSON.parse(row(id).execution_data);
    delete data.context.atCompletion;
    t.db.raw
      .prepare('UPDATE playbook_executions SET execution_data = ? WHERE execution_id = ?')
      .run(JSON.stringify(data), id);
    putKpis(t.db, customerId, acme, '2025-11', { ...EDGE, 'NPS Score': 20, 'CSAT Score': 3.1 });
    uploadedOn('2025-11', '2025-11-04T09:00:00.000Z');
    const again = regenerateReport(t.db, customerId, id, new Date('2025-11-20T00:00:00.000Z'));
    expect(again.data).toEqual({ ...before, report_generated_at: '2025-11-20T00:00:00.000Z' });
    expect(again.data.outcomes_achieved.nps_improvement).toMatchObject({ current: 58, status: 'Achieved' });
    expect(again.data.outcomes_achieved.csat_improvement).toMatchObject({ current: 4.1, status: 'Achieved' });
  });

  it('deleting an execution deletes its report (the cascade)', () => {
    putKpis(t.db, customerId, acme, '2025-09', EDGE);
    const id = startExecution(t.db, customerId, { accountId: acme, playbookId: 'sla-recovery' });
    runAllSteps(PLAYBOOKS[2], id);
    completeExecution(t.db, customerId, id);
    const count = () => t.db.raw.prepare('SELECT COUNT(*) AS n FROM playbook_reports WHERE execution_id = ?').get(id);
    expect(count()).toEqual({ n: 1 });
    expect(deleteExecution(t.db, customerId, id)).toEqual({ deleted: true, reportDeleted: true });
    expect(count()).toEqual({ n: 0 });
    expect(row(id)).toBeUndefined();
  });

  it('the board puts overdue first; running and history for the dashboards', () => {
    const beta = account(t.db, customerId, 'Beta');
    const now = new Date('2025-10-20T00:00:00.000Z');
    const fresh = startExecution(t.db, customerId, {
      accountId: acme,
      playbookId: 'renewal-readiness',
      now: new Date('2025-10-19T00:00:00.000Z'),
    });
    const late = startExecution(t.db, customerId, {
      accountId: beta,
      playbookId: 'sla-recovery',
      now: new Date('2025-10-01T00:00:00.000Z'),
    });
    recordStepResult(t.db, customerId, late, 'sla-incident-review', {});
    const done = startExecution(t.db, customerId, {
      accountId: acme,
      playbookId: 'voc-sprint',
      now: new Date('2025-10-18T00:00:00.000Z'),
    });
    cancelExecution(t.db, customerId, done, 'duplicate', new Date('2025-10-18T01:00:00.000Z'));
    const board = listExecutions(t.db, customerId, {}, now);
    expect(board.map((b) => [b.executionId, b.status, b.overdue])).toEqual([
      [late, 'in-progress', true],
      [fresh, 'in-progress', false],
      [done, 'cancelled', false],
    ]);
    // sla-remediation-plan was due on day 5 and sla-daily-standups on day 14
    expect(board[0]).toMatchObject({
      overdueSteps: 2,
      currentStepName: 'Agree a remediation plan with the customer',
      nextDueAt: '2025-10-06T00:00:00.000Z',
      stepsDone: 1,
    });
    expect(listExecutions(t.db, customerId, { status: 'cancelled' }).map((b) => b.executionId)).toEqual([done]);
    expect(listExecutions(t.db, customerId, { playbookId: 'sla-recovery' }).map((b) => b.executionId)).toEqual([late]);
    expect(listExecutions(t.db, customerId, { accountId: acme }, now).map((b) => b.executionId)).toEqual([fresh, done]);
    const view = getExecutionView(t.db, customerId, late, now);
    expect(view.steps.map((s) => s.overdue)).toEqual([false, true, true, false]);

    const running = runningPlaybooks(t.db, customerId, now);
    expect(running).toMatchObject({ total: 2, overdue: 1 });
    expect(running.byAccount.map((a) => [a.accountName, a.executions.map((e) => [e.playbookId, e.progress])])).toEqual([
      ['Acme', [['renewal-readiness', 0]]],
      ['Beta', [['sla-recovery', 0.25]]],
    ]);
    expect(accountHistory(t.db, customerId, acme, now).map((h) => [h.playbookId, h.status, h.outcome])).toEqual([
      ['renewal-readiness', 'in-progress', null],
      ['voc-sprint', 'cancelled', null],
    ]);
  });
});
