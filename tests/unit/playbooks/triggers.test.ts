import { describe, expect, it } from 'vitest';
import { normalizeName } from '../../../shared/names';
import {
  HEALTH_DROP,
  OVERALL_HEALTH,
  PLAYBOOKS,
  type PlaybookDef,
  playbookById,
} from '../../../shared/playbooks/catalogue';
import { PlaybookError } from '../../../shared/playbooks/errors';
import {
  defaultTriggerConfig,
  type EvaluationInput,
  evaluateAccount,
  parseTriggerConfig,
  readTriggerConfig,
  safeguard,
  thresholdFieldErrors,
  validateTriggerConfig,
} from '../../../shared/playbooks/triggers';

const voc = playbookById('voc-sprint')!;
const expansion = playbookById('expansion-play')!;

function input(kpis: Record<string, number>, health: number | null = null, previousHealth: number | null = null) {
  return {
    kpis: new Map(Object.entries(kpis).map(([k, v]) => [normalizeName(k), v])),
    health,
    previousHealth,
  } satisfies EvaluationInput;
}

/** An input where only `kpi` has `value` (health pseudo-KPIs handled). */
function only(kpi: string, value: number): EvaluationInput {
  if (kpi === OVERALL_HEALTH) return input({}, value, null);
  if (kpi === HEALTH_DROP) return input({}, 70 - value, 70);
  return input({ [kpi]: value });
}

/** A value on the holding side of the threshold and one exactly at it. */
function sides(op: string, t: number): { holds: number[]; fails: number[] } {
  switch (op) {
    case '<':
      return { holds: [t - 0.1], fails: [t, t + 0.1] };
    case '>':
      return { holds: [t + 0.1], fails: [t, t - 0.1] };
    case '>=':
      return { holds: [t, t + 0.1], fails: [t - 0.1] };
    default:
      return { holds: [t, t - 0.1], fails: [t + 0.1] };
  }
}

describe('trigger config', () => {
  it('defaults are the catalogue defaults and validate', () => {
    for (const p of PLAYBOOKS) {
      expect(defaultTriggerConfig(p.type)).toEqual(p.triggerDefaults);
      expect(validateTriggerConfig(p.type, p.triggerDefaults)).toEqual({ ok: true, config: p.triggerDefaults });
    }
  });

  it("gives a form each field's problem by key, named by its label only", () => {
    expect(
      thresholdFieldErrors('voc', { ...defaultTriggerConfig('voc'), csat_threshold: 11, nps_threshold: undefined }),
    ).toEqual({
      nps_threshold: 'NPS threshold is required.',
      csat_threshold: 'CSAT threshold must be between 0 and 10.',
    });
    expect(
      thresholdFieldErrors('sla', { ...defaultTriggerConfig('sla'), open_critical_threshold: Number.NaN }),
    ).toEqual({ open_critical_threshold: 'Open critical tickets threshold must be a number.' });
    expect(thresholdFieldErrors('voc', defaultTriggerConfig('voc'))).toEqual({});
  });

  it('defaultTriggerConfig returns a copy', () => {
    const c = defaultTriggerConfig('voc');
    c.nps_threshold = 99;
    expect(defaultTriggerConfig('voc').nps_threshold).toBe(10);
  });

  it('refuses out-of-range, non-finite, missing and non-number thresholds naming the field', () => {
    const cases: Array<[Parameters<typeof validateTriggerConfig>[0], Record<string, unknown>, RegExp]> = [
      ['voc', { nps_threshold: 101 }, /nps_threshold.*between -100 and 100/],
      ['voc', { nps_threshold: -101 }, /nps_threshold/],
      ['voc', { csat_threshold: 11 }, /csat_threshold.*between 0 and 10/],
      ['voc', { churn_risk_threshold: Number.POSITIVE_INFINITY }, /churn_risk_threshold.*must be a number/],
      ['voc', { health_drop_threshold: Number.NaN }, /health_drop_threshold.*must be a number/],
      ['voc', { health_drop_threshold: '10' }, /health_drop_threshold.*must be a number/],
      ['activation', { dau_threshold: 120 }, /dau_threshold.*between 0 and 100/],
      ['sla', { open_critical_threshold: -1 }, /open_critical_threshold.*at least 0/],
      ['sla', { first_response_threshold: -0.5 }, /first_response_threshold.*at least 0/],
      ['renewal', { health_threshold: 100.5 }, /health_threshold/],
      ['expansion', { license_utilization_min: -3 }, /license_utilization_min/],
    ];
    for (const [type, patch, re] of cases) {
      const r = validateTriggerConfig(type, { ...defaultTriggerConfig(type), ...patch });
      expect(r.ok, JSON.stringify(patch)).toBe(false);
      if (!r.ok) expect(r.errors.join('\n')).toMatch(re);
    }
    const missing = validateTriggerConfig('voc', { nps_threshold: 10 });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors.join('\n')).toMatch(/csat_threshold\) is required/);
  });

  it('accepts big counts, hours and pipeline-free configs; strips unknown keys', () => {
    expect(
      parseTriggerConfig('sla', {
        sla_compliance_threshold: 0,
        open_critical_threshold: 500,
        first_response_threshold: 1000,
        extra: 1,
      }),
    ).toEqual({
      sla_compliance_threshold: 0,
      open_critical_threshold: 500,
      first_response_threshold: 1000,
    });
  });

  it('parseTriggerConfig throws a PlaybookError listing the problems', () => {
    try {
      parseTriggerConfig('voc', { nps_threshold: 200 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PlaybookError);
      expect((e as PlaybookError).code).toBe('invalid_config');
      expect((e as PlaybookError).message).toMatch(/^Invalid VoC Sprint thresholds: .*nps_threshold/);
      expect((e as PlaybookError).issues.length).toBeGreaterThan(1);
    }
  });

  it('readTriggerConfig keeps valid stored values and falls back per key', () => {
    expect(readTriggerConfig('voc', '{"nps_threshold": 5, "csat_threshold": "x"}')).toEqual({
      ...voc.triggerDefaults,
      nps_threshold: 5,
    });
    expect(readTriggerConfig('voc', 'not json')).toEqual(voc.triggerDefaults);
    expect(readTriggerConfig('voc', null)).toEqual(voc.triggerDefaults);
    expect(readTriggerConfig('voc', { nps_threshold: 500 })).toEqual(voc.triggerDefaults);
  });
});

