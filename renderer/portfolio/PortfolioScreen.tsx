import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Portfolio, PortfolioRow } from '../../shared/channels/dashboard';
import { call } from '../api';
import { saveExport } from '../components/exportFile';
import { fmtMonth, ofCount, plural } from '../components/format';
import { STATUS_ICON } from '../components/StatusChip';
import { VirtualTable } from '../components/VirtualTable';
import { useQuery } from '../data/useQuery';
import { RunningPlaybooksPanel } from '../playbooks/dashboard';
import { useApp } from '../store';
import { usePortfolioColumns } from './columns';
import { EmptyPortfolio } from './EmptyPortfolio';
import {
  clearFilters,
  DESC_FIRST,
  HEALTH_BANDS,
  isFiltered,
  loadView,
  type PortfolioView,
  type SortKey,
  type StatusFilter,
  saveView,
  sliceRows,
  sortRows,
  summarize,
} from './model';
import { Summary } from './Summary';
import '../components/dashboard.css';
import './portfolio.css';

/** The workspace home: every active account's health, with a summary above the list. */
export function PortfolioScreen() {
  const activeId = useApp((s) => s.activeId);
  const data = useQuery('dashboard.portfolio', {}, { enabled: activeId != null }).data;

  if (!data) {
    return (
      <section className="screen" aria-busy="true">
        <h1>Portfolio</h1>
        <p className="muted">Loading…</p>
      </section>
    );
  }
  if (!data.rows.some((r) => r.score != null)) return <EmptyPortfolio accounts={data.rows.length} />;
  return <PortfolioBody key={activeId} data={data} workspaceId={activeId} />;
}

