import type { PortfolioRow } from '../../shared/channels/dashboard';
import { type Status, statusOf } from '../../shared/scoring';
import { type MonthSnapshot, monthSnapshots, snapshotChange, standingAt } from './snapshot';

/** The portfolio's filters and sort: pure functions over the rows, kept per workspace. */

export type SortKey =
  | 'name'
  | 'score'
  | 'change'
  | 'trend'
  | 'revenue'
  | 'industry'
  | 'region'
  | 'owner'
  | 'segment'
  | 'renewal'
  | 'latestMonth'
  | 'lastUpload';

export type StatusFilter = '' | Status | 'none';

export interface HealthBand {
  id: string;
  label: string;
  min: number;
  max: number;
}

/** Score bands, split at the status thresholds (40 and 70). */
export const HEALTH_BANDS: HealthBand[] = [
  { id: '0-20', label: 'Below 20', min: Number.NEGATIVE_INFINITY, max: 20 },
  { id: '20-40', label: '20 – 40', min: 20, max: 40 },
  { id: '40-55', label: '40 – 55', min: 40, max: 55 },
  { id: '55-70', label: '55 – 70', min: 55, max: 70 },
  { id: '70-85', label: '70 – 85', min: 70, max: 85 },
  { id: '85-100', label: '85 and above', min: 85, max: Number.POSITIVE_INFINITY },
];

export interface PortfolioView {
  search: string;
  status: StatusFilter;
  industry: string;
  region: string;
  /** '' (anyone), 'none' (no owner) or the owner's user id. */
  owner: string;
  segment: string;
  band: string;
  staleOnly: boolean;
  sort: SortKey;
  dir: 'asc' | 'desc';
}

export const DEFAULT_VIEW: PortfolioView = {
  search: '',
  status: '',
  industry: '',
  region: '',
  owner: '',
  segment: '',
  band: '',
  staleOnly: false,
  sort: 'score',
  dir: 'asc',
};

export const isFiltered = (v: PortfolioView) =>
  !!(v.search.trim() || v.status || v.industry || v.region || v.owner || v.segment || v.band || v.staleOnly);

/** The view with every filter cleared (the sort kept). */
export const clearFilters = (v: PortfolioView): PortfolioView => ({ ...DEFAULT_VIEW, sort: v.sort, dir: v.dir });

