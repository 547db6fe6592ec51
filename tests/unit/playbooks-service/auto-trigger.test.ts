import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cancelExecution, completeExecution, recordStepResult } from '../../../main/playbooks/executions';
import { evaluateWorkspace, listTriggers, updateTrigger } from '../../../main/playbooks/triggers';
import { recomputeScores } from '../../../main/scoring/service';
import { playbookById } from '../../../shared/playbooks/catalogue';
import { tempDb } from '../../helpers/db';
import { account, EDGE, putKpis, QUIET, workspace } from './helpers';

let t: Awaited<ReturnType<typeof tempDb>>;
let customerId: number;
let acme: number;
beforeEach(async () => {
  t = await tempDb();
  customerId = workspace(t.db).customerId;
  acme = account(t.db, customerId, 'Acme');
});
afterEach(async () => {
  await t.cleanup();
});

const executions = () =>
  t.db.raw
    .prepare(
      'SELECT execution_id, playbook_id, account_id, status, execution_data FROM playbook_executions ORDER BY id',
    )
    .all() as Array<{ execution_id: string; playbook_id: string; status: string; execution_data: string }>;
const voc = () => listTriggers(t.db, customerId).find((x) => x.type === 'voc')!;
const vocOutcome = () =>
  evaluateWorkspace(t.db, customerId, { dryRun: true }).accounts[0].playbooks.find((p) => p.type === 'voc')!;

describe('auto-trigger after a re-score (the onScoresUpdated hook)', () => {
  it('with auto-trigger off, the re-score evaluates (last_evaluated) but starts nothing', () => {
    putKpis(t.db, customerId, acme, '2025-09', { ...QUIET, 'CSAT Score': 3.1 });
    expect(executions()).toEqual([]);
    expect(voc()).toMatchObject({ lastEvaluated: expect.any(String), lastTriggered: null, triggerCount: 0 });
    expect(vocOutcome()).toMatchObject({ fires: true, outcome: 'auto-off', reason: 'CSAT Score 3.1 < 3.6' });
  });

  it('with auto-trigger on, a firing account gets an execution with the reason; no duplicate while it runs', () => {
    updateTrigger(t.db, customerId, { type: 'voc', autoTrigger: true });
    putKpis(t.db, customerId, acme, '2025-09', { ...QUIET, 'CSAT Score': 3.1, 'Churn Risk Score': 45 });
    const [e] = executions();
    expect(executions()).toHaveLength(1);
    expect(e).toMatchObject({ playbook_id: 'voc-sprint', status: 'in-progress' });
    const data = JSON.parse(e.execution_data);
    expect(data.metadata).toEqual({
      priority: 'high',
      triggeredBy: 'auto',
      reason: 'CSAT Score 3.1 < 3.6; Churn Risk Score 45 > 30 (data of 2025-09)',
    });
    expect(data.context.baseline.kpis).toEqual({ 'NPS Score': 80, 'CSAT Score': 3.1, 'Churn Risk Score': 45 });
    // Started by no one in particular: recorded as the workspace's default user.
    expect(data.context).toMatchObject({ userId: expect.any(Number), userName: 'Dana CSM' });
    expect(voc()).toMatchObject({ triggerCount: 1, lastTriggered: expect.any(String) });

    // The next import (or re-score): still firing, but one is in progress.
    putKpis(t.db, customerId, acme, '2025-10', { ...QUIET, 'CSAT Score': 3.0 });
    recomputeScores(t.db, customerId);
    expect(executions()).toHaveLength(1);
    expect(voc().triggerCount).toBe(1);
    expect(vocOutcome()).toMatchObject({
      fires: true,
      outcome: 'blocked',
      outcomeText: 'Not started: in progress: a VoC Sprint is already running for this account',
      executionId: e.execution_id,
    });
    // other types stay off
    expect(new Set(executions().map((x) => x.playbook_id))).toEqual(new Set(['voc-sprint']));
  });

  it('none within 30 days of the last one ending; allowed again after', () => {
    updateTrigger(t.db, customerId, { type: 'voc', autoTrigger: true });
    putKpis(t.db, customerId, acme, '2025-09', { ...QUIET, 'NPS Score': 5 });
    const [first] = executions();
    const def = playbookById('voc-sprint')!;
    recordStepResult(t.db, customerId, first.execution_id, def.steps[0].id, { responses: 3, nps: 5 });
    cancelExecution(t.db, customerId, first.execution_id, 'wrong account', new Date(Date.now() - 10 * 86_400_000));
    recomputeScores(t.db, customerId);
    expect(executions()).toHaveLength(1);
    expect(vocOutcome()).toMatchObject({
      outcome: 'blocked',
      outcomeText: 'Not started: cool-down: last VoC Sprint ended 10 days ago (30-day cool-down)',
    });
    t.db.raw
      .prepare('UPDATE playbook_executions SET completed_at = ? WHERE execution_id = ?')
      .run(new Date(Date.now() - 31 * 86_400_000).toISOString(), first.execution_id);
    expect(vocOutcome()).toMatchObject({ outcome: 'would-start' });
    recomputeScores(t.db, customerId);
    expect(executions().map((x) => x.status)).toEqual(['cancelled', 'in-progress']);
    expect(voc().triggerCount).toBe(2);
  });

  it('a completed execution starts the cool-down too; "Evaluate now" starts what fires', () => {
    putKpis(t.db, customerId, acme, '2025-09', EDGE);
    const beta = account(t.db, customerId, 'Beta');
    putKpis(t.db, customerId, beta, '2025-09', { ...QUIET, 'SLA Compliance': 70 });
    updateTrigger(t.db, customerId, { type: 'sla', autoTrigger: true });
    const view = evaluateWorkspace(t.db, customerId);
    expect(view.started.map((s) => [s.accountName, s.playbookId])).toEqual([['Beta', 'sla-recovery']]);
    const sla = view.accounts.find((a) => a.accountName === 'Beta')!.playbooks.find((p) => p.type === 'sla')!;
    expect(sla).toMatchObject({ outcome: 'started', reason: 'SLA Compliance 70 < 90' });
    const id = view.started[0].executionId;
    for (const s of playbookById('sla-recovery')!.steps)
      recordStepResult(t.db, customerId, id, s.id, s.records.length ? { plan_agreed: true } : {});
    completeExecution(t.db, customerId, id);
    const again = evaluateWorkspace(t.db, customerId);
    expect(again.started).toEqual([]);
    const b = again.accounts.find((a) => a.accountName === 'Beta')!.playbooks.find((p) => p.type === 'sla')!;
    expect(b.outcomeText).toBe('Not started: cool-down: last SLA Recovery ended today (30-day cool-down)');
    // Acme's EDGE values hold no SLA condition
    expect(again.accounts.find((a) => a.accountName === 'Acme')!.playbooks.find((p) => p.type === 'sla')!.fires).toBe(
      false,
    );
  });

  it('a deactivated account is never auto-started', () => {
    updateTrigger(t.db, customerId, { type: 'voc', autoTrigger: true });
    t.db.raw.prepare("UPDATE accounts SET account_status = 'inactive' WHERE account_id = ?").run(acme);
    putKpis(t.db, customerId, acme, '2025-09', { ...QUIET, 'NPS Score': -20 });
    expect(executions()).toEqual([]);
  });
});
