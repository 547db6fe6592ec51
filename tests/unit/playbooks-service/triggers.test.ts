import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluateWorkspace, listTriggers, updateTrigger } from '../../../main/playbooks/triggers';
import { AppError } from '../../../shared/errors';
import { HEALTH_DROP, OVERALL_HEALTH, PLAYBOOKS, playbookByType } from '../../../shared/playbooks/catalogue';
import { tempDb } from '../../helpers/db';
import { account, EDGE, health, playbookTables, putKpis, QUIET, workspace } from './helpers';

let t: Awaited<ReturnType<typeof tempDb>>;
beforeEach(async () => {
  t = await tempDb();
});
afterEach(async () => {
  await t.cleanup();
});

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('trigger rows', () => {
  it('a new workspace gets one row per type with the defaults, auto-trigger off', () => {
    const { customerId } = workspace(t.db);
    const rows = t.db.raw
      .prepare('SELECT * FROM playbook_triggers WHERE customer_id = ? ORDER BY trigger_id')
      .all(customerId) as any[];
    expect(rows.map((r) => r.playbook_type)).toEqual(['voc', 'activation', 'sla', 'renewal', 'expansion']);
    for (const r of rows) {
      expect(JSON.parse(r.trigger_config)).toEqual(playbookByType(r.playbook_type)!.triggerDefaults);
      expect(r.auto_trigger_enabled).toBe(0);
      expect(r.trigger_count).toBe(0);
      expect(r.last_evaluated).toBeNull();
    }
    expect(JSON.parse(rows[0].trigger_config)).toEqual({
      nps_threshold: 10,
      csat_threshold: 3.6,
      churn_risk_threshold: 30,
      health_drop_threshold: 10,
    });
  });

  it('an older workspace without rows gets them when first read', () => {
    const { customerId } = workspace(t.db);
    t.db.raw.prepare('DELETE FROM playbook_triggers WHERE customer_id = ?').run(customerId);
    const list = listTriggers(t.db, customerId);
    expect(list.map((x) => x.playbookId)).toEqual(PLAYBOOKS.map((p) => p.id));
    expect(list.every((x) => !x.autoTrigger && x.triggerCount === 0)).toBe(true);
    const n = t.db.raw.prepare('SELECT COUNT(*) AS n FROM playbook_triggers WHERE customer_id = ?').get(customerId);
    expect(n).toEqual({ n: 5 });
  });

  it('saves valid thresholds and the auto-trigger switch', () => {
    const { customerId } = workspace(t.db);
    const v = updateTrigger(t.db, customerId, {
      type: 'voc',
      config: { nps_threshold: 20, csat_threshold: 3.8, churn_risk_threshold: 25, health_drop_threshold: 5 },
      autoTrigger: true,
    });
    expect(v).toMatchObject({ autoTrigger: true, config: { nps_threshold: 20, health_drop_threshold: 5 } });
    const row = t.db.raw
      .prepare("SELECT trigger_config, auto_trigger_enabled FROM playbook_triggers WHERE playbook_type = 'voc'")
      .get() as any;
    expect(JSON.parse(row.trigger_config)).toEqual({
      nps_threshold: 20,
      csat_threshold: 3.8,
      churn_risk_threshold: 25,
      health_drop_threshold: 5,
    });
    expect(row.auto_trigger_enabled).toBe(1);
    expect(updateTrigger(t.db, customerId, { type: 'voc', autoTrigger: false }).autoTrigger).toBe(false);
  });

  it.each([
    [{ dau_threshold: 120, license_utilization_threshold: 50, feature_adoption_threshold: 30 }, /between 0 and 100/],
    [{ dau_threshold: -1, license_utilization_threshold: 50, feature_adoption_threshold: 30 }, /between 0 and 100/],
    [{ dau_threshold: '20', license_utilization_threshold: 50, feature_adoption_threshold: 30 }, /must be a number/],
    [{ dau_threshold: 20, license_utilization_threshold: 50 }, /feature_adoption_threshold\) is required/],
  ])('refuses thresholds %j and changes nothing', (config, message) => {
    const { customerId } = workspace(t.db);
    listTriggers(t.db, customerId);
    const before = playbookTables(t.db);
    const e = refusal(() => updateTrigger(t.db, customerId, { type: 'activation', config, autoTrigger: true }));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(message);
    expect(playbookTables(t.db)).toEqual(before);
  });
});

