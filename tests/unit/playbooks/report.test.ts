import { describe, expect, it } from 'vitest';
import { normalizeName } from '../../../shared/names';
import { kpisOfPlaybook, PLAYBOOKS, type PlaybookDef, playbookById } from '../../../shared/playbooks/catalogue';
import {
  captureBaseline,
  complete,
  completeStep,
  type ExecutionData,
  newExecution,
  skipStep,
} from '../../../shared/playbooks/execution';
import {
  buildReport,
  formatImprovement,
  improvementText,
  outcomeKey,
  outcomeKpiName,
  raciUnion,
} from '../../../shared/playbooks/report';

const voc = playbookById('voc-sprint')!;
const t0 = new Date('2025-10-15T00:25:26.017Z');
const day = (n: number) => new Date(t0.getTime() + n * 86_400_000);
const kpiMap = (o: Record<string, number>) => new Map(Object.entries(o).map(([k, v]) => [normalizeName(k), v]));

function vocRun(opts: { skipAnalysis?: boolean; sponsor?: string } = {}): ExecutionData {
  let e = newExecution({
    id: 'exec_1760487926017_e954mwgcv',
    def: voc,
    customerId: 1,
    accountId: 1,
    accountName: 'TechCorp Solutions',
    userId: 1,
    userName: 'Test User',
    baseline: captureBaseline(
      voc,
      kpiMap({ 'NPS Score': 42, 'CSAT Score': 3.2, 'Churn Risk Score': 43 }),
      48,
      '2025-09',
    ),
    triggeredBy: 'auto',
    reason: 'CSAT Score 3.2 < 3.6',
    now: t0,
  });
  e = completeStep(e, voc, 'voc-week1-survey', { responses: 45, nps: 42 }, day(6));
  e = completeStep(e, voc, 'voc-week2-interviews', { interviews: 6 }, day(13));
  e = opts.skipAnalysis
    ? skipStep(e, voc, 'voc-week3-analysis', 'analyst away', day(20))
    : completeStep(e, voc, 'voc-week3-analysis', { action_items: 5 }, day(20));
  e = completeStep(e, voc, 'voc-week4-close-loop', { executive_sponsor: opts.sponsor ?? 'Dana Lee' }, day(26));
  return complete(e, voc, new Date(day(27).getTime() - 3_600_000));
}

