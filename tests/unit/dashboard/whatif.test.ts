import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyWhatIf, NO_EDITS } from '../../../renderer/account/whatif';
import type { ScoreReceipt } from '../../../shared/channels/scoring';
import { ok, tempBackend } from '../../helpers/db';
import { seedSamples } from './seed';

/** What-if runs the shared engine in the renderer on the receipt's inputs; nothing is saved. */
describe('what-if on the score receipt', () => {
  let t: Awaited<ReturnType<typeof tempBackend>>;
  let receipt: ScoreReceipt;
  beforeEach(async () => {
    t = await tempBackend();
    const seeded = await seedSamples(t.backend);
    receipt = await ok<ScoreReceipt>(t.backend, 'scoring.explain', { accountId: seeded.ids['TechCorp Solutions'] });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const nps = () => receipt.kpis.find((k) => k.name === 'NPS Score')!;
  const cat = (score: ReturnType<typeof applyWhatIf>['score'], name: string) =>
    score.categories.find((c) => c.category === name)!.score!;

  it('reproduces the receipt exactly with no change', () => {
    const { score } = applyWhatIf(receipt.inputs, receipt.categories, NO_EDITS);
    expect(score.overall).toBe(receipt.overall);
    expect(score.categories.map((c) => c.score)).toEqual(receipt.categories.map((c) => c.score));
  });

  it('moves the KPI, its category and the overall when a value changes', () => {
    const { score } = applyWhatIf(receipt.inputs, receipt.categories, {
      ...NO_EDITS,
      values: { [nps().key]: 45 },
    });
    const k = score.kpis.find((x) => x.key === nps().key)!;
    expect(k.status).toBe('Healthy');
    expect(k.score).toBeCloseTo(76.43, 2); // spec 3's example
    const before = receipt.categories.find((c) => c.category === 'Relationship Strength')!.score!;
    const after = cat(score, 'Relationship Strength');
    expect(after).toBeCloseTo(before + k.shareOfCategory! * (k.score! - nps().score!), 9);
    expect(score.overall! - receipt.overall!).toBeCloseTo(0.2 * (after - before), 9);
    // Other categories do not move.
    expect(cat(score, 'Business Outcomes')).toBe(
      receipt.categories.find((c) => c.category === 'Business Outcomes')!.score,
    );
  });

  it('re-scores with an edited range, and ignores (and reports) one whose bands do not touch', () => {
    const r = nps().range!;
    const wider = applyWhatIf(receipt.inputs, receipt.categories, {
      ...NO_EDITS,
      ranges: { [r.kpiName]: { ...r, criticalMax: 5, riskMin: 5 } },
    });
    expect(wider.rangeFaults).toEqual([]);
    expect(wider.score.kpis.find((x) => x.key === nps().key)!.score!).toBeGreaterThan(nps().score!);
    const broken = applyWhatIf(receipt.inputs, receipt.categories, {
      ...NO_EDITS,
      ranges: { [r.kpiName]: { ...r, riskMin: 12 } },
    });
    expect(broken.rangeFaults).toEqual(['NPS Score: risk_min (12) must equal critical_max (10) so the bands touch']);
    expect(broken.score.overall).toBe(receipt.overall);
  });

  it('re-weighs the categories: a weight of 0 leaves a category out of the overall', () => {
    const { score } = applyWhatIf(receipt.inputs, receipt.categories, {
      ...NO_EDITS,
      weights: { 'Support & Experience': 0 },
    });
    const others = receipt.categories.filter((c) => c.category !== 'Support & Experience');
    const w = others.reduce((a, c) => a + c.weight, 0);
    const expected = others.reduce((a, c) => a + c.weight * c.score!, 0) / w;
    expect(score.overall).toBeCloseTo(expected, 9);
    expect(score.categories.find((c) => c.category === 'Support & Experience')!.shareOfOverall).toBeNull();
  });
});