/** The change over the sparkline window: last score minus first. */
export function trendOf(r: PortfolioRow): number | null {
  let a: number | null = null;
  let b: number | null = null;
  for (const v of r.spark) {
    if (v == null) continue;
    if (a == null) a = v;
    b = v;
  }
  return a != null && b != null && a !== b ? b - a : a != null ? 0 : null;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

type Getter = (r: PortfolioRow) => string | number | null;
const GETTERS: Record<SortKey, Getter> = {
  name: (r) => r.name,
  score: (r) => r.score,
  change: (r) => r.change,
  trend: trendOf,
  revenue: (r) => r.revenue,
  industry: (r) => r.industry,
  region: (r) => r.region,
  owner: (r) => r.owner,
  segment: (r) => r.segment,
  renewal: (r) => r.renewal,
  latestMonth: (r) => r.latestMonth,
  lastUpload: (r) => r.lastUpload,
};
/** Sorts that read best largest first when chosen. */
export const DESC_FIRST: ReadonlySet<SortKey> = new Set(['revenue', 'latestMonth', 'lastUpload']);

const hasOwner = (r: PortfolioRow, owner: string) =>
  owner === 'none' ? r.ownerId == null : String(r.ownerId) === owner;

export type PortfolioFilters = Omit<PortfolioView, 'sort' | 'dir'>;

const hasStatus = (r: PortfolioRow, s: StatusFilter) => (s === 'none' ? r.status === null : r.status === s);

/** The rows that pass the filters (the summary above the list counts these, in any order). */
export function filterRows(rows: PortfolioRow[], v: PortfolioFilters): PortfolioRow[] {
  const needle = v.search.trim().toLocaleLowerCase();
  const band = HEALTH_BANDS.find((b) => b.id === v.band);
  return rows.filter((r) => {
    if (needle && !r.name.toLocaleLowerCase().includes(needle)) return false;
    if (v.status && !hasStatus(r, v.status)) return false;
    if (v.industry && r.industry !== v.industry) return false;
    if (v.region && r.region !== v.region) return false;
    if (v.owner && !hasOwner(r, v.owner)) return false;
    if (v.segment && r.segment !== v.segment) return false;
    if (band && (r.score == null || r.score < band.min || r.score >= band.max)) return false;
    if (v.staleOnly && !r.stale) return false;
    return true;
  });
}

/** Columns that show a detail some accounts may not have: collapsed when no account of the workspace has it. */
const OPTIONAL: Record<string, (r: PortfolioRow) => unknown> = {
  revenue: (r) => r.revenue,
  industry: (r) => r.industry,
  region: (r) => r.region,
  owner: (r) => r.owner,
  segment: (r) => r.segment,
  renewal: (r) => r.renewal,
};

/** The ids of the optional columns no row has a value for (what the table leaves out). */
export function emptyColumns(rows: PortfolioRow[]): Set<string> {
  const empty = new Set(Object.keys(OPTIONAL));
  for (const r of rows) {
    for (const id of empty) if (OPTIONAL[id](r) != null && OPTIONAL[id](r) !== '') empty.delete(id);
    if (!empty.size) break;
  }
  return empty;
}

/** Sorts the rows; missing values sort last either way, then by name. */
export function sortRows(rows: PortfolioRow[], sort: SortKey, dir: 'asc' | 'desc'): PortfolioRow[] {
  const get = GETTERS[sort] ?? GETTERS.score;
  const sign = dir === 'desc' ? -1 : 1;
  const keyed = rows.map((r) => ({ r, k: get(r) }));
  keyed.sort((a, b) => {
    if (a.k == null || b.k == null) {
      if (a.k == null && b.k == null) return collator.compare(a.r.name, b.r.name);
      return a.k == null ? 1 : -1;
    }
    const c =
      typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : collator.compare(String(a.k), String(b.k));
    return c !== 0 ? sign * c : collator.compare(a.r.name, b.r.name);
  });
  return keyed.map((x) => x.r);
}

/**
 * The rows the summary counts (every filter but the status: choosing a status in the distribution
 * keeps the portfolio's shape in view) and the rows the table shows (the status too).
 */
export function sliceRows(
  rows: PortfolioRow[],
  v: PortfolioFilters,
): { context: PortfolioRow[]; shown: PortfolioRow[] } {
  const context = filterRows(rows, { ...v, status: '' });
  return { context, shown: v.status ? context.filter((r) => hasStatus(r, v.status)) : context };
}

/** Filters, then sorts. */
export const applyView = (rows: PortfolioRow[], v: PortfolioView) => sortRows(filterRows(rows, v), v.sort, v.dir);

export interface PortfolioSummary {
  counts: Record<Status | 'none', number>;
  /** Revenue recorded (accounts without one add nothing), and how many Risk / Critical accounts have none. */
  revenue: { total: number; risk: number; critical: number; atRiskUnrecorded: number };
  /** Average overall per month of the window (null where no account has a score). */
  average: Array<number | null>;
  averageCounts: number[];
  /** Each month as the portfolio stood at its end (the trend, its tooltip and its hollow points). */
  snapshots: MonthSnapshot[];
  /** Accounts scored in the newest month, by change since where they stood the month before. */
  movers: { up: PortfolioRow[]; down: PortfolioRow[] };
}

/**
 * The distribution, revenue, trend and movers, all read from the same snapshot: the portfolio as it
 * stood at each month's end (latest scores not older than `staleLimit` months carried forward).
 */
export function summarize(
  rows: PortfolioRow[],
  windowLength: number,
  latestMonth: string | null,
  top = 3,
  staleLimit = 2,
) {
  const counts: PortfolioSummary['counts'] = { Healthy: 0, Risk: 0, Critical: 0, none: 0 };
  const revenue = { total: 0, risk: 0, critical: 0, atRiskUnrecorded: 0 };
  const snapshots = monthSnapshots(rows, windowLength, staleLimit);
  const movers: Array<{ r: PortfolioRow; c: number }> = [];
  for (const r of rows) {
    const standing = windowLength ? standingAt(r.spark, windowLength - 1, staleLimit) : null;
    const status = standing ? statusOf(standing.score) : windowLength ? null : r.status;
    counts[status ?? 'none']++;
    const money = r.revenue ?? 0;
    revenue.total += money;
    if (status === 'Risk') revenue.risk += money;
    if (status === 'Critical') revenue.critical += money;
    if (r.revenue == null && (status === 'Risk' || status === 'Critical')) revenue.atRiskUnrecorded++;
    const c = latestMonth && r.latestMonth === latestMonth ? snapshotChange(r.spark, staleLimit) : null;
    if (c != null && Math.abs(c) >= 0.05) movers.push({ r, c });
  }
  const byChange = movers.sort((a, b) => b.c - a.c);
  return {
    counts,
    revenue,
    average: snapshots.map((s) => s.average),
    averageCounts: snapshots.map((s) => s.count),
    snapshots,
    movers: {
      up: byChange
        .filter((m) => m.c > 0)
        .slice(0, top)
        .map((m) => m.r),
      down: byChange
        .filter((m) => m.c < 0)
        .reverse()
        .slice(0, top)
        .map((m) => m.r),
    },
  } satisfies PortfolioSummary;
}

// --- kept across restarts (Electron keeps localStorage) ------------------------------------------

const storageKey = (workspaceId: number | null) => `kpi.portfolio.view.${workspaceId ?? 'none'}`;

export function loadView(workspaceId: number | null, storage: Pick<Storage, 'getItem'> = localStorage): PortfolioView {
  try {
    const raw = storage.getItem(storageKey(workspaceId));
    if (!raw) return { ...DEFAULT_VIEW };
    const v = JSON.parse(raw) as Partial<PortfolioView>;
    const str = (x: unknown) => (typeof x === 'string' ? x : '');
    const sort = (Object.keys(GETTERS) as SortKey[]).includes(v.sort as SortKey) ? (v.sort as SortKey) : 'score';
    const status = (['', 'Healthy', 'Risk', 'Critical', 'none'] as const).includes(v.status as StatusFilter)
      ? (v.status as StatusFilter)
      : '';
    return {
      search: str(v.search),
      status,
      industry: str(v.industry),
      region: str(v.region),
      owner: str(v.owner),
      segment: str(v.segment),
      band: HEALTH_BANDS.some((b) => b.id === v.band) ? (v.band as string) : '',
      staleOnly: v.staleOnly === true,
      sort,
      dir: v.dir === 'desc' ? 'desc' : 'asc',
    };
  } catch {
    return { ...DEFAULT_VIEW };
  }
}

export function saveView(
  workspaceId: number | null,
  v: PortfolioView,
  storage: Pick<Storage, 'setItem'> = localStorage,
): void {
  try {
    storage.setItem(storageKey(workspaceId), JSON.stringify(v));
  } catch {
    // Storage full or disabled: the view simply is not remembered.
  }
}
