import { describe, expect, it } from 'vitest';
import { normalizeName } from '../../../shared/names';
import { playbookById } from '../../../shared/playbooks/catalogue';
import {
  compareSeverity,
  conditionsSummary,
  conditionWords,
  type SeverityRow,
  sortBySeverity,
} from '../../../shared/playbooks/trigger-grid';
import { evaluateAccount } from '../../../shared/playbooks/triggers';

const voc = playbookById('voc-sprint')!;
const expansion = playbookById('expansion-play')!;

function ev(
  def = voc,
  kpis: Record<string, number> = {},
  health: number | null = null,
  previous: number | null = null,
) {
  return evaluateAccount(def, def.triggerDefaults, {
    kpis: new Map(Object.entries(kpis).map(([k, v]) => [normalizeName(k), v])),
    health,
    previousHealth: previous,
  });
}
const drop = (health: number | null, previous: number | null) =>
  conditionWords(ev(voc, {}, health, previous).conditions.find((c) => c.key === 'health_drop_threshold')!);

describe('the condition in true words', () => {
  it('a fall smaller than the threshold says how far it fell and what the trigger needs', () => {
    expect(drop(30.93, 34.07)).toBe('health fell 3.1 points (34.1 → 30.9); the trigger needs 10');
  });

  it('a rise is a rise, never a negative drop', () => {
    expect(drop(34.07, 30.93)).toBe('health rose 3.1 points (30.9 → 34.1); the trigger needs a fall of 10');
    expect(drop(50, 50)).toBe('health did not change (50.0); the trigger needs a fall of 10');
  });

  it('a fall that holds says so; one decimal that would round onto the threshold keeps two', () => {
    expect(drop(58, 70)).toBe("health fell 12.0 points (70.0 → 58.0), at least the trigger's 10");
    expect(drop(60.04, 70)).toBe('health fell 9.96 points (70.0 → 60.0); the trigger needs 10');
  });

  it('a missing month says what is missing', () => {
    expect(drop(40, null)).toBe('only one scored month (40.0): no fall to measure; the trigger needs 10');
    expect(drop(null, null)).toBe('no health score yet; the trigger needs a fall of 10 points');
  });

  it('a KPI condition names the value and the threshold, holding or not', () => {
    const c = ev(voc, { 'NPS Score': 8, 'CSAT Score': 4.2 }).conditions;
    expect(conditionWords(c[0])).toBe("NPS Score is 8, below the trigger's 10");
    expect(conditionWords(c[1])).toBe('CSAT Score is 4.2; the trigger needs it below 3.6');
    expect(conditionWords(c[2])).toBe('no Churn Risk Score in the latest month; the trigger needs it above 30');
  });

  it('overall health is written with one decimal', () => {
    const c = ev(expansion, { 'License Utilization': 90 }, 44.6753).conditions;
    expect(conditionWords(c[0])).toBe('health is 44.7; the trigger needs it at least 75');
    expect(conditionWords(c[1])).toBe("License Utilization is 90, at least the trigger's 85");
  });
});

describe('the conditions counted', () => {
  it('"2 of 4 conditions hold" for an any-playbook, with the rule', () => {
    const r = ev(voc, { 'NPS Score': 8, 'CSAT Score': 3.2, 'Churn Risk Score': 10 }, 60, 65);
    expect(conditionsSummary(r.conditions, 'any')).toBe('2 of 4 conditions hold; one is enough');
    expect(conditionsSummary(ev().conditions, 'any')).toBe('0 of 4 conditions hold; one is enough');
  });

  it('"1 of 2 conditions holds; both are needed" for expansion', () => {
    const r = ev(expansion, { 'License Utilization': 90 }, 44);
    expect(conditionsSummary(r.conditions, 'all')).toBe('1 of 2 conditions holds; both are needed');
    const both = ev(expansion, { 'License Utilization': 90 }, 80);
    expect(conditionsSummary(both.conditions, 'all')).toBe('2 of 2 conditions hold; both are needed');
  });
});

describe('severity order', () => {
  const row = (accountName: string, status: SeverityRow['status'], revenueAtRisk: number | null): SeverityRow => ({
    accountName,
    status,
    revenueAtRisk,
  });

  it('Critical, then Risk, then Healthy, then not scored; within a status the most revenue at risk first', () => {
    const rows = [
      row('Healthy Co', 'Healthy', 0),
      row('Unscored', null, null),
      row('Risk small', 'Risk', 10_000),
      row('Critical no revenue', 'Critical', null),
      row('Risk big', 'Risk', 2_000_000),
      row('Critical big', 'Critical', 500_000),
    ];
    expect(sortBySeverity(rows).map((r) => r.accountName)).toEqual([
      'Critical big',
      'Critical no revenue',
      'Risk big',
      'Risk small',
      'Healthy Co',
      'Unscored',
    ]);
  });

  it('ties go by name, and the input is not changed', () => {
    const rows = [row('Beta', 'Risk', 5), row('Alpha', 'Risk', 5)];
    expect(sortBySeverity(rows).map((r) => r.accountName)).toEqual(['Alpha', 'Beta']);
    expect(rows[0].accountName).toBe('Beta');
    expect(compareSeverity(rows[0], rows[0])).toBe(0);
  });
});
