/**
 * Walks the spec text (playbooks.md) and checks the catalogue against it, so the two cannot drift.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  HEALTH_DROP,
  isKpiSource,
  KPI_HIGHER_IS_BETTER,
  KPI_UNITS,
  kpisOfPlaybook,
  OVERALL_HEALTH,
  PLAYBOOKS,
  playbookById,
  playbookByType,
} from '../../../shared/playbooks/catalogue';
import { THRESHOLD_BOUNDS } from '../../../shared/playbooks/triggers';

const here = dirname(fileURLToPath(import.meta.url));
const sharedDir = resolve(here, '../../../../shared');
const spec = readFileSync(resolve(sharedDir, 'spec/playbooks.md'), 'utf8');
const csv = readFileSync(resolve(sharedDir, 'samples/reference-ranges.csv'), 'utf8');

interface SpecRow {
  type: string;
  id: string;
  name: string;
  durationDays: number;
  fires: string;
  exit: string;
}

const rows: SpecRow[] = spec
  .split('\n')
  .filter((l) => /^\| [a-z]+ \| `[a-z-]+` \|/.test(l))
  .map((l) => {
    const cells = l
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    return {
      type: cells[0],
      id: cells[1].replace(/`/g, ''),
      name: cells[2],
      durationDays: Number(/^(\d+) days$/.exec(cells[3])?.[1]),
      fires: cells[4],
      exit: cells[5],
    };
  });

interface SpecCondition {
  kpi: string;
  op: string;
  key: string;
  def: number;
}

function parseFires(text: string): { combine: 'any' | 'all'; conditions: SpecCondition[] } {
  const combine = /, or |\bor\b/.test(text) ? 'any' : 'all';
  const parts = text.split(/, or | and /);
  const conditions = parts.map((p) => {
    const drop = /^overall health fell by at least `(\w+)` \(([-\d.]+)\)/.exec(p);
    if (drop) return { kpi: HEALTH_DROP as string, op: '>=', key: drop[1], def: Number(drop[2]) };
    const m = /^(.+?) (<=|>=|<|>) `(\w+)` \(([-\d.]+)\)$/.exec(p.trim());
    if (!m) throw new Error(`cannot parse condition: ${p}`);
    return { kpi: m[1], op: m[2], key: m[3], def: Number(m[4]) };
  });
  return { combine, conditions };
}

interface SpecExit {
  kpi?: string;
  op?: string;
  value?: number;
  key?: string;
  text: string;
}

function parseExit(text: string): SpecExit[] {
  return text.split(', ').map((p) => {
    const above = /^(.+?) above ([-\d.]+)(?: \(`(\w+)`\))?$/.exec(p);
    if (above) return { kpi: above[1], op: '>', value: Number(above[2]), key: above[3], text: p };
    const cmp = /^(.+?) (<=|>=|<|>) ([-\d.]+)$/.exec(p);
    if (cmp) return { kpi: cmp[1], op: cmp[2], value: Number(cmp[3]), text: p };
    return { text: p };
  });
}

interface SpecStep {
  id: string;
  name: string;
  raci: { responsible: string[]; accountable: string[]; consulted: string[]; informed: string[] };
  dueDay: number;
  records: string[];
}

function parseSteps(playbookId: string): SpecStep[] {
  const line = spec.split('\n').find((l) => l.startsWith(`- **${playbookId}**:`));
  if (!line) throw new Error(`no step line for ${playbookId}`);
  const re =
    /`([a-z0-9-]+)` ([^(]+?) \(R: ([^;]+); A: ([^;]+); C: ([^;]+); I: ([^)]+)\), day (\d+)(?:, records ((?:`\w+`(?:, )?)+))?/g;
  const roles = (s: string) => s.split(', ').map((r) => r.trim());
  return [...line.matchAll(re)].map((m) => ({
    id: m[1],
    name: m[2].trim(),
    raci: { responsible: roles(m[3]), accountable: roles(m[4]), consulted: roles(m[5]), informed: roles(m[6]) },
    dueDay: Number(m[7]),
    records: m[8] ? [...m[8].matchAll(/`(\w+)`/g)].map((r) => r[1]) : [],
  }));
}

const csvRows = csv
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','));
const csvUnits = new Map(csvRows.map(([name, unit]) => [name, unit] as const));
const csvHigherIsBetter = new Map(csvRows.map(([name, , higher]) => [name, higher === 'true'] as const));

describe('catalogue matches playbooks.md', () => {
  it('lists the five playbooks of the spec table, in order', () => {
    expect(rows).toHaveLength(5);
    expect(PLAYBOOKS.map((p) => [p.type, p.id, p.name, p.durationDays])).toEqual(
      rows.map((r) => [r.type, r.id, r.name, r.durationDays]),
    );
  });

  for (const row of rows) {
    describe(row.id, () => {
      const def = playbookById(row.id)!;

      it('is found by id and by type', () => {
        expect(def).toBeDefined();
        expect(playbookByType(row.type)).toBe(def);
      });

      it('has every trigger_config key with its default, and the fires-when rules', () => {
        const { combine, conditions } = parseFires(row.fires);
        expect(conditions.length).toBeGreaterThan(0);
        expect(def.triggerDefaults).toEqual(Object.fromEntries(conditions.map((c) => [c.key, c.def])));
        expect(def.combine).toBe(combine);
        expect(def.conditions.map((c) => ({ kpi: c.kpi, op: c.op, key: c.key }))).toEqual(
          conditions.map((c) => ({ kpi: c.kpi, op: c.op, key: c.key })),
        );
        for (const c of conditions) expect(THRESHOLD_BOUNDS[c.key], c.key).toBeDefined();
      });

      it('has the exit criteria of the spec', () => {
        const exits = parseExit(row.exit);
        expect(def.exitCriteria).toHaveLength(exits.length);
        exits.forEach((e, i) => {
          const c = def.exitCriteria[i];
          if (e.kpi) {
            expect(isKpiSource(c.source), e.text).toBe(true);
            expect(c.source).toEqual({ kpi: e.kpi, op: e.op, value: e.value });
            if (e.key) expect(c.key).toBe(e.key);
          } else {
            expect(isKpiSource(c.source), e.text).toBe(false);
            expect(c.label.toLowerCase()).toBe(e.text.toLowerCase());
          }
        });
      });

      it('has every step with its name, RACI roles, due day and records, in order', () => {
        const steps = parseSteps(row.id);
        expect(steps.length).toBeGreaterThan(0);
        expect(
          def.steps.map((s) => ({
            id: s.id,
            name: s.name,
            raci: s.raci,
            dueDay: s.dueDay,
            records: s.records.map((r) => r.key),
          })),
        ).toEqual(steps);
      });

      it('ends on the last step at the playbook duration', () => {
        expect(def.steps[def.steps.length - 1].dueDay).toBe(def.durationDays);
      });

      it('step-result exit criteria point at recorded values of real steps', () => {
        for (const c of def.exitCriteria) {
          if (isKpiSource(c.source)) continue;
          const { stepId, key } = c.source.stepResult;
          const step = def.steps.find((s) => s.id === stepId);
          expect(step, c.key).toBeDefined();
          expect(step!.records.map((r) => r.key)).toContain(key);
        }
      });

      it('names KPIs exactly as the reference ranges, with their units and directions', () => {
        for (const kpi of kpisOfPlaybook(def)) {
          expect(csvUnits.has(kpi), kpi).toBe(true);
          expect(KPI_UNITS[kpi]).toBe(csvUnits.get(kpi));
          expect(KPI_HIGHER_IS_BETTER[kpi], kpi).toBe(csvHigherIsBetter.get(kpi));
        }
      });

      it('has follow-ups and unique exit criterion keys', () => {
        expect(def.followUps.length).toBeGreaterThan(0);
        const keys = def.exitCriteria.map((c) => c.key);
        expect(new Set(keys).size).toBe(keys.length);
      });
    });
  }

  it('every step id is unique across the catalogue', () => {
    const ids = PLAYBOOKS.flatMap((p) => p.steps.map((s) => s.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('kpisOfPlaybook collects trigger and exit KPIs without the health pseudo-KPIs', () => {
    expect(kpisOfPlaybook(playbookById('voc-sprint')!)).toEqual(['NPS Score', 'CSAT Score', 'Churn Risk Score']);
    expect(kpisOfPlaybook(playbookById('renewal-readiness')!)).toEqual(['Renewal Probability']);
    expect(kpisOfPlaybook(playbookById('expansion-play')!)).toEqual(['License Utilization', 'Expansion Pipeline']);
    for (const p of PLAYBOOKS) {
      expect(kpisOfPlaybook(p)).not.toContain(OVERALL_HEALTH);
      expect(kpisOfPlaybook(p)).not.toContain(HEALTH_DROP);
    }
  });
});
