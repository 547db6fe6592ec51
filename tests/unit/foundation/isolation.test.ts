import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok, tempBackend } from '../../helpers/db';

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
