import { describe, expect, it } from 'vitest';
import { latestSnapshot, latestSnapshots, latestTrends } from '../../../main/playbooks/snapshot';
import { evaluateWorkspace } from '../../../main/playbooks/triggers';
import { recomputeScores } from '../../../main/scoring/service';
import { acme, insertAccount, insertUpload, useSeededSamples } from '../dashboard/seed';

/**
 * The trigger evaluation of many accounts reads their snapshots with two statements for all of them
 * (latestSnapshots); it must give exactly what the per-account read (latestSnapshot) gives.
 */
describe('latestSnapshots', () => {
  const s = useSeededSamples();

  it('gives every account the snapshot the per-account read gives: corrections, no data, other workspaces', async () => {
    const db = s.backend.ctx.db;
    // A correction of ACME Rockets' September (a second upload: its value wins), a value removed
    // in a correction of ACME Cloud (the older upload's value stays, spec 6), and an account with no data.
    const rockets = s.ids['ACME Rockets'];
    insertUpload(
      db,
      s.customerId,
      rockets,
      acme.accounts['ACME Rockets'].map((k) => (k.name === 'NPS Score' ? { ...k, values: { '2025-09': 55 } } : k)),
      { fileName: 'rockets-fix.xlsx', period: '2025-09', months: ['2025-09'], uploadedAt: '2025-10-10T08:00:00.000Z' },
    );
    const cloud = s.ids['ACME Cloud'];
    insertUpload(
      db,
      s.customerId,
      cloud,
      acme.accounts['ACME Cloud'].map((k) => (k.name === 'CSAT Score' ? { ...k, values: { '2025-09': null } } : k)),
      { fileName: 'cloud-fix.xlsx', period: '2025-09', months: ['2025-09'], uploadedAt: '2025-10-11T08:00:00.000Z' },
    );
    recomputeScores(db, s.customerId, { accountIds: [rockets, cloud] });
    const empty = insertAccount(db, s.customerId, 'No Data Yet');
    const ids = [...Object.values(s.ids), empty];

    const batch = latestSnapshots(db, s.customerId, ids);
    expect([...batch.keys()]).toEqual(ids);
    for (const id of ids) expect(batch.get(id)).toEqual(latestSnapshot(db, s.customerId, id));
    expect(batch.get(rockets)!.kpis.get('nps score')).toBe(55);
    expect(batch.get(cloud)!.kpis.get('csat score')).toBeTypeOf('number');
    expect(batch.get(empty)).toMatchObject({ month: null, health: null, kpis: new Map() });
    expect(batch.get(rockets)).toMatchObject({ month: '2025-09', previousMonth: '2025-08' });

    // Only the KPIs named (as the triggers read them): the same values, the others left out.
    const only = ['nps score', '  CSAT   Score ', 'No Such KPI'];
    const named = latestSnapshots(db, s.customerId, ids, only);
    for (const id of ids) {
      const full = latestSnapshot(db, s.customerId, id);
      const kept = new Map([...full.kpis].filter(([k]) => k === 'nps score' || k === 'csat score'));
      expect(named.get(id)).toEqual({ ...full, kpis: kept });
    }
    expect(named.get(rockets)!.kpis.size).toBe(2);

    // An id of another workspace reads as no data, never as that workspace's values.
    const other = await s.backend.invoke('workspaces.create', { name: 'Elsewhere' });
    expect(other.ok).toBe(true);
    const elsewhere = latestSnapshots(db, (other as { data: { id: number } }).data.id, [rockets]);
    expect(elsewhere.get(rockets)).toMatchObject({ month: null, kpis: new Map() });
  });

  it('reads the latest two scored months over gaps and with one month only', () => {
    const db = s.backend.ctx.db;
    const rows = acme.accounts['ACME Rockets'];
    const gap = insertAccount(db, s.customerId, 'Gap Co');
    insertUpload(
      db,
      s.customerId,
      gap,
      rows.map((k) => ({ ...k, values: { '2025-01': 40, '2025-04': 60 } })),
      {
        fileName: 'gap.xlsx',
        period: '2025-04',
        months: ['2025-01', '2025-04'],
      },
    );
    const single = insertAccount(db, s.customerId, 'Single Co');
    insertUpload(
      db,
      s.customerId,
      single,
      rows.map((k) => ({ ...k, values: { '2025-06': 50 } })),
      {
        fileName: 'single.xlsx',
        period: '2025-06',
        months: ['2025-06'],
      },
    );
    const none = insertAccount(db, s.customerId, 'None Co');
    recomputeScores(db, s.customerId, { accountIds: [gap, single] });
    const trends = latestTrends(db, s.customerId, [gap, single, none]);
    expect(trends.get(gap)!.map((t) => [t.year, t.month])).toEqual([
      [2025, 4],
      [2025, 1],
    ]);
    expect(trends.get(single)!.map((t) => [t.year, t.month])).toEqual([[2025, 6]]);
    expect(trends.has(none)).toBe(false);
    const batch = latestSnapshots(db, s.customerId, [gap, single, none]);
    for (const id of [gap, single, none]) expect(batch.get(id)).toEqual(latestSnapshot(db, s.customerId, id));
    expect(batch.get(gap)).toMatchObject({ month: '2025-04', previousMonth: '2025-01' });
    expect(batch.get(single)).toMatchObject({ month: '2025-06', previousMonth: null, previousHealth: null });
  });

  it('leaves the evaluation of the workspace as it was: one account at a time gives the same view', () => {
    const db = s.backend.ctx.db;
    const now = new Date('2025-10-15T12:00:00Z');
    const all = evaluateWorkspace(db, s.customerId, { dryRun: true, now });
    expect(all.accounts).toHaveLength(11);
    for (const a of all.accounts) {
      const one = evaluateWorkspace(db, s.customerId, { dryRun: true, now, accountIds: [a.accountId] });
      expect(one.accounts).toEqual([a]);
    }
    expect(all.accounts.some((a) => a.playbooks.some((p) => p.fires))).toBe(true);
    // Brief (Today): the same verdicts and reasons, without the grid's summary and details
    const brief = evaluateWorkspace(db, s.customerId, { dryRun: true, now, brief: true });
    const verdicts = (v: typeof all) =>
      v.accounts.map((a) => a.playbooks.map((p) => [p.fires, p.reason, p.outcome, p.executionId, p.state]));
    expect(verdicts(brief)).toEqual(verdicts(all));
    expect(brief.accounts.every((a) => a.playbooks.every((p) => p.summary === '' && p.details.length === 0))).toBe(
      true,
    );
  });
});