describe('buildReport: VoC sprint', () => {
  const now = day(28);

  it('NPS 42 → 58 gives +16 points, Achieved, all criteria met; CSAT and Churn Risk (trigger only) are outcomes too', () => {
    const r = buildReport(voc, vocRun(), { kpis: kpiMap({ 'NPS Score': 58, 'CSAT Score': 4.1 }), health: 66 }, now);
    const d = r.report_data;
    expect(Object.keys(d)).toEqual([
      'execution_id',
      'playbook_id',
      'playbook_name',
      'account_name',
      'duration',
      'executive_summary',
      'raci_breakdown',
      'outcomes_achieved',
      'exit_criteria_met',
      'next_steps',
      'report_generated_at',
    ]);
    expect(d.execution_id).toBe('exec_1760487926017_e954mwgcv');
    expect(d.playbook_id).toBe('voc-sprint');
    expect(d.playbook_name).toBe('VoC Sprint');
    expect(d.account_name).toBe('TechCorp Solutions');
    expect(d.duration).toBe('27 days');
    expect(r.duration).toBe('27 days');
    expect(d.outcomes_achieved).toEqual({
      nps_improvement: {
        baseline: 42,
        current: 58,
        improvement: '+16 points',
        change: 'better',
        status: 'Achieved',
        target: 'Exit criterion: NPS Score above 50',
      },
      csat_improvement: {
        baseline: 3.2,
        current: 4.1,
        improvement: '+0.9 points',
        change: 'better',
        status: 'Achieved',
        target: 'Trigger threshold: CSAT Score at least 3.6',
      },
      churn_risk_improvement: {
        baseline: 43,
        current: null,
        improvement: 'n/a',
        change: null,
        status: 'Not achieved',
        target: 'Trigger threshold: Churn Risk Score at most 30',
      },
    });
    expect(d.exit_criteria_met).toEqual({
      nps_above_50: true,
      action_items_created: true,
      executive_sponsor_identified: true,
    });
    expect(d.raci_breakdown).toEqual({
      responsible: ['CSM', 'Product Manager'],
      accountable: ['VP Customer Success'],
      consulted: ['Product Manager', 'Engineering Lead', 'CSM', 'Account Executive'],
      informed: ['Account Executive', 'CEO'],
    });
    expect(d.next_steps).toEqual([...voc.followUps]);
    expect(d.report_generated_at).toBe(now.toISOString());
    expect(r.steps_completed).toBe(4);
    expect(r.total_steps).toBe(4);
    expect(d.executive_summary).toBe(
      'VoC Sprint for TechCorp Solutions completed in 27 days. 4 of 4 steps completed. ' +
        '2 of 3 KPI outcomes achieved: NPS Score 42 → 58 (+16 points, better), achieved; ' +
        'CSAT Score 3.2 → 4.1 (+0.9 points, better), achieved; Churn Risk Score 43 → no value, not achieved. ' +
        '3 of 3 exit criteria met.',
    );
  });

  it('unmet criteria: Not achieved and one next step each', () => {
    const r = buildReport(voc, vocRun({ skipAnalysis: true }), { kpis: kpiMap({ 'NPS Score': 50 }), health: 50 }, now);
    const d = r.report_data;
    expect(d.outcomes_achieved.nps_improvement).toMatchObject({
      baseline: 42,
      current: 50,
      improvement: '+8 points',
      change: 'better',
      status: 'Not achieved',
    });
    expect(d.exit_criteria_met).toEqual({
      nps_above_50: false,
      action_items_created: false,
      executive_sponsor_identified: true,
    });
    const unmet = voc.exitCriteria.filter((c) => c.key !== 'executive_sponsor_identified').map((c) => c.ifUnmet);
    expect(d.next_steps).toEqual([...voc.followUps, ...unmet]);
    expect(r.steps_completed).toBe(3);
    expect(d.executive_summary).toContain('3 of 4 steps completed, 1 skipped.');
    expect(d.executive_summary).toContain('0 of 3 KPI outcomes achieved');
    expect(d.executive_summary).toContain('1 of 3 exit criteria met.');
  });

  it('missing current KPI: n/a and not achieved', () => {
    const d = buildReport(voc, vocRun(), { kpis: new Map(), health: null }, now).report_data;
    expect(d.outcomes_achieved.nps_improvement).toEqual({
      baseline: 42,
      current: null,
      improvement: 'n/a',
      change: null,
      status: 'Not achieved',
      target: 'Exit criterion: NPS Score above 50',
    });
    expect(d.exit_criteria_met.nps_above_50).toBe(false);
  });

  it('an in-progress execution measures duration to now', () => {
    const e = { ...vocRun(), status: 'in-progress' as const, completedAt: null };
    const d = buildReport(voc, e, { kpis: kpiMap({ 'NPS Score': 58 }), health: 60 }, day(40)).report_data;
    expect(d.duration).toBe('40 days');
    expect(d.executive_summary).toMatch(/in progress for 40 days/);
  });
});