describe('evaluateAccount: every condition of every playbook', () => {
  for (const def of PLAYBOOKS) {
    for (const cond of def.conditions) {
      const t = def.triggerDefaults[cond.key];
      const { holds, fails } = sides(cond.op, t);

      it(`${def.id} ${cond.kpi} ${cond.op} ${cond.key}: holds / not at the edge / missing`, () => {
        for (const v of holds) {
          const r = evaluateAccount(def, def.triggerDefaults, only(cond.kpi, v));
          const c = r.conditions.find((x) => x.key === cond.key)!;
          expect(c.holds, `${v}`).toBe(true);
          expect(c.value).toBeCloseTo(v, 9);
          expect(c.threshold).toBe(t);
          if (def.combine === 'any') expect(r.fires).toBe(true);
        }
        for (const v of fails) {
          const c = evaluateAccount(def, def.triggerDefaults, only(cond.kpi, v)).conditions.find(
            (x) => x.key === cond.key,
          )!;
          expect(c.holds, `${v}`).toBe(false);
        }
        const missing = evaluateAccount(def, def.triggerDefaults, input({})).conditions.find(
          (x) => x.key === cond.key,
        )!;
        expect(missing.holds).toBe(false);
        expect(missing.value).toBeNull();
        expect(missing.label).toMatch(/no value/);
      });

      it(`${def.id} ${cond.key}: the configured threshold is used`, () => {
        const moved = { ...def.triggerDefaults, [cond.key]: t + 7 };
        const r = evaluateAccount(def, moved, only(cond.kpi, t + 7));
        expect(r.conditions.find((x) => x.key === cond.key)!.threshold).toBe(t + 7);
      });
    }
  }

  it('nothing at all fires nothing', () => {
    for (const def of PLAYBOOKS) expect(evaluateAccount(def, def.triggerDefaults, input({})).fires).toBe(false);
  });

  it('labels and reason name the values', () => {
    const r = evaluateAccount(
      voc,
      voc.triggerDefaults,
      input({ 'NPS Score': 8, 'CSAT Score': 3.2, 'Churn Risk Score': 10 }, 60, 65),
    );
    expect(r.fires).toBe(true);
    expect(r.reason).toBe('NPS Score 8 < 10; CSAT Score 3.2 < 3.6');
    expect(r.conditions.map((c) => c.holds)).toEqual([true, true, false, false]);
    expect(r.conditions[3].label).toBe('health drop 5 is not at least 10 (65 → 60)');
    expect(r.conditions[3].value).toBe(5);
    expect(r.conditions[2].label).toBe('Churn Risk Score 10 is not above 30');
  });

  it('a condition that does not hold is written negated; the health drop is stored at 2 decimals', () => {
    const r = evaluateAccount(voc, voc.triggerDefaults, input({ 'NPS Score': 12.2 }, 44.68, 46.97));
    expect(r.conditions[0]).toMatchObject({ holds: false, label: 'NPS Score 12.2 is not below 10' });
    // 46.97 − 44.68 is 2.289999999999999 in floating point.
    expect(r.conditions[3]).toMatchObject({
      holds: false,
      value: 2.29,
      label: 'health drop 2.29 is not at least 10 (46.97 → 44.68)',
    });
    // The comparison keeps full precision: a drop a hair under the threshold does not hold.
    const edge = evaluateAccount(voc, voc.triggerDefaults, input({}, 60.000001, 70)).conditions[3];
    expect(edge).toMatchObject({ holds: false, value: 10 });
    const health = evaluateAccount(expansion, expansion.triggerDefaults, input({}, 44.6753)).conditions[0];
    expect(health).toMatchObject({ value: 44.68, label: 'overall health 44.68 is not at least 75' });
  });

  it('looks KPIs up by normalised name', () => {
    const kpis = new Map([[normalizeName('  nps   SCORE '), 3]]);
    expect(evaluateAccount(voc, voc.triggerDefaults, { kpis, health: null, previousHealth: null }).fires).toBe(true);
    expect(normalizeName('  Daily  Active\tUsers % ')).toBe('daily active users %');
  });

  it('health drop: previous − current >= threshold; a rise or a missing month never holds', () => {
    const drop = (prev: number | null, cur: number | null) =>
      evaluateAccount(voc, voc.triggerDefaults, input({}, cur, prev)).conditions.find(
        (c) => c.key === 'health_drop_threshold',
      )!;
    expect(drop(70, 60).holds).toBe(true);
    expect(drop(70, 60.1).holds).toBe(false);
    expect(drop(50, 80).holds).toBe(false);
    expect(drop(null, 40).holds).toBe(false);
    expect(drop(70, null).holds).toBe(false);
  });

  it('a missing threshold in the config falls back to its default', () => {
    const r = evaluateAccount(voc, {}, input({ 'NPS Score': 9 }));
    expect(r.conditions[0].threshold).toBe(10);
    expect(r.fires).toBe(true);
  });

  it('non-finite KPI values count as missing', () => {
    const r = evaluateAccount(voc, voc.triggerDefaults, input({ 'NPS Score': Number.NaN }));
    expect(r.conditions[0].holds).toBe(false);
    expect(r.conditions[0].value).toBeNull();
  });

  it('expansion needs ALL conditions (health AND license utilization)', () => {
    const ev = (health: number | null, lu: number | null) =>
      evaluateAccount(
        expansion,
        expansion.triggerDefaults,
        input(lu === null ? {} : { 'License Utilization': lu }, health),
      );
    expect(ev(75, 85).fires).toBe(true);
    expect(ev(75, 85).reason).toBe('overall health 75 >= 75; License Utilization 85 >= 85');
    expect(ev(74.9, 95).fires).toBe(false);
    expect(ev(90, 84.9).fires).toBe(false);
    expect(ev(90, null).fires).toBe(false);
    expect(ev(null, 95).fires).toBe(false);
    expect(ev(90, 84.9).reason).toBe('Not all conditions hold: License Utilization 84.9 is not at least 85');
    expect(ev(44.68, 44.1).reason).toBe(
      'Not all conditions hold: overall health 44.68 is not at least 75; License Utilization 44.1 is not at least 85',
    );
  });

  it('a single holding condition fires an "any" playbook', () => {
    const def = playbookById('sla-recovery') as PlaybookDef;
    const r = evaluateAccount(
      def,
      def.triggerDefaults,
      input({ 'SLA Compliance': 99, 'Open Critical Tickets': 6, 'First Response Time': 2 }),
    );
    expect(r.fires).toBe(true);
    expect(r.reason).toBe('Open Critical Tickets 6 > 5');
  });
});

