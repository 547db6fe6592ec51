import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok, tempBackend } from '../../helpers/db';

describe('workspaces, accounts and settings through the IPC dispatch', () => {
  let t: Awaited<ReturnType<typeof tempBackend>>;
  beforeEach(async () => {
    t = await tempBackend();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('refuses a bad payload with a typed error instead of crashing', async () => {
    const bad = await t.backend.invoke('accounts.create', { name: 42 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unknown = await t.backend.invoke('accounts.drop', {});
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Unknown request "accounts.drop".' },
    });
    const none = await t.backend.invoke('accounts.list', {});
    expect(none).toMatchObject({ ok: false, error: { code: 'no_workspace' } });
  });

  it('creates a workspace with the corporate mode, the default weights and a user, and switches to it', async () => {
    const ws = await ok(t.backend, 'workspaces.create', { name: 'Globex' });
    expect(ws).toMatchObject({ name: 'Globex', mode: 'corporate', accountCount: 0 });
    const settings = await ok(t.backend, 'settings.get');
    expect(settings.categoryWeights).toEqual({
      'Relationship Strength': 0.2,
      'Adoption & Engagement': 0.25,
      'Support & Experience': 0.2,
      'Product Value': 0.2,
      'Business Outcomes': 0.15,
    });
    expect(await ok(t.backend, 'users.list')).toHaveLength(1);
    const dup = await t.backend.invoke('workspaces.create', { name: ' globex ' });
    expect(dup).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const second = await ok(t.backend, 'workspaces.create', { name: 'Initech', mode: 'account_rollup' });
    const list = await ok(t.backend, 'workspaces.list');
    expect(list.activeId).toBe(second.id);
    await ok(t.backend, 'workspaces.switch', { workspaceId: ws.id });
    expect((await ok(t.backend, 'workspaces.list')).activeId).toBe(ws.id);
    await ok(t.backend, 'workspaces.rename', { name: 'Globex Corp' });
    expect((await ok(t.backend, 'workspaces.list')).workspaces.map((w: any) => w.name)).toEqual([
      'Globex Corp',
      'Initech',
    ]);
  });

  it('deletes a workspace and all it holds only when its name is typed', async () => {
    await ok(t.backend, 'workspaces.create', { name: 'Keep' });
    await ok(t.backend, 'workspaces.create', { name: 'Doomed' });
    await ok(t.backend, 'accounts.create', { name: 'A1' });
    const refused = await t.backend.invoke('workspaces.delete', { confirmName: 'doomed?' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const after = await ok(t.backend, 'workspaces.delete', { confirmName: 'Doomed' });
    expect(after.workspaces.map((w: any) => w.name)).toEqual(['Keep']);
    expect(t.backend.ctx.db.raw.prepare("SELECT count(*) n FROM accounts WHERE account_name = 'A1'").get()).toEqual({
      n: 0,
    });
  });

  it('adds, edits, searches, filters, deactivates and restores accounts', async () => {
    await ok(t.backend, 'workspaces.create', { name: 'W' });
    const a = await ok(t.backend, 'accounts.create', {
      name: 'TechCorp Solutions',
      revenue: 1200000,
      industry: 'Technology',
      region: 'North America',
    });
    await ok(t.backend, 'accounts.create', { name: 'Acme Retail', revenue: 50000, industry: 'Retail', region: 'EMEA' });
    expect(await t.backend.invoke('accounts.create', { name: 'techcorp  solutions' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await t.backend.invoke('accounts.create', { name: 'X', revenue: -5 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect((await ok(t.backend, 'accounts.list', { search: 'corp' })).map((r: any) => r.name)).toEqual([
      'TechCorp Solutions',
    ]);
    expect((await ok(t.backend, 'accounts.list', { region: 'EMEA' })).map((r: any) => r.name)).toEqual(['Acme Retail']);
    expect(await ok(t.backend, 'accounts.facets')).toEqual({
      industries: ['Retail', 'Technology'],
      regions: ['EMEA', 'North America'],
      segments: [],
    });
    const edited = await ok(t.backend, 'accounts.update', { accountId: a.id, revenue: 1300000, region: null });
    expect(edited).toMatchObject({ revenue: 1300000, region: null, industry: 'Technology' });

    await ok(t.backend, 'accounts.setStatus', { accountId: a.id, status: 'inactive' });
    expect((await ok(t.backend, 'accounts.list', {})).map((r: any) => r.name)).toEqual(['Acme Retail']);
    expect((await ok(t.backend, 'accounts.list', { status: 'inactive' })).map((r: any) => r.name)).toEqual([
      'TechCorp Solutions',
    ]);
    await ok(t.backend, 'accounts.setStatus', { accountId: a.id, status: 'active' });
    expect(await ok(t.backend, 'accounts.list', {})).toHaveLength(2);
  });

  it('validates category weights: non-negative and summing to 100%', async () => {
    await ok(t.backend, 'workspaces.create', { name: 'W' });
    const off = await t.backend.invoke('settings.update', { categoryWeights: { A: 0.5, B: 0.4 } });
    expect(off).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const negative = await t.backend.invoke('settings.update', { categoryWeights: { A: 1.2, B: -0.2 } });
    expect(negative).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const saved = await ok(t.backend, 'settings.update', {
      categoryWeights: { A: 0.6, B: 0.4 },
      mode: 'account_rollup',
    });
    expect(saved).toMatchObject({ mode: 'account_rollup', categoryWeights: { A: 0.6, B: 0.4 } });
  });

  it('reopens the last workspace used after a restart', async () => {
    const { startBackend } = await import('../../../main/app');
    await ok(t.backend, 'workspaces.create', { name: 'First' });
    const second = await ok(t.backend, 'workspaces.create', { name: 'Second' });
    const again = await startBackend(t.file);
    try {
      expect(again.ctx.session.customerId).toBe(second.id);
    } finally {
      await again.close();
    }
  });
});
