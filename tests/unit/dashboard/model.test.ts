import { describe, expect, it } from 'vitest';
import {
  applyView,
  clearFilters,
  DEFAULT_VIEW,
  emptyColumns,
  loadView,
  type PortfolioView,
  saveView,
  sliceRows,
  summarize,
} from '../../../renderer/portfolio/model';
import type { PortfolioRow } from '../../../shared/channels/dashboard';
import { statusOf } from '../../../shared/scoring';

/** The portfolio screen's filters, sort, summary and remembered view (pure, no browser). */

const row = (name: string, score: number | null, extra: Partial<PortfolioRow> = {}): PortfolioRow => ({
  id: name.length * 100 + (score ?? 0),
  name,
  revenue: 1000,
  industry: 'Retail',
  region: 'EMEA',
  latestMonth: score == null ? null : '2025-09',
  score,
  status: score == null ? null : statusOf(score),
  previousMonth: score == null ? null : '2025-08',
  change: null,
  spark: [null, null, score],
  lastUpload: null,
  stale: false,
  ownerId: null,
  owner: null,
  renewal: null,
  segment: null,
  ...extra,
});

const rows: PortfolioRow[] = [
  row('Acme Rockets', 47.7, { change: -3.9, revenue: 500, industry: 'Technology', spark: [40, 51.6, 47.7] }),
  row('acme anvils', 71.4, { change: -1.3, revenue: 2000, region: 'APAC', spark: [73.8, 72.7, 71.4] }),
  row('Beta Cloud', 34.1, { change: 3.1, revenue: 3000, stale: true, spark: [null, 30.9, 34.1] }),
  row('Gamma', null, { revenue: 10 }),
  row('Delta', 85, { change: 0, revenue: 100, latestMonth: '2025-07', spark: [85, null, null] }),
];
const view = (v: Partial<PortfolioView>): PortfolioView => ({ ...DEFAULT_VIEW, ...v });
const names = (rs: PortfolioRow[]) => rs.map((r) => r.name);

describe('portfolio filters and sort', () => {
  it('sorts by score, worst first by default, accounts without a score last either way', () => {
    expect(names(applyView(rows, DEFAULT_VIEW))).toEqual([
      'Beta Cloud',
      'Acme Rockets',
      'acme anvils',
      'Delta',
      'Gamma',
    ]);
    expect(names(applyView(rows, view({ dir: 'desc' })))).toEqual([
      'Delta',
      'acme anvils',
      'Acme Rockets',
      'Beta Cloud',
      'Gamma',
    ]);
  });

  it('sorts by name (ignoring case), change, revenue and 12-month trend', () => {
    expect(names(applyView(rows, view({ sort: 'name' })))).toEqual([
      'acme anvils',
      'Acme Rockets',
      'Beta Cloud',
      'Delta',
      'Gamma',
    ]);
    expect(names(applyView(rows, view({ sort: 'change' })))).toEqual([
      'Acme Rockets',
      'acme anvils',
      'Delta',
      'Beta Cloud',
      'Gamma',
    ]);
    expect(names(applyView(rows, view({ sort: 'revenue', dir: 'desc' })))[0]).toBe('Beta Cloud');
    expect(names(applyView(rows, view({ sort: 'trend', dir: 'desc' })))[0]).toBe('Acme Rockets');
  });

  it('sorts by last upload, newest first when chosen, accounts never uploaded last', () => {
    const uploaded = rows.map((r, i) => ({ ...r, lastUpload: i === 3 ? null : `2026-0${i + 1}-15T10:00:00.000Z` }));
    expect(names(applyView(uploaded, view({ sort: 'lastUpload', dir: 'desc' })))).toEqual([
      'Delta',
      'Beta Cloud',
      'acme anvils',
      'Acme Rockets',
      'Gamma',
    ]);
    expect(names(applyView(uploaded, view({ sort: 'lastUpload', dir: 'asc' })))).toEqual([
      'Acme Rockets',
      'acme anvils',
      'Beta Cloud',
      'Delta',
      'Gamma',
    ]);
  });

  it('sorts accounts without a recorded revenue last, whichever the direction', () => {
    const some = rows.map((r) => (r.name === 'Beta Cloud' || r.name === 'Delta' ? { ...r, revenue: null } : r));
    expect(names(applyView(some, view({ sort: 'revenue', dir: 'desc' })))).toEqual([
      'acme anvils',
      'Acme Rockets',
      'Gamma',
      'Beta Cloud',
      'Delta',
    ]);
    expect(names(applyView(some, view({ sort: 'revenue', dir: 'asc' }))).slice(3)).toEqual(['Beta Cloud', 'Delta']);
  });

  it('filters by owner (someone, or no owner) and segment, and clears every filter but the sort', () => {
    const owned = [
      row('Acme Rockets', 47.7, { ownerId: 7, owner: 'Bo Ek', segment: 'Enterprise' }),
      row('Beta Cloud', 34.1, { ownerId: 8, owner: 'Al Oz', segment: 'SMB' }),
      row('Gamma', null, { segment: 'Enterprise' }),
    ];
    expect(names(applyView(owned, view({ owner: '7' })))).toEqual(['Acme Rockets']);
    expect(names(applyView(owned, view({ owner: 'none' })))).toEqual(['Gamma']);
    expect(names(applyView(owned, view({ segment: 'Enterprise', sort: 'name' })))).toEqual(['Acme Rockets', 'Gamma']);
    expect(names(applyView(owned, view({ owner: '8', segment: 'Enterprise' })))).toEqual([]);
    expect(names(applyView(owned, view({ sort: 'owner' })))).toEqual(['Beta Cloud', 'Acme Rockets', 'Gamma']);
    const cleared = clearFilters(view({ owner: '7', segment: 'SMB', search: 'x', sort: 'owner', dir: 'desc' }));
    expect(cleared).toEqual({ ...DEFAULT_VIEW, sort: 'owner', dir: 'desc' });
  });

  it('collapses the optional columns no account has a value for', () => {
    expect([...emptyColumns(rows)].sort()).toEqual(['owner', 'renewal', 'segment']);
    const some = [row('A', 50, { revenue: null, industry: null, region: null, renewal: '2026-01-31' }), row('B', 60)];
    expect([...emptyColumns(some)].sort()).toEqual(['owner', 'segment']);
    const none = [row('A', 50, { revenue: null, industry: null, region: null })];
    expect([...emptyColumns(none)].sort()).toEqual(['industry', 'owner', 'region', 'renewal', 'revenue', 'segment']);
  });

  it('filters by name, status, industry, region, health band and staleness, together', () => {
    expect(names(applyView(rows, view({ search: 'ACME', sort: 'name' })))).toEqual(['acme anvils', 'Acme Rockets']);
    expect(names(applyView(rows, view({ status: 'Risk' })))).toEqual(['Acme Rockets']);
    expect(names(applyView(rows, view({ status: 'none' })))).toEqual(['Gamma']);
    expect(names(applyView(rows, view({ industry: 'Technology' })))).toEqual(['Acme Rockets']);
    expect(names(applyView(rows, view({ region: 'APAC' })))).toEqual(['acme anvils']);
    expect(names(applyView(rows, view({ band: '70-85' })))).toEqual(['acme anvils']);
    expect(names(applyView(rows, view({ band: '85-100' })))).toEqual(['Delta']);
    expect(names(applyView(rows, view({ band: '20-40' })))).toEqual(['Beta Cloud']);
    expect(names(applyView(rows, view({ staleOnly: true })))).toEqual(['Beta Cloud']);
    expect(names(applyView(rows, view({ search: 'acme', region: 'EMEA' })))).toEqual(['Acme Rockets']);
  });
});

