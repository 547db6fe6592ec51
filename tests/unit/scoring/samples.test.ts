import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizeName } from '../../../shared/names';
import {
  type AccountMonthScore,
  HEALTH_TREND_COLUMNS,
  type KpiInput,
  type Range,
  scoreAccountMonth,
  validateCategoryWeights,
  validateRange,
} from '../../../shared/scoring';

type SampleKpi = {
  name: string;
  category: string;
  weight: string | null;
  impactLevel: string | null;
  values: Record<string, number>;
};
type Expected = {
  overall_health_score: number | null;
  status: string | null;
  categories: Record<string, number | null>;
  columns: Record<string, number | null>;
  total_kpis: number;
  valid_kpis: number;
};
type Samples = Record<
  string,
  { period: string; accounts: Record<string, SampleKpi[]>; expected: Record<string, Record<string, Expected>> }
>;

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/scoring/${name}`, import.meta.url)), 'utf8');

/** The sample ranges CSV (plain: no quoted fields). */
function parseRangesCsv(text: string): Range[] {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const cols = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    const get = (c: string) => cells[cols.indexOf(c)];
    return {
      kpiName: get('kpi_name'),
      unit: get('unit'),
      higherIsBetter: get('higher_is_better') === 'true',
      criticalMin: Number(get('critical_min')),
      criticalMax: Number(get('critical_max')),
      riskMin: Number(get('risk_min')),
      riskMax: Number(get('risk_max')),
      healthyMin: Number(get('healthy_min')),
      healthyMax: Number(get('healthy_max')),
    };
  });
}

const ranges = parseRangesCsv(fixture('reference-ranges.csv'));
const categoryWeights = JSON.parse(fixture('category-weights.json')) as Record<string, number>;
const samples = JSON.parse(fixture('samples.json')) as Samples;

function inputsFor(kpis: SampleKpi[], month: string): KpiInput[] {
  return kpis.map((k) => ({
    name: k.name,
    category: k.category,
    value: k.values[month] ?? null,
    weight: k.weight,
    impactLevel: k.impactLevel,
  }));
}

describe('sample data', () => {
  it('has 40 valid reference ranges and valid category weights', () => {
    expect(ranges).toHaveLength(40);
    for (const r of ranges) expect(validateRange(r)).toBeNull();
    expect(validateCategoryWeights(categoryWeights)).toBeNull();
  });
});

for (const [workbook, sample] of Object.entries(samples)) {
  describe(`${workbook} matches its expected.json`, () => {
    const cases = Object.entries(sample.expected).flatMap(([account, months]) =>
      Object.entries(months).map(([month, expected]) => ({ account, month, expected })),
    );
    it('covers every account of the workbook', () => {
      expect(Object.keys(sample.accounts).sort()).toEqual(Object.keys(sample.expected).sort());
      expect(cases.length).toBeGreaterThan(0);
    });
    it.each(cases)('$account $month', ({ account, month, expected }) => {
      const result: AccountMonthScore = scoreAccountMonth({
        kpis: inputsFor(sample.accounts[account], month),
        ranges,
        categoryWeights,
      });
      expect(result.totalKpis).toBe(expected.total_kpis);
      expect(result.validKpis).toBe(expected.valid_kpis);
      expect(result.overall).not.toBeNull();
      expect(Math.abs((result.overall as number) - (expected.overall_health_score as number))).toBeLessThanOrEqual(
        0.01,
      );
      expect(result.status).toBe(expected.status);
      expect(result.unweightedCategories).toEqual([]);
      const byName = new Map(result.categories.map((c) => [c.category, c]));
      expect([...byName.keys()].sort()).toEqual(Object.keys(expected.categories).sort());
      for (const [category, score] of Object.entries(expected.categories)) {
        const got = byName.get(category)?.score ?? null;
        if (score === null) expect(got).toBeNull();
        else expect(Math.abs((got as number) - score)).toBeLessThanOrEqual(0.01);
        const column = HEALTH_TREND_COLUMNS[normalizeName(category)];
        expect(expected.columns[column]).toBe(score);
      }
      const sumContrib = result.kpis.reduce((s, k) => s + (k.contribution ?? 0), 0);
      expect(sumContrib).toBeCloseTo(result.overall as number, 9);
    });
  });
}
