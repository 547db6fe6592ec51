import { describe, expect, it } from 'vitest';
import { filterKpis, kpiFilterCounts, sectionByKey, sectionOf } from '../../../renderer/account/sections';
import type { ReceiptKpi } from '../../../shared/channels/scoring';

const SECTIONS = [
  { id: 'overview', label: 'Overview' },
  { id: 'kpis', label: 'KPIs' },
  { id: 'uploads', label: 'Uploads' },
];

describe('account sections', () => {
  it('shows the section the route asks for, else the overview', () => {
    expect(sectionOf('kpis', SECTIONS)).toBe('kpis');
    expect(sectionOf(undefined, SECTIONS)).toBe('overview');
    expect(sectionOf('timeline', SECTIONS)).toBe('overview');
    expect(sectionOf('timeline', [...SECTIONS, { id: 'timeline', label: 'Timeline' }])).toBe('timeline');
  });

  it('moves between sections with the arrow keys (wrapping), Home and End', () => {
    expect(sectionByKey('ArrowRight', 'overview', SECTIONS)).toBe('kpis');
    expect(sectionByKey('ArrowRight', 'uploads', SECTIONS)).toBe('overview');
    expect(sectionByKey('ArrowLeft', 'overview', SECTIONS)).toBe('uploads');
    expect(sectionByKey('End', 'overview', SECTIONS)).toBe('uploads');
    expect(sectionByKey('Home', 'uploads', SECTIONS)).toBe('overview');
    expect(sectionByKey('Enter', 'uploads', SECTIONS)).toBeNull();
  });
});

const kpi = (name: string, status: ReceiptKpi['status'], missing: ReceiptKpi['missing'] = null) =>
  ({ key: name, name, category: 'C', status, missing }) as ReceiptKpi;
// In the receipt's order: a no-range KPI first, a KPI without a value, and three scored.
const KPIS = [
  kpi('Logins', null, 'no range'),
  kpi('NPS', null, 'no value'),
  kpi('CSAT', 'Healthy'),
  kpi('Churn', 'Critical'),
  kpi('Tickets', null, 'no range'),
  kpi('Renewal', 'Risk'),
];
const names = (r: { rows: ReceiptKpi[] }) => r.rows.map((k) => k.name);

describe('the KPI table filter', () => {
  it('shows scored KPIs first and folds those without a range by default', () => {
    const all = filterKpis(KPIS, 'all');
    expect(names(all)).toEqual(['CSAT', 'Churn', 'Renewal', 'NPS']);
    expect(all.folded).toBe(2);
  });

  it('unfolds the KPIs without a range after the others', () => {
    const all = filterKpis(KPIS, 'all', true);
    expect(names(all)).toEqual(['CSAT', 'Churn', 'Renewal', 'NPS', 'Logins', 'Tickets']);
    expect(all.folded).toBe(0);
  });

  it('filters scored, Critical and Risk, and no range, folding nothing', () => {
    expect(names(filterKpis(KPIS, 'scored'))).toEqual(['CSAT', 'Churn', 'Renewal']);
    expect(names(filterKpis(KPIS, 'attention'))).toEqual(['Churn', 'Renewal']);
    expect(filterKpis(KPIS, 'norange')).toEqual({ rows: [KPIS[0], KPIS[4]], folded: 0 });
  });

  it('counts each filter', () => {
    expect(kpiFilterCounts(KPIS)).toEqual({ all: 6, scored: 3, attention: 2, norange: 2 });
  });
});