describe('portfolio summary', () => {
  it('counts statuses, adds up revenue at risk, averages each month and finds the movers of the newest month', () => {
    const s = summarize(rows, 3, '2025-09');
    expect(s.counts).toEqual({ Healthy: 2, Risk: 1, Critical: 1, none: 1 });
    expect(s.revenue).toEqual({ total: 5610, risk: 500, critical: 3000, atRiskUnrecorded: 0 });
    expect(s.average[0]).toBeCloseTo((40 + 73.8 + 85) / 3, 9);
    // Each month as the portfolio stood at its end: Delta (July, within the stale limit) carried forward.
    expect(s.average[2]).toBeCloseTo((47.7 + 71.4 + 34.1 + 85) / 4, 9);
    expect(s.averageCounts).toEqual([3, 4, 4]);
    expect(s.snapshots.map((m) => m.carried)).toEqual([0, 1, 1]);
    expect(s.snapshots.every((m) => m.active === 5 && !m.partial)).toBe(true);
    // Delta's newest data is from July: not a mover of September; a change of 0 is no move.
    expect(names(s.movers.up)).toEqual(['Beta Cloud']);
    expect(names(s.movers.down)).toEqual(['Acme Rockets', 'acme anvils']);
  });
});

describe('portfolio summary beside a status filter', () => {
  it('counts every filter but the status, so the other statuses stay in view; the table gets the status too', () => {
    const v = { ...DEFAULT_VIEW, region: 'EMEA', status: 'Critical' as const };
    const { context, shown } = sliceRows(rows, v);
    expect(names(shown)).toEqual(['Beta Cloud']);
    expect(names(context).sort()).toEqual(['Acme Rockets', 'Beta Cloud', 'Delta', 'Gamma']);
    const s = summarize(context, 3, '2025-09');
    expect(s.counts).toEqual({ Healthy: 1, Risk: 1, Critical: 1, none: 1 });
    expect(s.revenue).toMatchObject({ risk: 500, critical: 3000 });
    // Without a status the two are the same rows.
    const all = sliceRows(rows, { ...v, status: '' });
    expect(all.shown).toEqual(all.context);
  });

  it('leaves revenue not recorded out of the sums and says how many at-risk accounts have none', () => {
    const some = rows.map((r) => (r.name === 'Beta Cloud' || r.name === 'Delta' ? { ...r, revenue: null } : r));
    const s = summarize(some, 3, '2025-09');
    expect(s.revenue).toEqual({ total: 2510, risk: 500, critical: 0, atRiskUnrecorded: 1 });
  });
});

describe('remembered view', () => {
  it('keeps filters and sort per workspace, and falls back to the default on anything damaged', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
    };
    const v = view({ search: 'acme', status: 'Critical', region: 'EMEA', band: '40-55', sort: 'revenue', dir: 'desc' });
    saveView(7, v, storage);
    expect(loadView(7, storage)).toEqual(v);
    expect(loadView(8, storage)).toEqual(DEFAULT_VIEW);
    store.set('kpi.portfolio.view.9', '{"sort":"drop table","status":"Purple","band":"x","dir":"sideways"}');
    expect(loadView(9, storage)).toEqual(DEFAULT_VIEW);
    store.set('kpi.portfolio.view.10', 'not json');
    expect(loadView(10, storage)).toEqual(DEFAULT_VIEW);
  });
});