describe('safeguard', () => {
  const now = new Date('2025-10-31T12:00:00Z');
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();

  it('allows with no history', () => {
    expect(safeguard({ now, running: false, lastEndedAt: null })).toEqual({ allowed: true });
  });

  it('refuses a second one while one is in progress', () => {
    const r = safeguard({ now, running: true, lastEndedAt: null, playbookName: 'VoC Sprint' });
    expect(r.allowed).toBe(false);
    expect(r.reason).toMatch(/^in progress: a VoC Sprint is already running/);
  });

  it('cool-down: 29 days refused, 31 allowed, 30 exactly allowed', () => {
    const r29 = safeguard({ now, running: false, lastEndedAt: daysAgo(29), playbookName: 'VoC Sprint' });
    expect(r29).toEqual({ allowed: false, reason: 'cool-down: last VoC Sprint ended 29 days ago (30-day cool-down)' });
    expect(safeguard({ now, running: false, lastEndedAt: daysAgo(12), playbookName: 'VoC Sprint' }).reason).toBe(
      'cool-down: last VoC Sprint ended 12 days ago (30-day cool-down)',
    );
    expect(safeguard({ now, running: false, lastEndedAt: daysAgo(31) })).toEqual({ allowed: true });
    expect(safeguard({ now, running: false, lastEndedAt: daysAgo(30) })).toEqual({ allowed: true });
    expect(safeguard({ now, running: false, lastEndedAt: daysAgo(29.99) }).allowed).toBe(false);
  });

  it('in progress wins over cool-down; an unreadable date is ignored', () => {
    expect(safeguard({ now, running: true, lastEndedAt: daysAgo(2) }).reason).toMatch(/^in progress/);
    expect(safeguard({ now, running: false, lastEndedAt: 'garbage' })).toEqual({ allowed: true });
    expect(safeguard({ now, running: false, lastEndedAt: daysAgo(0.2) }).reason).toMatch(/ended today/);
  });
});