/** The portfolio's view (filters and sort, kept per workspace) and the rows and summary it gives. */
function usePortfolioView(data: Portfolio, workspaceId: number | null) {
  const [view, setView] = useState<PortfolioView>(() => loadView(workspaceId));
  useEffect(() => {
    saveView(workspaceId, view);
  }, [workspaceId, view]);

  // Filtering and sorting apart: a sort leaves the summary (and its chart) as it is. The summary
  // counts every filter but the status, so choosing a status keeps the portfolio's shape in view.
  const { sort, dir, ...filters } = view;
  // The filters as one key: a sort alone leaves the slice (and the summary's chart) as it is.
  const filterKey = JSON.stringify(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: filterKey stands for the filters' values
  const sliced = useMemo(() => sliceRows(data.rows, filters), [data, filterKey]);
  const shown = useMemo(() => sortRows(sliced.shown, sort, dir), [sliced, sort, dir]);
  const summary = useMemo(
    () => summarize(sliced.context, data.window.length, data.latestMonth, 3, data.staleAfterMonths),
    [sliced.context, data],
  );
  const set = (patch: Partial<PortfolioView>) => setView((v) => ({ ...v, ...patch }));
  const sortBy = (key: string) =>
    setView((v) =>
      v.sort === key
        ? { ...v, dir: v.dir === 'asc' ? 'desc' : 'asc' }
        : { ...v, sort: key as SortKey, dir: DESC_FIRST.has(key as SortKey) ? 'desc' : 'asc' },
    );
  return { view, setView, set, sortBy, sliced, shown, summary };
}

function PortfolioBody({ data, workspaceId }: { data: Portfolio; workspaceId: number | null }) {
  const navigate = useApp((s) => s.navigate);
  const returnRow = useApp((s) => s.returnRow);
  const workspaceName = useApp((s) => s.workspaces.find((w) => w.id === s.activeId)?.name ?? 'Portfolio');
  const { view, setView, set, sortBy, sliced, shown, summary } = usePortfolioView(data, workspaceId);
  const open = useCallback(
    (r: PortfolioRow) => navigate({ view: 'account', accountId: r.id }, { fromRow: r.id }),
    [navigate],
  );
  const columns = usePortfolioColumns(data, open);

  return (
    <section className="screen dash portfolio">
      <PortfolioHead data={data} shown={shown} />
      <Summary
        data={data}
        summary={summary}
        contextCount={sliced.context.length}
        workspaceName={workspaceName}
        status={view.status}
        onStatus={(s) => set({ status: view.status === s ? '' : s })}
        onOpen={open}
      />

      <RunningPlaybooksPanel />

      <Filters data={data} view={view} set={set} />

      <VirtualTable
        label="Portfolio"
        rows={shown}
        rowKey={rowKey}
        columns={columns}
        sort={{ key: view.sort, dir: view.dir }}
        onSort={sortBy}
        maxHeight="none"
        rowHeight={40}
        focusKey={returnRow}
        onFocusKeyDone={forgetReturnRow}
        empty={
          <span>
            No account matches these filters.{' '}
            <button type="button" className="link-button" onClick={() => setView(clearFilters(view))}>
              Clear filters
            </button>
          </span>
        }
      />
    </section>
  );
}

const rowKey = (r: PortfolioRow) => r.id;
const forgetReturnRow = () => useApp.setState({ returnRow: null });

/** The heading, the count the filters leave, and the exports of the rows shown. */
function PortfolioHead({ data, shown }: { data: Portfolio; shown: PortfolioRow[] }) {
  const exportAs = (format: 'xlsx' | 'csv') =>
    saveExport(call('dashboard.exportPortfolio', { format, accountIds: shown.map((r) => r.id) }));
  return (
    <header className="screen-head">
      <div>
        <h1>Portfolio</h1>
        <p className="muted subtitle">
          {/* the count the filters leave, read out as they change */}
          <span role="status" data-testid="portfolio-count">
            {shown.length === data.rows.length
              ? plural(data.rows.length, 'active account')
              : ofCount(shown.length, data.rows.length, 'account')}
          </span>{' '}
          · newest data {fmtMonth(data.latestMonth)}
        </p>
      </div>
      <div className="toolbar">
        <button type="button" onClick={() => exportAs('xlsx')}>
          Export xlsx
        </button>
        <button type="button" onClick={() => exportAs('csv')}>
          Export CSV
        </button>
      </div>
    </header>
  );
}

function Filters(props: { data: Portfolio; view: PortfolioView; set: (p: Partial<PortfolioView>) => void }) {
  const { data, view, set } = props;
  return (
    <search className="toolbar portfolio-filters" aria-label="Filter accounts">
      <input
        type="search"
        aria-label="Search accounts by name"
        placeholder="Search by name…"
        value={view.search}
        onChange={(e) => set({ search: e.target.value })}
      />
      <select aria-label="Status" value={view.status} onChange={(e) => set({ status: e.target.value as StatusFilter })}>
        <option value="">All statuses</option>
        <option value="Healthy">{STATUS_ICON.Healthy} Healthy</option>
        <option value="Risk">{STATUS_ICON.Risk} Risk</option>
        <option value="Critical">{STATUS_ICON.Critical} Critical</option>
        <option value="none">No score</option>
      </select>
      <select aria-label="Industry" value={view.industry} onChange={(e) => set({ industry: e.target.value })}>
        <option value="">All industries</option>
        {data.industries.map((x) => (
          <option key={x}>{x}</option>
        ))}
      </select>
      <select aria-label="Region" value={view.region} onChange={(e) => set({ region: e.target.value })}>
        <option value="">All regions</option>
        {data.regions.map((x) => (
          <option key={x}>{x}</option>
        ))}
      </select>
      {data.owners.length > 0 && (
        <select aria-label="Owner" value={view.owner} onChange={(e) => set({ owner: e.target.value })}>
          <option value="">All owners</option>
          {data.owners.map((o) => (
            <option key={o.id} value={String(o.id)}>
              {o.name}
            </option>
          ))}
          <option value="none">No owner</option>
        </select>
      )}
      {data.segments.length > 0 && (
        <select aria-label="Segment" value={view.segment} onChange={(e) => set({ segment: e.target.value })}>
          <option value="">All segments</option>
          {data.segments.map((x) => (
            <option key={x}>{x}</option>
          ))}
        </select>
      )}
      <select aria-label="Health band" value={view.band} onChange={(e) => set({ band: e.target.value })}>
        <option value="">Any score</option>
        {HEALTH_BANDS.map((b) => (
          <option key={b.id} value={b.id}>
            {b.label}
          </option>
        ))}
      </select>
      <label className="check">
        <input type="checkbox" checked={view.staleOnly} onChange={(e) => set({ staleOnly: e.target.checked })} />
        Stale only
      </label>
      {isFiltered(view) && (
        <button type="button" className="link-button" onClick={() => set(clearFilters(view))}>
          Clear filters
        </button>
      )}
    </search>
  );
}
