import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../main/app';
import { ok, tempBackend } from '../../helpers/db';

const ROOT = path.resolve(__dirname, '../../..');

/** Every row of every table, to prove a refused request changed nothing. */
function dump(backend: Backend): Record<string, unknown[]> {
  const raw = backend.ctx.db.raw;
  const tables = raw
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as Array<{ name: string }>;
  return Object.fromEntries(tables.map(({ name }) => [name, raw.prepare(`SELECT * FROM "${name}"`).all()]));
}

/**
 * Tenant isolation: the active workspace lives in the main process's session. A handler given
 * the ids of another workspace's rows must neither read nor change them.
 */
describe('workspace isolation', () => {
  let t: Awaited<ReturnType<typeof tempBackend>>;
  let mine: { id: number };
  let theirs: { id: number };
  let theirAccount: { id: number };
  beforeEach(async () => {
    t = await tempBackend();
    theirs = await ok(t.backend, 'workspaces.create', { name: 'Theirs' });
    theirAccount = await ok(t.backend, 'accounts.create', { name: 'Secret Account', revenue: 999 });
    mine = await ok(t.backend, 'workspaces.create', { name: 'Mine' });
    await ok(t.backend, 'accounts.create', { name: 'My Account' });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('lists only the active workspace accounts', async () => {
    expect(t.backend.ctx.session.customerId).toBe(mine.id);
    const names = (await ok(t.backend, 'accounts.list', { status: 'all' })).map((a: any) => a.name);
    expect(names).toEqual(['My Account']);
  });

  it('cannot change another workspace account by passing its id', async () => {
    const edit = await t.backend.invoke('accounts.update', {
      accountId: theirAccount.id,
      name: 'Hijacked',
      revenue: 1,
    });
    expect(edit).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const deactivate = await t.backend.invoke('accounts.setStatus', { accountId: theirAccount.id, status: 'inactive' });
    expect(deactivate).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const row = t.backend.ctx.db.raw
      .prepare('SELECT account_name, revenue, account_status FROM accounts WHERE account_id = ?')
      .get(theirAccount.id);
    expect(row).toEqual({ account_name: 'Secret Account', revenue: 999, account_status: 'active' });
  });

  it('ignores a customer id smuggled into a payload', async () => {
    const r = await t.backend.invoke('accounts.list', { status: 'all', customerId: theirs.id } as never);
    // zod strips the unknown key; the session decides.
    expect(r.ok && (r.data as any[]).map((a) => a.name)).toEqual(['My Account']);
  });
});

/**
 * The same for everything else that takes an id: uploads, scores, imports and playbooks. Their
 * workspace has the sample workbooks imported, a completed playbook with its report and one
 * running; from mine, every channel given their ids refuses (or shows nothing) and no row changes.
 */
describe('workspace isolation: uploads, scores, imports and playbooks', () => {
  let t: Awaited<ReturnType<typeof tempBackend>>;
  let account: number;
  let upload: number;
  let completed: string;
  let running: { executionId: string; steps: Array<{ stepId: string }> };
  beforeAll(async () => {
    t = await tempBackend();
    await ok(t.backend, 'workspaces.create', { name: 'Theirs' });
    await ok(t.backend, 'import.loadSamples');
    const accounts = await ok(t.backend, 'accounts.list', {});
    account = accounts.find((a: { name: string }) => a.name === 'TechCorp Solutions').id;
    [{ uploadId: upload }] = await ok(t.backend, 'uploads.list', { accountId: account });
    const voc = await ok(t.backend, 'playbooks.start', { accountId: account, playbookId: 'voc-sprint' });
    for (const step of voc.steps)
      await ok(t.backend, 'playbooks.skipStep', { executionId: voc.executionId, stepId: step.stepId, reason: 'test' });
    await ok(t.backend, 'playbooks.complete', { executionId: voc.executionId });
    await ok(t.backend, 'playbooks.report', { executionId: voc.executionId });
    completed = voc.executionId;
    running = await ok(t.backend, 'playbooks.start', { accountId: account, playbookId: 'activation-blitz' });
    await ok(t.backend, 'workspaces.create', { name: 'Mine' });
  });
  afterAll(async () => {
    await t.cleanup();
  });

  const sample = () =>
    new Uint8Array(fs.readFileSync(path.join(ROOT, 'resources/samples/techcorp-solutions-2025-09.xlsx')));
  const refused: Array<[string, () => object]> = [
    ['uploads.download', () => ({ uploadId: upload })],
    ['uploads.delete', () => ({ uploadId: upload })],
    ['scoring.explain', () => ({ accountId: account })],
    ['dashboard.account', () => ({ accountId: account })],
    ['dashboard.kpi', () => ({ accountId: account, kpi: 'NPS Score' })],
    ['dashboard.exportAccountKpis', () => ({ accountId: account, format: 'csv' })],
    [
      'import.commit',
      () => ({ jobId: 'j', fileName: 'techcorp.xlsx', bytes: sample(), period: '2025-10', accountId: account }),
    ],
    ['playbooks.history', () => ({ accountId: account })],
    ['playbooks.start', () => ({ accountId: account, playbookId: 'sla-recovery' })],
    ['playbooks.get', () => ({ executionId: running.executionId })],
    [
      'playbooks.completeStep',
      () => ({ executionId: running.executionId, stepId: running.steps[0].stepId, result: {} }),
    ],
    [
      'playbooks.skipStep',
      () => ({ executionId: running.executionId, stepId: running.steps[0].stepId, reason: 'not mine' }),
    ],
    ['playbooks.complete', () => ({ executionId: running.executionId })],
    ['playbooks.cancel', () => ({ executionId: running.executionId })],
    ['playbooks.fail', () => ({ executionId: running.executionId })],
    ['playbooks.delete', () => ({ executionId: running.executionId })],
    ['playbooks.report', () => ({ executionId: completed })],
    ['playbooks.regenerateReport', () => ({ executionId: completed })],
    ['playbooks.exportXlsx', () => ({ executionId: completed })],
    ['playbooks.delete', () => ({ executionId: completed })],
  ];
  it.each(refused)("%s given another workspace's id is refused and changes nothing", async (channel, payload) => {
    const before = dump(t.backend);
    expect(await t.backend.invoke(channel, payload())).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('in this workspace') },
    });
    expect(dump(t.backend)).toEqual(before);
  });

  it("lists nothing of another workspace's account", async () => {
    expect(await ok(t.backend, 'uploads.list', { accountId: account })).toEqual([]);
    expect(await ok(t.backend, 'playbooks.list', { accountId: account })).toEqual([]);
    const portfolio = await ok(t.backend, 'dashboard.exportPortfolio', { format: 'csv', accountIds: [account] });
    const lines = new TextDecoder().decode(portfolio.bytes).trim().split(/\r?\n/);
    expect(lines).toHaveLength(1); // the header only
    expect(lines[0]).not.toContain('TechCorp');
  });
});
