import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok, tempBackend } from '../../helpers/db';
import { playbookTables, putKpis, QUIET } from './helpers';

/** The channels through the real dispatch: validation, the session's workspace, errors as values. */
describe('playbook channels', () => {
  let t: Awaited<ReturnType<typeof tempBackend>>;
  let theirExecution: string;
  let mine: { id: number };
  let myAccount: { id: number };
  beforeEach(async () => {
    t = await tempBackend();
    await ok(t.backend, 'workspaces.create', { name: 'Theirs' });
    const theirAccount = await ok(t.backend, 'accounts.create', { name: 'Secret' });
    theirExecution = (await ok(t.backend, 'playbooks.start', { accountId: theirAccount.id, playbookId: 'voc-sprint' }))
      .executionId;
    mine = await ok(t.backend, 'workspaces.create', { name: 'Mine' });
    myAccount = await ok(t.backend, 'accounts.create', { name: 'Acme' });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('another workspace execution is "not found" on every channel, and nothing changes', async () => {
    const before = playbookTables(t.backend.ctx.db);
    for (const [channel, payload] of [
      ['playbooks.get', { executionId: theirExecution }],
      [
        'playbooks.completeStep',
        { executionId: theirExecution, stepId: 'voc-week1-survey', result: { responses: 1, nps: 1 } },
      ],
      ['playbooks.skipStep', { executionId: theirExecution, stepId: 'voc-week1-survey', reason: 'x' }],
      ['playbooks.complete', { executionId: theirExecution }],
      ['playbooks.cancel', { executionId: theirExecution }],
      ['playbooks.fail', { executionId: theirExecution }],
      ['playbooks.delete', { executionId: theirExecution }],
      ['playbooks.report', { executionId: theirExecution }],
      ['playbooks.regenerateReport', { executionId: theirExecution }],
      ['playbooks.exportXlsx', { executionId: theirExecution }],
    ] as const) {
      const r = await t.backend.invoke(channel, payload);
      expect(r, channel).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect(playbookTables(t.backend.ctx.db)).toEqual(before);
    expect(await ok(t.backend, 'playbooks.list', {})).toEqual([]);
    expect(await ok(t.backend, 'playbooks.running', {})).toEqual({ total: 0, overdue: 0, byAccount: [] });
  });

  it('starts with the session user; running and history for the dashboards', async () => {
    const v = await ok(t.backend, 'playbooks.start', {
      accountId: myAccount.id,
      playbookId: 'activation-blitz',
      reason: ' low usage ',
    });
    expect(v).toMatchObject({
      accountName: 'Acme',
      userName: 'Me',
      triggeredBy: 'manual',
      reason: 'low usage',
      priority: 'medium',
    });
    expect(v.steps).toHaveLength(4);
    const running = await ok(t.backend, 'playbooks.running', {});
    expect(running).toMatchObject({
      total: 1,
      byAccount: [{ accountName: 'Acme', executions: [{ playbookName: 'Activation Blitz', progress: 0 }] }],
    });
    expect(await ok(t.backend, 'playbooks.history', { accountId: myAccount.id })).toMatchObject([
      { executionId: v.executionId, status: 'in-progress' },
    ]);
    const r = await t.backend.invoke('playbooks.history', { accountId: 999 });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('validates input at the boundary with a clear message', async () => {
    expect(await t.backend.invoke('playbooks.updateTrigger', { type: 'growth', autoTrigger: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('Unknown playbook type') },
    });
    expect(
      await t.backend.invoke('playbooks.updateTrigger', {
        type: 'renewal',
        config: { renewal_probability_threshold: 80, health_threshold: 101 },
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Invalid Renewal Readiness thresholds: Health threshold (health_threshold) must be between 0 and 100',
      },
    });
    expect(await t.backend.invoke('playbooks.start', { accountId: myAccount.id, playbookId: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'playbookId: Choose a playbook' },
    });
  });

  it('Evaluate now through the channel', async () => {
    putKpis(t.backend.ctx.db, mine.id, myAccount.id, '2025-09', { ...QUIET, 'Open Critical Tickets': 9 });
    await ok(t.backend, 'playbooks.updateTrigger', { type: 'sla', autoTrigger: true });
    const preview = await ok(t.backend, 'playbooks.evaluation', {});
    expect(preview.accounts[0].playbooks.find((p: any) => p.type === 'sla')).toMatchObject({
      outcome: 'would-start',
      reason: 'Open Critical Tickets 9 > 5',
    });
    const applied = await ok(t.backend, 'playbooks.evaluate', {});
    expect(applied.started).toMatchObject([{ accountName: 'Acme', playbookId: 'sla-recovery' }]);
    const triggers = await ok(t.backend, 'playbooks.triggers', {});
    expect(triggers.find((x: any) => x.type === 'sla')).toMatchObject({ autoTrigger: true, triggerCount: 1 });
  });
});
