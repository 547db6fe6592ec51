import { describe, expect, it } from 'vitest';
import { recomputeScores } from '../../../main/scoring/service';
import type { AccountDashboard, KpiHistory, Portfolio } from '../../../shared/channels/dashboard';
import type { ScoreReceipt } from '../../../shared/channels/scoring';
import { kpiKey } from '../../../shared/scoring';
import { ok } from '../../helpers/db';
import { acme, expected, insertUpload, techcorp, useSeededSamples } from './seed';

const MONTHS_2025 = ['01', '02', '03', '04', '05', '06', '07', '08', '09'].map((m) => `2025-${m}`);

describe('dashboard.account', () => {
  const s = useSeededSamples();

  it('gives the health trend of every month, overall and per category, as the expected results say', async () => {
    const d = await ok<AccountDashboard>(s.backend, 'dashboard.account', {
      accountId: s.ids['TechCorp Solutions'],
    });
    expect(d.account).toMatchObject({ name: 'TechCorp Solutions', revenue: 1_200_000, active: true });
    expect(d.months).toEqual(MONTHS_2025);
    expect(d.month).toBe('2025-09');
    expect(d.trend.map((x) => x.month)).toEqual(MONTHS_2025);
    for (const point of d.trend) {
      const e = expected['TechCorp Solutions'][point.month];
      expect(Math.abs(point.overall - e.overall_health_score)).toBeLessThanOrEqual(0.01);
      for (const [category, score] of Object.entries(e.categories)) {
        expect(Math.abs(point.categories[category] - score)).toBeLessThanOrEqual(0.01);
      }
    }
    // In the order of the workspace's category weights.
    expect(d.categories).toEqual([
      'Relationship Strength',
      'Adoption & Engagement',
      'Support & Experience',
      'Product Value',
      'Business Outcomes',
    ]);
    expect(d.lastUpload).toMatchObject({ version: 1, fileName: 'techcorp-solutions-2025-09.xlsx', period: '2025-09' });
  });

  it("gives each KPI's last 12 months up to the month shown, keyed like the receipt", async () => {
    const accountId = s.ids['TechCorp Solutions'];
    const nps = techcorp.accounts['TechCorp Solutions'].find((k) => k.name === 'NPS Score')!;
    const key = kpiKey(nps.category, nps.name);
    const d = await ok<AccountDashboard>(s.backend, 'dashboard.account', { accountId });
    expect(d.sparkMonths[0]).toBe('2024-10');
    expect(d.kpiSparks[key]).toEqual([null, null, null, ...MONTHS_2025.map((m) => nps.values[m])]);
    const receipt = await ok<ScoreReceipt>(s.backend, 'scoring.explain', { accountId });
    expect(Object.keys(d.kpiSparks).sort()).toEqual(receipt.kpis.map((k) => k.key).sort());

    const may = await ok<AccountDashboard>(s.backend, 'dashboard.account', { accountId, month: '2025-05' });
    expect(may.month).toBe('2025-05');
    expect(may.sparkMonths[11]).toBe('2025-05');
    expect(may.kpiSparks[key].slice(-5)).toEqual(MONTHS_2025.slice(0, 5).map((m) => nps.values[m]));
  });

  it('says so, in words, for a month without data and for an account of another workspace', async () => {
    const none = await s.backend.invoke('dashboard.account', {
      accountId: s.ids['ACME Rockets'],
      month: '2025-01',
    });
    expect(none).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'ACME Rockets has no KPI data for 2025-01.' },
    });
    await ok(s.backend, 'workspaces.create', { name: 'Other' });
    for (const channel of ['dashboard.account', 'dashboard.kpi', 'dashboard.exportAccountKpis'] as const) {
      const r = await s.backend.invoke(channel, {
        accountId: s.ids['TechCorp Solutions'],
        kpi: 'NPS Score',
        format: 'csv',
      });
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'not_found', message: 'That account was not found in this workspace.' },
      });
    }
  });

  it('gives an account without data no month and no trend', async () => {
    const a = await ok<{ id: number }>(s.backend, 'accounts.create', { name: 'Empty Co' });
    const d = await ok<AccountDashboard>(s.backend, 'dashboard.account', { accountId: a.id });
    expect(d).toMatchObject({ month: null, months: [], trend: [], sparkMonths: [], kpiSparks: {}, lastUpload: null });
  });
});

