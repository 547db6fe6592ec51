import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../../main/accounts/service';
import { commitImport } from '../../../main/import/service';
import { explainAccountMonth, statusImpact } from '../../../main/scoring/receipt';
import { recomputeScores } from '../../../main/scoring/service';
import { getSettings, updateSettings } from '../../../main/settings/service';
import { createWorkspace } from '../../../main/workspaces/service';
import { scoreAccountMonth } from '../../../shared/scoring';
import { SAMPLES, tempDb } from '../../helpers/db';

describe('stored scores and the score receipt', () => {
  let t: Awaited<ReturnType<typeof tempDb>>;
  let ws: { id: number };
  let accountId: number;
  beforeEach(async () => {
    t = await tempDb();
    ws = createWorkspace(t.db, { name: 'W' });
    accountId = createAccount(t.db, ws.id, { name: 'TechCorp Solutions' }).id;
    await commitImport(
      t.db,
      { customerId: ws.id, userId: null },
      {
        fileName: 't.xlsx',
        bytes: fs.readFileSync(path.join(SAMPLES, 'techcorp-solutions-2025-09.xlsx')),
        period: '2025-09',
        accountId,
      },
    );
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it("explains a month: each KPI's band, score and share, and the change since the previous month broken down exactly", () => {
    const r = explainAccountMonth(t.db, ws.id, accountId, '2025-09');
    expect(r.previousMonth).toBe('2025-08');
    expect(r.months).toHaveLength(9);
    expect([r.totalKpis, r.validKpis]).toEqual([67, 40]);
    expect(r.kpis.filter((k) => k.missing === 'no range')).toHaveLength(27);
    const stored = t.db.raw.prepare('SELECT overall_health_score s FROM health_trends WHERE month = 9').get() as {
      s: number;
    };
    expect(r.overall!).toBeCloseTo(stored.s, 2);
    const sum = r.contributions.reduce((s, c) => s + c.delta, 0);
    expect(Math.abs(sum - (r.change as number))).toBeLessThan(1e-9);
    expect(r.changeText).toMatch(/^[+-]?\d+\.\d: /);
    // Each category's KPI shares add up to 1, and the KPI contributions to the overall.
    for (const c of r.categories) {
      const shares = r.kpis
        .filter((k) => k.category === c.category && k.shareOfCategory !== null)
        .reduce((s, k) => s + (k.shareOfCategory ?? 0), 0);
      expect(shares).toBeCloseTo(1, 9);
    }
    expect(r.kpis.reduce((s, k) => s + (k.contribution ?? 0), 0)).toBeCloseTo(r.overall!, 9);
    // What-if runs on the receipt's inputs with the same engine: a better NPS raises the overall.
    const whatIf = scoreAccountMonth({
      kpis: r.inputs.kpis.map((k) => (k.name === 'NPS Score' ? { ...k, value: 90 } : k)),
      ranges: r.inputs.ranges,
      categoryWeights: r.inputs.categoryWeights,
    });
    expect(whatIf.overall!).toBeGreaterThan(r.overall!);
  });

  it('re-scores on a change of category weights, after showing how many accounts would change status', () => {
    const before = t.db.raw.prepare('SELECT overall_health_score s FROM health_trends WHERE month = 9').get() as {
      s: number;
    };
    const weights = {
      'Relationship Strength': 1,
      'Adoption & Engagement': 0,
      'Support & Experience': 0,
      'Product Value': 0,
      'Business Outcomes': 0,
    };
    const impact = statusImpact(t.db, ws.id, { categoryWeights: weights });
    expect(impact.scored).toBe(1);
    updateSettings(t.db, ws.id, { categoryWeights: weights });
    const after = t.db.raw
      .prepare('SELECT overall_health_score s, relationship_strength_score r FROM health_trends WHERE month = 9')
      .get() as { s: number; r: number };
    expect(after.s).not.toBe(before.s);
    expect(after.s).toBeCloseTo(after.r, 2);
  });

  it('keeps every category score, and a full re-score with nothing changed writes nothing', () => {
    const cats = t.db.raw.prepare('SELECT count(*) n FROM health_trend_categories').get() as { n: number };
    expect(cats.n).toBe(9 * 5);
    const s = recomputeScores(t.db, ws.id);
    expect(s).toMatchObject({ accounts: 1, months: 9, valuesRescored: 0, trendsWritten: 0, trendsRemoved: 0 });
  });

  it("scores a category of the customer's own under no named column, and says it has no weight", async () => {
    const csv = 'KPI,Category,Data\nNPS Score,Partner Health,45\nCSAT Score,Partner Health,4.5\n';
    const report = await commitImport(
      t.db,
      { customerId: ws.id, userId: null },
      { fileName: 'partner.csv', bytes: new TextEncoder().encode(csv), period: '2025-10', accountId },
    );
    expect(report.unweightedCategories).toEqual(['Partner Health']);
    const named = report.issues.filter((i) => /Partner Health" has no weight/.test(i.message));
    // On the sheet its KPIs came from (a CSV file is one sheet named after the file).
    expect(named.map((i) => i.sheet)).toEqual(['partner']);
    const row = t.db.raw
      .prepare("SELECT score FROM health_trend_categories WHERE category = 'Partner Health' AND month = 10")
      .get() as { score: number };
    expect(row.score).toBeGreaterThan(70);
    // With weight 0 it does not count: no overall for October.
    expect(t.db.raw.prepare('SELECT count(*) n FROM health_trends WHERE month = 10').get()).toEqual({ n: 0 });

    // A later file without that category says nothing of it: the warning is about the file imported.
    const later = await commitImport(
      t.db,
      { customerId: ws.id, userId: null },
      {
        fileName: 'support.csv',
        bytes: new TextEncoder().encode('KPI,Category,Data\nCSAT Score,Support & Experience,4.4\n'),
        period: '2025-10',
        accountId,
      },
    );
    expect(later.unweightedCategories).toEqual([]);
    expect(later.issues.filter((i) => /has no weight/.test(i.message))).toEqual([]);
  });

  it('previews an account that would get its first score, and one that would lose its only one', async () => {
    const other = createAccount(t.db, ws.id, { name: 'Partner Only' }).id;
    const csv = 'KPI,Category,Data\nNPS Score,Partner Health,45\n';
    await commitImport(
      t.db,
      { customerId: ws.id, userId: null },
      { fileName: 'partner.csv', bytes: new TextEncoder().encode(csv), period: '2025-09', accountId: other },
    );
    // Partner Health has no weight: the account has no score yet.
    expect(t.db.raw.prepare('SELECT count(*) n FROM health_trends WHERE account_id = ?').get(other)).toEqual({ n: 0 });
    const weights = {
      'Relationship Strength': 0.2,
      'Adoption & Engagement': 0.2,
      'Support & Experience': 0.2,
      'Product Value': 0.2,
      'Business Outcomes': 0.1,
      'Partner Health': 0.1,
    };
    const gain = statusImpact(t.db, ws.id, { categoryWeights: weights });
    expect(gain.examples).toContainEqual(
      expect.objectContaining({ accountName: 'Partner Only', from: null, to: 'Healthy' }),
    );
    expect(gain.scored).toBe(2);
    updateSettings(t.db, ws.id, { categoryWeights: weights });
    const stored = t.db.raw.prepare('SELECT overall_health_score s FROM health_trends WHERE account_id = ?').get(other);
    expect(stored).toEqual({
      s: expect.closeTo(gain.examples.find((e) => e.accountName === 'Partner Only')!.toScore!, 2),
    });

    // The other way: weights that leave Partner Health out take its only score away.
    const lose = statusImpact(t.db, ws.id, {
      categoryWeights: { ...weights, 'Partner Health': 0, 'Business Outcomes': 0.2 },
    });
    expect(lose.examples).toContainEqual(
      expect.objectContaining({ accountName: 'Partner Only', from: 'Healthy', to: null }),
    );
  });

  it('reads stored weights as scoring does: none or an empty object weigh every category the same, text numbers count', () => {
    const overallWith = (json: string | null) => {
      t.db.raw.prepare('UPDATE customer_configs SET category_weights = ? WHERE customer_id = ?').run(json, ws.id);
      recomputeScores(t.db, ws.id);
      return (
        t.db.raw.prepare('SELECT overall_health_score s FROM health_trends WHERE month = 9').get() as { s: number }
      ).s;
    };
    const equal = overallWith(null);
    const cats = t.db.raw
      .prepare('SELECT score FROM health_trend_categories WHERE month = 9 AND account_id = ?')
      .pluck()
      .all(accountId) as number[];
    expect(cats).toHaveLength(5);
    expect(equal).toBeCloseTo(cats.reduce((a, b) => a + b, 0) / 5, 2);
    expect(overallWith('{}')).toBe(equal);
    expect(overallWith('"not an object"')).toBe(equal);
    const numeric = overallWith(
      JSON.stringify({
        'Relationship Strength': 0.2,
        'Adoption & Engagement': 0.25,
        'Support & Experience': 0.2,
        'Product Value': 0.2,
        'Business Outcomes': 0.15,
      }),
    );
    expect(
      overallWith(
        JSON.stringify({
          'Relationship Strength': '0.2',
          'Adoption & Engagement': '25%',
          'Support & Experience': 0.2,
          'Product Value': ' 0.20 ',
          'Business Outcomes': 0.15,
        }),
      ),
    ).toBe(numeric);
    expect(numeric).not.toBe(equal);
  });

  it('shows a workspace without weights the equal shares scoring uses, and says none are set', () => {
    t.db.raw.prepare('UPDATE customer_configs SET category_weights = NULL WHERE customer_id = ?').run(ws.id);
    const s = getSettings(t.db, ws.id);
    expect(s.weightsConfigured).toBe(false);
    // the categories of the workspace's KPIs, offered (and checked) when weights are edited
    expect(s.categories).toEqual([
      'Adoption & Engagement',
      'Business Outcomes',
      'Product Value',
      'Relationship Strength',
      'Support & Experience',
    ]);
    expect(getSettings(t.db, createWorkspace(t.db, { name: 'Empty' }).id).categories).toEqual([]);
    expect(Object.keys(s.categoryWeights)).toHaveLength(5);
    const percents = Object.values(s.categoryWeights).map((w) => Math.round(w * 10_000) / 100);
    expect(percents.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
    expect(percents.every((p) => p === 20)).toBe(true);
    updateSettings(t.db, ws.id, { categoryWeights: s.categoryWeights });
    expect(getSettings(t.db, ws.id).weightsConfigured).toBe(true);
  });
});