describe('evaluation with real rows', () => {
  let customerId: number;
  let acme: number;
  beforeEach(() => {
    customerId = workspace(t.db).customerId;
    acme = account(t.db, customerId, 'Acme');
  });

  const evalOf = (playbookId: string) => {
    const view = evaluateWorkspace(t.db, customerId, { dryRun: true });
    const a = view.accounts.find((x) => x.accountId === acme)!;
    return { account: a, pb: a.playbooks.find((p) => p.playbookId === playbookId)! };
  };

  it('an account with quiet KPIs fires nothing', () => {
    putKpis(t.db, customerId, acme, '2025-09', QUIET);
    const view = evaluateWorkspace(t.db, customerId, { dryRun: true });
    expect(view.accounts).toHaveLength(1);
    expect(view.accounts[0]).toMatchObject({ accountName: 'Acme', month: '2025-09', previousMonth: null });
    expect(view.accounts[0].health).toBeCloseTo(health(t.db, acme, '2025-09'), 6);
    expect(view.accounts[0].playbooks.map((p) => [p.playbookId, p.fires, p.outcome])).toEqual(
      PLAYBOOKS.map((p) => [p.id, false, 'quiet']),
    );
  });

  // Every KPI condition of every playbook, each on its own, with the value that makes it hold.
  const kpiConditions = PLAYBOOKS.flatMap((def) =>
    def.conditions
      .filter((c) => c.kpi !== OVERALL_HEALTH && c.kpi !== HEALTH_DROP && def.combine === 'any')
      .map((c) => [def.id, c.key, c.kpi, c.op, def.triggerDefaults[c.key]] as const),
  );
  it.each(kpiConditions)('%s fires on %s (%s %s %s)', (playbookId, key, kpi, op, threshold) => {
    const value = op === '<' ? threshold - 1 : threshold + 1;
    putKpis(t.db, customerId, acme, '2025-09', { ...QUIET, [kpi]: value });
    const { pb } = evalOf(playbookId);
    expect(pb.fires).toBe(true);
    const holding = pb.conditions.filter((c) => c.holds);
    expect(holding.map((c) => c.key)).toEqual([key]);
    expect(holding[0]).toMatchObject({ value, threshold });
    expect(pb.reason).toBe(`${kpi} ${value} ${op} ${threshold}`);
    expect(pb.outcome).toBe('auto-off');
    // and nothing else fires for this account but playbooks reading the same KPI
    const others = evalOf(playbookId).account.playbooks.filter((p) => p.fires && p.playbookId !== playbookId);
    for (const o of others) expect(o.conditions.some((c) => c.holds && c.label.startsWith(kpi))).toBe(true);
  });

  it('voc fires when overall health fell by at least 10 points from the previous month', () => {
    putKpis(t.db, customerId, acme, '2025-08', QUIET);
    putKpis(t.db, customerId, acme, '2025-09', EDGE);
    const before = health(t.db, acme, '2025-08');
    const after = health(t.db, acme, '2025-09');
    expect(before - after).toBeGreaterThanOrEqual(10);
    const { account: a, pb } = evalOf('voc-sprint');
    expect(a).toMatchObject({ month: '2025-09', previousMonth: '2025-08' });
    expect(pb.fires).toBe(true);
    const drop = pb.conditions.find((c) => c.key === 'health_drop_threshold')!;
    expect(drop.holds).toBe(true);
    expect(drop.value).toBeCloseTo(before - after, 6);
    expect(pb.conditions.filter((c) => c.holds).map((c) => c.key)).toEqual(['health_drop_threshold']);
    expect(pb.reason).toMatch(/^health drop [\d.]+ >= 10 \(/);
  });

  it('voc does not fire on a drop smaller than the threshold', () => {
    putKpis(t.db, customerId, acme, '2025-08', QUIET);
    putKpis(t.db, customerId, acme, '2025-09', { ...QUIET, 'NPS Score': 60 });
    expect(evalOf('voc-sprint').pb.fires).toBe(false);
  });

  it('renewal fires when overall health is below 60, with the health as the value', () => {
    putKpis(t.db, customerId, acme, '2025-09', EDGE);
    const h = health(t.db, acme, '2025-09');
    expect(h).toBeLessThan(60);
    const { pb } = evalOf('renewal-readiness');
    expect(pb.fires).toBe(true);
    const c = pb.conditions.find((x) => x.key === 'health_threshold')!;
    expect(c).toMatchObject({ holds: true, threshold: 60 });
    expect(c.value).toBeCloseTo(h, 6);
    expect(pb.conditions.find((x) => x.key === 'renewal_probability_threshold')!.holds).toBe(false);
  });

  it('expansion fires only when health >= 75 and License Utilization >= 85', () => {
    putKpis(t.db, customerId, acme, '2025-09', { ...QUIET, 'License Utilization': 90 });
    expect(health(t.db, acme, '2025-09')).toBeGreaterThanOrEqual(75);
    const { pb } = evalOf('expansion-play');
    expect(pb.fires).toBe(true);
    expect(pb.conditions.map((c) => [c.key, c.holds, c.value != null])).toEqual([
      ['min_health', true, true],
      ['license_utilization_min', true, true],
    ]);
    // high licence use on an unhealthy account: not all conditions hold
    putKpis(t.db, customerId, acme, '2025-10', { ...EDGE, 'License Utilization': 90 });
    const again = evalOf('expansion-play').pb;
    expect(again.fires).toBe(false);
    expect(again.reason).toMatch(/^Not all conditions hold: overall health/);
  });

  it('edited thresholds are what the evaluation uses', () => {
    putKpis(t.db, customerId, acme, '2025-09', { ...QUIET, 'NPS Score': 15 });
    expect(evalOf('voc-sprint').pb.fires).toBe(false);
    updateTrigger(t.db, customerId, {
      type: 'voc',
      config: { nps_threshold: 20, csat_threshold: 3.6, churn_risk_threshold: 30, health_drop_threshold: 10 },
    });
    expect(evalOf('voc-sprint').pb.reason).toBe('NPS Score 15 < 20');
  });

  it('reads the latest scored month, KPI names normalised, and skips deactivated accounts', () => {
    putKpis(t.db, customerId, acme, '2025-07', { ...QUIET, 'CSAT Score': 2 });
    const { 'NPS Score': _nps, ...rest } = QUIET;
    putKpis(t.db, customerId, acme, '2025-09', { ...rest, '  nps   SCORE ': 5 });
    const { account: a, pb } = evalOf('voc-sprint');
    expect(a.month).toBe('2025-09');
    expect(a.previousMonth).toBe('2025-07');
    expect(pb.conditions.filter((c) => c.holds).map((c) => c.key)).toEqual(['nps_threshold']);
    const other = account(t.db, customerId, 'Dormant', 'inactive');
    putKpis(t.db, customerId, other, '2025-09', { ...QUIET, 'NPS Score': -50 });
    expect(evaluateWorkspace(t.db, customerId, { dryRun: true }).accounts.map((x) => x.accountName)).toEqual(['Acme']);
  });

  it('an account without a score shows why nothing can fire', () => {
    const { account: a, pb } = evalOf('voc-sprint');
    expect(a.month).toBeNull();
    expect(pb).toMatchObject({ fires: false, outcome: 'quiet' });
    expect(pb.outcomeText).toMatch(/No scored month/);
  });

  it('the preview changes nothing; "Evaluate now" sets last_evaluated', () => {
    putKpis(t.db, customerId, acme, '2025-09', QUIET);
    t.db.raw.prepare('UPDATE playbook_triggers SET last_evaluated = NULL').run();
    const before = playbookTables(t.db);
    evaluateWorkspace(t.db, customerId, { dryRun: true });
    expect(playbookTables(t.db)).toEqual(before);
    const now = new Date('2025-10-02T08:00:00.000Z');
    const view = evaluateWorkspace(t.db, customerId, { now });
    expect(view.applied).toBe(true);
    expect(listTriggers(t.db, customerId).map((x) => x.lastEvaluated)).toEqual(Array(5).fill(now.toISOString()));
  });
});
