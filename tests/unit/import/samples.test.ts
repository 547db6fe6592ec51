import { describe, expect, it } from 'vitest';
import { readAndInterpret } from '../../../main/import/workbook';
import { allKpiRows } from '../../../shared/import/interpret';
import { sample } from './helpers';

const CATEGORIES = [
  'Relationship Strength',
  'Adoption & Engagement',
  'Support & Experience',
  'Product Value',
  'Business Outcomes',
];

describe('the tidy samples', () => {
  it('techcorp (corporate): 67 KPIs on 5 category sheets, months Jan-Sep 2025, weights as percents', async () => {
    const name = 'techcorp-solutions-2025-09.xlsx';
    const { raw, workbook: wb } = await readAndInterpret(sample(name), name);
    expect(raw.kind).toBe('xlsx');
    expect(raw.date1904).toBe(false);
    expect(wb.skipped).toEqual([]);
    expect(wb.issues).toEqual([]);
    expect(wb.sheets.map((s) => s.category)).toEqual(CATEGORIES);
    expect(wb.sheets.map((s) => s.rows.length)).toEqual([14, 14, 13, 13, 13]);
    expect(wb.sheets.every((s) => s.headerRow === 1 && !s.hasAccountColumn && s.notes.length === 0)).toBe(true);
    expect(wb.months).toEqual(Array.from({ length: 9 }, (_, i) => ({ year: 2025, month: i + 1 })));
    expect(wb.accounts).toEqual([]);

    const rows = allKpiRows(wb);
    expect(rows).toHaveLength(67);
    expect(new Set(rows.map((r) => `${r.category}/${r.fields.kpi_parameter}`)).size).toBe(67);
    for (const r of rows) {
      expect(r.account).toBeNull();
      expect(r.fields.weight).toMatch(/^\d+%$/);
      expect(r.months).toHaveLength(9);
      // Data is September 2025
      expect(r.dataValue).toBe(r.months[8].value);
      expect(r.fields.data).toBe(String(r.dataValue));
    }
    expect(rows[0]).toEqual({
      sheet: 'Relationship Strength',
      row: 2,
      category: 'Relationship Strength',
      account: null,
      fields: {
        kpi_parameter: 'NPS Score',
        health_score_component: 'Sentiment',
        impact_level: 'Critical',
        weight: '30%',
        data: '12.2',
        source_review: 'NPS survey',
        measurement_frequency: 'Quarterly',
      },
      dataValue: 12.2,
      months: [29.8, 25.1, 28.8, 18.8, 32.2, 13, 22.6, 11.3, 12.2].map((value, i) => ({
        year: 2025,
        month: i + 1,
        value,
      })),
    });
  });

  it('acme (roll-up): ten accounts with 67 KPIs each, months Jul-Sep 2025', async () => {
    const name = 'acme-rollup-2025-09.xlsx';
    const { workbook: wb } = await readAndInterpret(sample(name), name);
    expect(wb.skipped).toEqual([]);
    expect(wb.issues).toEqual([]);
    expect(wb.sheets.map((s) => s.category)).toEqual(CATEGORIES);
    expect(wb.sheets.every((s) => s.hasAccountColumn)).toBe(true);
    expect(wb.accounts).toHaveLength(10);
    expect(wb.accounts[0]).toBe('ACME Rockets');
    expect(wb.months).toEqual([7, 8, 9].map((month) => ({ year: 2025, month })));
    const rows = allKpiRows(wb);
    expect(rows).toHaveLength(670);
    for (const account of wb.accounts) {
      const mine = rows.filter((r) => r.account === account);
      expect(mine, account).toHaveLength(67);
      expect(new Set(mine.map((r) => r.category)).size).toBe(5);
    }
    for (const r of rows) {
      expect(r.months.map((m) => m.month)).toEqual([7, 8, 9]);
      expect(r.dataValue).toBe(r.months[2].value);
    }
  });
});
