import { describe, expect, it } from 'vitest';
import { PORTFOLIO_SQL, portfolio } from '../../../main/dashboard/service';
import type { Portfolio } from '../../../shared/channels/dashboard';
import type { Settings } from '../../../shared/contract';
import { ok } from '../../helpers/db';
import { expected, insertAccount, useSeededSamples } from './seed';

describe('dashboard.portfolio', () => {
  const s = useSeededSamples();

  it("shows every active account's latest stored score, status and change as the expected results say", async () => {
    const p = await ok<Portfolio>(s.backend, 'dashboard.portfolio');
    expect(p.rows).toHaveLength(11);
    expect(p.latestMonth).toBe('2025-09');
    for (const r of p.rows) {
      const e = expected[r.name];
      expect(r.latestMonth).toBe('2025-09');
      expect(r.previousMonth).toBe('2025-08');
      expect(Math.abs((r.score ?? 0) - e['2025-09'].overall_health_score)).toBeLessThanOrEqual(0.01);
      expect(r.status).toBe(e['2025-09'].status);
      const change = e['2025-09'].overall_health_score - e['2025-08'].overall_health_score;
      expect(Math.abs((r.change ?? 0) - change)).toBeLessThanOrEqual(0.02);
    }
  });

  it('gives a 12-month sparkline window ending at the newest month, with gaps where there is no score', async () => {
    const p = await ok<Portfolio>(s.backend, 'dashboard.portfolio');
    expect(p.window).toEqual([
      '2024-10',
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
    ]);
    const tc = p.rows.find((r) => r.name === 'TechCorp Solutions')!;
    expect(tc.spark.slice(0, 3)).toEqual([null, null, null]);
    p.window.slice(3).forEach((ym, i) => {
      expect(Math.abs((tc.spark[i + 3] ?? 0) - expected['TechCorp Solutions'][ym].overall_health_score)).toBeLessThan(
        0.01,
      );
    });
    const rockets = p.rows.find((r) => r.name === 'ACME Rockets')!;
    expect(rockets.spark.filter((v) => v != null)).toHaveLength(3);
    expect(rockets.spark.slice(0, 9).every((v) => v == null)).toBe(true);
  });

  it('carries revenue, industry, region, the last upload and the facets', async () => {
    const p = await ok<Portfolio>(s.backend, 'dashboard.portfolio');
    const tc = p.rows.find((r) => r.name === 'TechCorp Solutions')!;
    expect(tc).toMatchObject({
      revenue: 1_200_000,
      industry: 'Technology',
      region: 'North America',
      lastUpload: '2025-10-02T09:00:00.000Z',
    });
    expect(p.industries).toEqual(['Finance', 'Healthcare', 'Retail', 'Technology']);
    expect(p.regions).toEqual(['APAC', 'EMEA', 'North America']);
  });

  it('flags an account stale when its newest data is more than 2 months before today', () => {
    const db = s.backend.ctx.db;
    const inNovember = portfolio(db, s.customerId, new Date(2025, 10, 20));
    expect(inNovember.today).toBe('2025-11');
    expect(inNovember.rows.every((r) => !r.stale)).toBe(true);
    const inDecember = portfolio(db, s.customerId, new Date(2025, 11, 1));
    expect(inDecember.rows.every((r) => r.stale)).toBe(true);
  });

  it("follows the workspace's stale limit, and refuses a limit that is not 1 to 24 whole months", async () => {
    const db = s.backend.ctx.db;
    expect(portfolio(db, s.customerId, new Date(2025, 11, 1)).staleAfterMonths).toBe(2);
    const set = await ok<Settings>(s.backend, 'settings.update', { staleAfterMonths: 3 });
    expect(set.staleAfterMonths).toBe(3);
    const inDecember = portfolio(db, s.customerId, new Date(2025, 11, 1));
    expect(inDecember.staleAfterMonths).toBe(3);
    expect(inDecember.rows.every((r) => !r.stale)).toBe(true);
    expect(portfolio(db, s.customerId, new Date(2026, 0, 1)).rows.every((r) => r.stale)).toBe(true);
    for (const [bad, message] of [
      [0, 'The stale limit is at least 1 month.'],
      [25, 'The stale limit is at most 24 months.'],
      [1.5, 'The stale limit is a whole number of months.'],
    ] as const) {
      const res = await s.backend.invoke('settings.update', { staleAfterMonths: bad });
      expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(JSON.stringify(res)).toContain(message);
    }
    expect((await ok<Settings>(s.backend, 'settings.get')).staleAfterMonths).toBe(3);
  });

  it('carries owner, segment and renewal date, and lists the owners and segments the accounts have', async () => {
    const bo = await ok<{ id: number; name: string }>(s.backend, 'users.create', {
      name: 'Bo Ek',
      email: 'bo@acme.com',
    });
    await ok(s.backend, 'accounts.update', {
      accountId: s.ids['TechCorp Solutions'],
      ownerUserId: bo.id,
      renewalDate: '2026-03-31',
      segment: 'Enterprise',
    });
    await ok(s.backend, 'accounts.bulkUpdate', { accountIds: [s.ids['ACME Rockets']], segment: 'SMB' });
    const p = await ok<Portfolio>(s.backend, 'dashboard.portfolio');
    expect(p.rows.find((r) => r.name === 'TechCorp Solutions')).toMatchObject({
      ownerId: bo.id,
      owner: 'Bo Ek',
      renewal: '2026-03-31',
      segment: 'Enterprise',
    });
    expect(p.rows.find((r) => r.name === 'ACME Rockets')).toMatchObject({ ownerId: null, owner: null, segment: 'SMB' });
    expect(p.owners).toEqual([{ id: bo.id, name: 'Bo Ek' }]);
    expect(p.segments).toEqual(['Enterprise', 'SMB']);
  });

  it('leaves out deactivated accounts and lists accounts without data with no score', async () => {
    const db = s.backend.ctx.db;
    await ok(s.backend, 'accounts.setStatus', { accountId: s.ids['ACME Media'], status: 'inactive' });
    insertAccount(db, s.customerId, 'Brand New', { revenue: 5 });
    insertAccount(db, s.customerId, 'From An Import');
    const p = await ok<Portfolio>(s.backend, 'dashboard.portfolio');
    // Revenue 0 (what an account created by an import starts with) is no revenue recorded.
    expect(p.rows.find((r) => r.name === 'From An Import')?.revenue).toBeNull();
    expect(p.rows.find((r) => r.name === 'Brand New')?.revenue).toBe(5);
    expect(p.rows.map((r) => r.name)).not.toContain('ACME Media');
    expect(p.rows.find((r) => r.name === 'Brand New')).toMatchObject({
      score: null,
      status: null,
      change: null,
      latestMonth: null,
      stale: false,
      lastUpload: null,
    });
  });

  it("shows only the session's workspace", async () => {
    await ok(s.backend, 'workspaces.create', { name: 'Other' });
    await ok(s.backend, 'accounts.create', { name: 'Elsewhere Inc' });
    const other = await ok<Portfolio>(s.backend, 'dashboard.portfolio');
    expect(other.rows.map((r) => r.name)).toEqual(['Elsewhere Inc']);
    expect(other.latestMonth).toBeNull();
    await ok(s.backend, 'workspaces.switch', { workspaceId: s.customerId });
    const mine = await ok<Portfolio>(s.backend, 'dashboard.portfolio');
    expect(mine.rows.map((r) => r.name)).not.toContain('Elsewhere Inc');
  });

  it('lets SQLite read each account through an index, never scanning health_trends', () => {
    const plan = (
      s.backend.ctx.db.raw.prepare(`EXPLAIN QUERY PLAN ${PORTFOLIO_SQL}`).all(s.customerId) as Array<{
        detail: string;
      }>
    ).map((r) => r.detail);
    expect(plan.some((d) => /^SEARCH a USING INDEX/.test(d))).toBe(true);
    expect(plan.some((d) => /^SEARCH h USING (COVERING )?INDEX \S+ \(account_id=\?/.test(d))).toBe(true);
    expect(plan.some((d) => /^SEARCH u USING (COVERING )?INDEX/.test(d))).toBe(true);
    expect(plan.filter((d) => /^SCAN (a|h|u)\b/.test(d))).toEqual([]);
  });

  it('refuses without an open workspace', async () => {
    s.backend.ctx.session.customerId = null;
    const r = await s.backend.invoke('dashboard.portfolio', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'no_workspace' } });
  });
});