describe('buildReport: other playbooks', () => {
  it('activation: percentage KPIs change by points, positive/boolean step criteria', () => {
    const def = playbookById('activation-blitz')!;
    let e = newExecution({
      id: 'e2',
      def,
      customerId: 1,
      accountId: 2,
      accountName: 'ACME Rockets',
      userId: null,
      userName: null,
      baseline: captureBaseline(
        def,
        kpiMap({ 'License Utilization': 54.2, 'Daily Active Users %': 32.3 }),
        50,
        '2025-09',
      ),
      triggeredBy: 'manual',
      now: t0,
    });
    e = completeStep(e, def, 'act-kickoff', { notes: 'goals agreed' }, day(2));
    e = completeStep(e, def, 'act-admin-training', { admins_trained: 0 }, day(9));
    e = completeStep(e, def, 'act-feature-enablement', {}, day(29));
    e = completeStep(e, def, 'act-usage-review', {}, day(44));
    e = complete(e, def, day(45));
    const r = buildReport(
      def,
      e,
      { kpis: kpiMap({ 'License Utilization': 76, 'Daily Active Users %': 28.8 }), health: 60 },
      day(45),
    );
    expect(r.report_data.outcomes_achieved).toEqual({
      license_utilization_improvement: {
        baseline: 54.2,
        current: 76,
        improvement: '+21.8 points',
        change: 'better',
        status: 'Achieved',
        target: 'Exit criterion: License Utilization >= 75',
      },
      daily_active_users_improvement: {
        baseline: 32.3,
        current: 28.8,
        improvement: '-3.5 points',
        change: 'worse',
        status: 'Not achieved',
        target: 'Exit criterion: Daily Active Users % >= 40',
      },
      feature_adoption_rate_improvement: {
        baseline: null,
        current: null,
        improvement: 'n/a',
        change: null,
        status: 'Not achieved',
        target: 'Trigger threshold: Feature Adoption Rate at least 30',
      },
    });
    expect(r.report_data.exit_criteria_met).toEqual({
      license_utilization_75: true,
      daily_active_users_40: false,
      admins_trained: false,
    });
    expect(r.report_data.next_steps).toHaveLength(def.followUps.length + 2);
    expect(r.report_data.duration).toBe('45 days');
  });

  it('every playbook produces one outcome per baseline KPI and a key per criterion', () => {
    for (const def of PLAYBOOKS) {
      const e = newExecution({
        id: 'x',
        def,
        customerId: 1,
        accountId: 1,
        accountName: 'A',
        userId: null,
        userName: null,
        baseline: captureBaseline(def, new Map(), null, null),
        triggeredBy: 'manual',
        now: t0,
      });
      const d = buildReport(def, e, { kpis: new Map(), health: null }, day(1)).report_data;
      expect(Object.keys(d.exit_criteria_met)).toEqual(def.exitCriteria.map((c) => c.key));
      expect(Object.keys(d.outcomes_achieved).sort()).toEqual(kpisOfPlaybook(def).map(outcomeKey).sort());
      for (const [key, o] of Object.entries(d.outcomes_achieved)) {
        const kpi = outcomeKpiName(key);
        const exit = def.exitCriteria.some((c) => 'kpi' in c.source && c.source.kpi === kpi);
        expect(o.target, key).toMatch(exit ? /^Exit criterion: / : new RegExp(`^Trigger threshold: ${kpi} `));
      }
      expect(d.next_steps).toEqual([...def.followUps, ...def.exitCriteria.map((c) => c.ifUnmet)]);
      expect(raciUnion(def).accountable.length).toBeGreaterThan(0);
    }
  });
});