describe('dashboard.kpi', () => {
  const s = useSeededSamples();

  it('gives one KPI over time with its stored status, its range and the upload of each value', async () => {
    const accountId = s.ids['TechCorp Solutions'];
    const h = await ok<KpiHistory>(s.backend, 'dashboard.kpi', { accountId, kpi: '  nps   SCORE ' });
    expect(h).toMatchObject({ kpi: 'NPS Score', category: 'Relationship Strength', accountName: 'TechCorp Solutions' });
    expect(h.range).toMatchObject({ healthyMin: 30, riskMin: 10, criticalMax: 10, higherIsBetter: true });
    expect(h.points.map((p) => p.month)).toEqual(MONTHS_2025);
    const sep = h.points[8];
    expect(sep).toMatchObject({ value: 12.2, status: 'Risk', superseded: [] });
    expect(sep.source).toMatchObject({ version: 1, fileName: 'techcorp-solutions-2025-09.xlsx' });
    // 45 would be Healthy 76.43 (spec 3); 12.2 is Risk: 40 + 30 * (2.2 / 20) = 43.3
    expect(sep.score).toBeCloseTo(43.3, 2);
  });

  it('takes each month from the most recent upload carrying a value, and lists what it replaced', async () => {
    const db = s.backend.ctx.db;
    const accountId = s.ids['ACME Rockets'];
    const kpis = acme.accounts['ACME Rockets'].map((k) =>
      k.name === 'NPS Score' ? { ...k, values: { ...k.values, '2025-09': 55 } } : k,
    );
    insertUpload(db, s.customerId, accountId, kpis, {
      fileName: 'acme-correction.xlsx',
      period: '2025-09',
      months: ['2025-09'],
      uploadedAt: '2025-10-10T08:00:00.000Z',
    });
    recomputeScores(db, s.customerId, { accountIds: [accountId] });

    const h = await ok<KpiHistory>(s.backend, 'dashboard.kpi', {
      accountId,
      kpi: 'NPS Score',
      category: 'Relationship Strength',
    });
    const [jul, aug, sep] = h.points;
    expect(jul.source.version).toBe(1);
    expect(aug.source.version).toBe(1);
    expect(sep).toMatchObject({ value: 55, status: 'Healthy' });
    expect(sep.source).toMatchObject({ version: 2, fileName: 'acme-correction.xlsx' });
    const old = acme.accounts['ACME Rockets'].find((k) => k.name === 'NPS Score')!.values['2025-09'];
    expect(sep.superseded).toEqual([expect.objectContaining({ version: 1, value: old })]);

    // The portfolio and the receipt agree on the corrected score.
    const p = await ok<Portfolio>(s.backend, 'dashboard.portfolio');
    const row = p.rows.find((r) => r.id === accountId)!;
    const receipt = await ok<ScoreReceipt>(s.backend, 'scoring.explain', { accountId });
    expect(row.score).toBeCloseTo(receipt.overall!, 2);
    expect(row.score!).toBeGreaterThan(expected['ACME Rockets']['2025-09'].overall_health_score);
    const d = await ok<AccountDashboard>(s.backend, 'dashboard.account', { accountId });
    expect(d.lastUpload).toMatchObject({ version: 2, fileName: 'acme-correction.xlsx' });
    expect(d.kpiSparks[kpiKey('Relationship Strength', 'NPS Score')].slice(-1)).toEqual([55]);
  });

  it("shows a KPI typed otherwise in the workbook in the reference range's spelling, and keeps the workbook's in the upload", async () => {
    const accountId = s.ids['TechCorp Solutions'];
    const db = s.backend.ctx.db.raw;
    // As a workbook typed in capitals would have stored it.
    db.prepare(
      "UPDATE kpis SET kpi_parameter = 'QBR ATTENDANCE RATE' WHERE account_id = ? AND kpi_parameter = 'QBR Attendance Rate'",
    ).run(accountId);
    const receipt = await ok<ScoreReceipt>(s.backend, 'scoring.explain', { accountId });
    const names = receipt.kpis.map((k) => k.name);
    expect(names).toContain('QBR Attendance Rate');
    expect(names).not.toContain('QBR ATTENDANCE RATE');
    const h = await ok<KpiHistory>(s.backend, 'dashboard.kpi', { accountId, kpi: 'QBR ATTENDANCE RATE' });
    expect(h.kpi).toBe('QBR Attendance Rate');
    const stored = db
      .prepare('SELECT DISTINCT kpi_parameter FROM kpis WHERE account_id = ? AND kpi_parameter LIKE ?')
      .pluck();
    expect(stored.all(accountId, 'qbr%')).toEqual(['QBR ATTENDANCE RATE']);
  });

  it('says which KPI it could not find', async () => {
    const r = await s.backend.invoke('dashboard.kpi', { accountId: s.ids['ACME Cloud'], kpi: 'Happiness Index' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'ACME Cloud has no KPI named "Happiness Index".' },
    });
  });
});