describe('buildReport: KPIs named only by the trigger', () => {
  function run(def: PlaybookDef, baseline: Record<string, number>) {
    let e = newExecution({
      id: 'e3',
      def,
      customerId: 1,
      accountId: 3,
      accountName: 'Initech',
      userId: null,
      userName: null,
      baseline: captureBaseline(def, kpiMap(baseline), 50, '2025-09'),
      triggeredBy: 'auto',
      now: t0,
    });
    for (const s of def.steps) e = skipStep(e, def, s.id, 'not needed', day(1));
    return complete(e, def, day(2));
  }

  it("are measured against the workspace's trigger threshold at completion", () => {
    const e = run(voc, { 'NPS Score': 8, 'CSAT Score': 3.1, 'Churn Risk Score': 40 });
    const kpis = kpiMap({ 'NPS Score': 20, 'CSAT Score': 3.5, 'Churn Risk Score': 30 });
    const byDefault = buildReport(voc, e, { kpis, health: 50 }, day(3)).report_data.outcomes_achieved;
    expect(byDefault.csat_improvement).toMatchObject({
      status: 'Not achieved',
      target: 'Trigger threshold: CSAT Score at least 3.6',
    });
    // Churn Risk 30 is not above 30: the trigger no longer fires on it.
    expect(byDefault.churn_risk_improvement).toMatchObject({
      improvement: '-10 points',
      change: 'better',
      status: 'Achieved',
      target: 'Trigger threshold: Churn Risk Score at most 30',
    });
    const config = { ...voc.triggerDefaults, csat_threshold: 3.4, churn_risk_threshold: 25 };
    const moved = buildReport(voc, e, { kpis, health: 50, triggerConfig: config }, day(3)).report_data;
    expect(moved.outcomes_achieved.csat_improvement).toMatchObject({
      status: 'Achieved',
      target: 'Trigger threshold: CSAT Score at least 3.4',
    });
    expect(moved.outcomes_achieved.churn_risk_improvement).toMatchObject({
      status: 'Not achieved',
      target: 'Trigger threshold: Churn Risk Score at most 25',
    });
  });

  it('SLA: a fall in a lower-is-better KPI is signed "-" and called better; counts are in their noun', () => {
    const def = playbookById('sla-recovery')!;
    const e = run(def, { 'SLA Compliance': 80.4, 'Open Critical Tickets': 9, 'First Response Time': 32.2 });
    const kpis = kpiMap({ 'SLA Compliance': 96, 'Open Critical Tickets': 2, 'First Response Time': 36.2 });
    const o = buildReport(def, e, { kpis, health: 70 }, day(3)).report_data.outcomes_achieved;
    expect(Object.keys(o)).toEqual([
      'sla_compliance_improvement',
      'open_critical_tickets_improvement',
      'first_response_time_improvement',
    ]);
    expect(o.open_critical_tickets_improvement).toMatchObject({
      improvement: '-7 tickets',
      change: 'better',
      status: 'Achieved',
      target: 'Exit criterion: Open Critical Tickets <= 2',
    });
    expect(improvementText(o.open_critical_tickets_improvement)).toBe('-7 tickets (better)');
    expect(o.first_response_time_improvement).toMatchObject({
      improvement: '+4 hours',
      change: 'worse',
      status: 'Not achieved',
      target: 'Trigger threshold: First Response Time at most 24',
    });
    expect(improvementText(o.first_response_time_improvement)).toBe('+4 hours (worse)');
  });

  it('Expansion: an opportunity trigger is achieved while it still holds', () => {
    const def = playbookById('expansion-play')!;
    const e = run(def, { 'License Utilization': 90, 'Expansion Pipeline': 12_000 });
    const at = (lu: number) =>
      buildReport(
        def,
        e,
        { kpis: kpiMap({ 'License Utilization': lu, 'Expansion Pipeline': 60_000 }), health: 80 },
        day(3),
      ).report_data.outcomes_achieved;
    expect(at(88).license_utilization_improvement).toMatchObject({
      improvement: '-2 points',
      change: 'worse',
      status: 'Achieved',
      target: 'Trigger threshold: License Utilization at least 85',
    });
    expect(at(80).license_utilization_improvement.status).toBe('Not achieved');
    expect(at(80).expansion_pipeline_improvement).toMatchObject({
      improvement: '+$48,000',
      change: 'better',
      status: 'Achieved',
    });
  });
});

describe('formatting', () => {
  it('outcome keys', () => {
    expect(outcomeKey('NPS Score')).toBe('nps_improvement');
    expect(outcomeKey('CSAT Score')).toBe('csat_improvement');
    expect(outcomeKey('Daily Active Users %')).toBe('daily_active_users_improvement');
    expect(outcomeKey('Open Critical Tickets')).toBe('open_critical_tickets_improvement');
  });

  it('improvements are signed with their unit', () => {
    expect(formatImprovement(16, 'score')).toBe('+16 points');
    expect(formatImprovement(0.9000000001, '1-5')).toBe('+0.9 points');
    expect(formatImprovement(1, 'score')).toBe('+1 point');
    expect(formatImprovement(-3.5, '%')).toBe('-3.5 points');
    expect(formatImprovement(-7, 'count', 'Open Critical Tickets')).toBe('-7 tickets');
    expect(formatImprovement(1, 'count', 'Open Critical Tickets')).toBe('+1 ticket');
    expect(formatImprovement(-3, 'count', 'Incident Count')).toBe('-3');
    expect(formatImprovement(-3, 'count')).toBe('-3');
    expect(formatImprovement(-8.25, 'hours')).toBe('-8.25 hours');
    expect(formatImprovement(1, 'hours')).toBe('+1 hour');
    expect(formatImprovement(12000, 'USD')).toBe('+$12,000');
    expect(formatImprovement(-2500.5, 'USD')).toBe('-$2,500.5');
    expect(formatImprovement(0, 'score')).toBe('0 points');
  });

  it("outcome keys read back as the KPI's full name", () => {
    expect(outcomeKpiName('nps_improvement')).toBe('NPS Score');
    expect(outcomeKpiName('csat_improvement')).toBe('CSAT Score');
    expect(outcomeKpiName('daily_active_users_improvement')).toBe('Daily Active Users %');
    expect(outcomeKpiName('open_critical_tickets_improvement')).toBe('Open Critical Tickets');
    expect(outcomeKpiName('something_else_improvement')).toBe('Something Else');
  });
});
