import type { ChartConfiguration } from 'chart.js';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Portfolio, PortfolioRow } from '../../shared/channels/dashboard';
import { call } from '../api';
import { ChartCanvas } from '../charts/ChartCanvas';
import { healthBands, scoreAxis } from '../charts/health';
import { Sparkline } from '../charts/Sparkline';
import { type ChartTheme, useChartTheme } from '../charts/theme';
import { Change } from '../components/Change';
import { saveExport } from '../components/exportFile';
import { fmtCount, fmtDate, fmtHealth, fmtMonth, fmtScore, ofCount, plural } from '../components/format';
import { Money } from '../components/Money';
import { STATUS_ICON, StatusChip } from '../components/StatusChip';
import { type Column, VirtualTable } from '../components/VirtualTable';
import { useQuery } from '../data/useQuery';
import { RunningPlaybooksBadge, RunningPlaybooksPanel } from '../playbooks/dashboard';
import { useApp } from '../store';
import { EmptyPortfolio } from './EmptyPortfolio';
import {
  DEFAULT_VIEW,
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
  trendOf,
} from './model';
import { RevenueAtRiskFigure } from './RevenueAtRisk';
import type { MonthSnapshot } from './snapshot';

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

function PortfolioBody({ data, workspaceId }: { data: Portfolio; workspaceId: number | null }) {
  const navigate = useApp((s) => s.navigate);
  const returnRow = useApp((s) => s.returnRow);
  const workspaceName = useApp((s) => s.workspaces.find((w) => w.id === s.activeId)?.name ?? 'Portfolio');
  const [view, setView] = useState<PortfolioView>(() => loadView(workspaceId));
  useEffect(() => {
    saveView(workspaceId, view);
  }, [workspaceId, view]);

  // Filtering and sorting apart: a sort leaves the summary (and its chart) as it is. The summary
  // counts every filter but the status, so choosing a status keeps the portfolio's shape in view.
  const { search, status, industry, region, band, staleOnly, sort, dir } = view;
  const sliced = useMemo(
    () => sliceRows(data.rows, { search, status, industry, region, band, staleOnly }),
    [data, search, status, industry, region, band, staleOnly],
  );
  const shown = useMemo(() => sortRows(sliced.shown, sort, dir), [sliced, sort, dir]);
  const summary = useMemo(
    () => summarize(sliced.context, data.window.length, data.latestMonth),
    [sliced.context, data],
  );
  const open = useCallback(
    (r: PortfolioRow) => navigate({ view: 'account', accountId: r.id }, { fromRow: r.id }),
    [navigate],
  );
  const columns = useColumns(data, open);
  const set = (patch: Partial<PortfolioView>) => setView((v) => ({ ...v, ...patch }));
  const sortBy = (key: string) =>
    setView((v) =>
      v.sort === key
        ? { ...v, dir: v.dir === 'asc' ? 'desc' : 'asc' }
        : { ...v, sort: key as SortKey, dir: DESC_FIRST.has(key as SortKey) ? 'desc' : 'asc' },
    );

  return (
    <section className="screen dash portfolio">
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
          <button
            type="button"
            onClick={() =>
              saveExport(call('dashboard.exportPortfolio', { format: 'xlsx', accountIds: shown.map((r) => r.id) }))
            }
          >
            Export xlsx
          </button>
          <button
            type="button"
            onClick={() =>
              saveExport(call('dashboard.exportPortfolio', { format: 'csv', accountIds: shown.map((r) => r.id) }))
            }
          >
            Export CSV
          </button>
        </div>
      </header>

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
            <button type="button" className="link-button" onClick={() => setView({ ...DEFAULT_VIEW, sort: view.sort })}>
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

function useColumns(data: Portfolio, open: (r: PortfolioRow) => void): Column<PortfolioRow>[] {
  const windowLabel = data.window.length
    ? `${fmtMonth(data.window[0])} to ${fmtMonth(data.window[data.window.length - 1])}`
    : '';
  return useMemo(
    () => [
      {
        id: 'name',
        header: 'Account',
        width: 'minmax(150px, 1.6fr)',
        sortable: true,
        cell: (r) => (
          <span className="cell-name-wrap">
            <button type="button" className="link-button cell-name" title={r.name} onClick={() => open(r)}>
              {r.name}
            </button>
            <RunningPlaybooksBadge accountId={r.id} compact />
          </span>
        ),
      },
      {
        id: 'score',
        header: 'Health',
        width: '128px',
        sortable: true,
        cell: (r) => (
          <span className="cell-health">
            <span className="score">{fmtScore(r.score)}</span>
            <StatusChip status={r.status} />
          </span>
        ),
      },
      {
        id: 'change',
        header: 'Change',
        width: '76px',
        align: 'right',
        sortable: true,
        cell: (r) => <Change value={r.change} since={r.previousMonth} />,
      },
      {
        id: 'trend',
        header: '12 months',
        width: '104px',
        sortable: true,
        cell: (r) => (
          <Sparkline
            values={r.spark}
            width={88}
            minSpan={10}
            className={`spark-${(r.status ?? 'none').toLowerCase()}`}
            label={`Health of ${r.name}, ${windowLabel}: ${sparkText(r)}`}
          />
        ),
      },
      {
        id: 'revenue',
        header: 'Revenue',
        width: '108px',
        align: 'right',
        sortable: true,
        cell: (r) => <Money value={r.revenue} />,
      },
      {
        id: 'industry',
        header: 'Industry',
        width: 'minmax(120px, 1fr)',
        sortable: true,
        cell: (r) => <span title={r.industry ?? ''}>{r.industry ?? '–'}</span>,
      },
      {
        id: 'region',
        header: 'Region',
        width: 'minmax(120px, 1fr)',
        sortable: true,
        cell: (r) => <span title={r.region ?? ''}>{r.region ?? '–'}</span>,
      },
      {
        id: 'latestMonth',
        header: 'Data as of',
        width: '144px',
        // Two lines, two sorts: the newest month with data, and the last upload under it.
        sorts: [
          { key: 'latestMonth', label: 'Data as of', title: 'Sort by the newest month with data' },
          { key: 'lastUpload', label: 'Uploaded', title: 'Sort by the last upload date' },
        ],
        cell: (r) => (
          <span className="cell-data">
            <span>
              {fmtMonth(r.latestMonth)}
              {r.stale && <StaleFlag month={r.latestMonth} />}
            </span>
            <span className="muted small">uploaded {fmtDate(r.lastUpload)}</span>
          </span>
        ),
      },
    ],
    [open, windowLabel],
  );
}

/** "◷ Stale", described for the pointer and screen readers: "Newest data Sep 2025, more than 2 months ago". */
function StaleFlag({ month }: { month: string | null }) {
  const text = `Newest data ${fmtMonth(month)}, more than 2 months ago`;
  return (
    <span className="stale-flag" title={text}>
      <span aria-hidden="true">◷</span> Stale<span className="sr-only">: {text}</span>
    </span>
  );
}

function sparkText(r: PortfolioRow): string {
  const t = trendOf(r);
  const present = r.spark.filter((v) => v != null) as number[];
  if (!present.length) return 'no data';
  return `${present.length} months, from ${fmtScore(present[0])} to ${fmtScore(present[present.length - 1])}${
    t ? ` (${t > 0 ? '+' : ''}${fmtHealth(t)})` : ''
  }`;
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
        <button
          type="button"
          className="link-button"
          onClick={() => set({ search: '', status: '', industry: '', region: '', band: '', staleOnly: false })}
        >
          Clear filters
        </button>
      )}
    </search>
  );
}

function Summary(props: {
  data: Portfolio;
  summary: ReturnType<typeof summarize>;
  /** How many accounts the summary counts: all but those left out by filters other than status. */
  contextCount: number;
  workspaceName: string;
  status: StatusFilter;
  onStatus: (s: StatusFilter) => void;
  onOpen: (r: PortfolioRow) => void;
}) {
  const { summary: s, data } = props;
  const theme = useChartTheme();
  const config = useMemo(() => averageChart(data.window, s.snapshots, theme), [data.window, s.snapshots, theme]);
  const atRisk = s.revenue.risk + s.revenue.critical;
  const scope =
    props.contextCount !== data.rows.length ? ` (${ofCount(props.contextCount, data.rows.length, 'account')})` : '';
  const total = s.counts.Healthy + s.counts.Risk + s.counts.Critical;
  const unrecorded = s.revenue.atRiskUnrecorded;
  const period = data.window.length ? `${fmtMonth(data.window[0])} – ${fmtMonth(data.latestMonth)}` : '';
  return (
    <div className="summary-grid">
      <section className="card" aria-labelledby="dist-h">
        <h2 id="dist-h">Health distribution</h2>
        <ul className={`dist-list${props.status ? ' has-choice' : ''}`} aria-label="Accounts by status">
          {(['Healthy', 'Risk', 'Critical'] as const).map((st) => (
            <li key={st}>
              <button
                type="button"
                className={`dist-item dist-${st.toLowerCase()}`}
                aria-pressed={props.status === st}
                title={props.status === st ? 'Show every status' : `Show only ${st} accounts`}
                onClick={() => props.onStatus(st)}
                data-testid={`count-${st}`}
              >
                <span className="dist-count">{s.counts[st]}</span>
                <span className="dist-label">
                  <span aria-hidden="true">{STATUS_ICON[st]}</span> {st}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {total > 0 && (
          <div className="dist-bar" aria-hidden="true">
            {(['Healthy', 'Risk', 'Critical'] as const).map((st) =>
              s.counts[st] ? (
                <span
                  key={st}
                  className={`seg-${st.toLowerCase()}${props.status && props.status !== st ? ' seg-dim' : ''}`}
                  style={{ flexGrow: s.counts[st] }}
                />
              ) : null,
            )}
          </div>
        )}
        {(s.counts.none > 0 || scope) && (
          <p className="muted small">
            {[
              scope && `Of ${plural(props.contextCount, 'account')}`,
              s.counts.none > 0 && `${fmtCount(s.counts.none)} without a score yet`,
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="rar-h">
        <h2 id="rar-h">Revenue at risk</h2>
        <RevenueAtRiskFigure atRisk={atRisk} total={s.revenue.total} />
        <dl className="kv small">
          <dt>
            <span className="text-risk" aria-hidden="true">
              {STATUS_ICON.Risk}
            </span>{' '}
            Risk
          </dt>
          <dd>
            <Money value={s.revenue.risk} short />
          </dd>
          <dt>
            <span className="text-critical" aria-hidden="true">
              {STATUS_ICON.Critical}
            </span>{' '}
            Critical
          </dt>
          <dd>
            <Money value={s.revenue.critical} short />
          </dd>
        </dl>
        {unrecorded > 0 && s.revenue.total > 0 && (
          <p className="muted small" data-testid="revenue-unrecorded">
            {unrecorded} at-risk account{unrecorded === 1 ? ' has' : 's have'} no revenue recorded.
          </p>
        )}
      </section>

      <section className="card chart-card" aria-labelledby="avg-h">
        <h2 id="avg-h">Average health</h2>
        <ChartCanvas
          config={config}
          label="Average health by month"
          title={`Average health · ${props.workspaceName}${scope}, ${period}`}
          fileName={`average-health-${data.latestMonth ?? 'portfolio'}.png`}
          height={104}
          summary={s.snapshots
            .map((m, i) => (m.average == null ? null : `${fmtMonth(data.window[i])}: ${snapshotLine(m)}`))
            .filter(Boolean)
            .join(', ')}
        />
      </section>

      <section className="card" aria-labelledby="movers-h">
        <h2 id="movers-h">
          Biggest movers <span className="muted small">{fmtMonth(data.latestMonth)}</span>
        </h2>
        {s.movers.up.length + s.movers.down.length === 0 ? (
          <p className="muted small">No change since the month before.</p>
        ) : (
          <ul className="movers" aria-label="Biggest movers">
            {[...s.movers.up, ...s.movers.down].map((r) => (
              <li key={r.id}>
                <button type="button" className="link-button" title={r.name} onClick={() => props.onOpen(r)}>
                  {r.name}
                </button>
                <Change value={r.change} since={r.previousMonth} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** "48.4 · 9 of 11 accounts (2 carried forward)", the tooltip's and the summary's words. */
function snapshotLine(m: MonthSnapshot): string {
  const carried = m.carried ? ` (${m.carried} carried forward)` : '';
  const avg = m.average == null ? 'no score' : fmtHealth(m.average);
  return `${avg} · ${ofCount(m.count, m.active, 'account')}${carried}`;
}

function averageChart(window: string[], snapshots: MonthSnapshot[], theme: ChartTheme): ChartConfiguration {
  const average = snapshots.map((m) => m.average);
  const present = average.filter((v): v is number => v != null);
  const axis = scoreAxis(present);
  const partial = (i: number) => snapshots[i]?.partial ?? false;
  return {
    type: 'line',
    data: {
      labels: window.map(fmtMonth),
      datasets: [
        {
          label: 'Average health',
          data: average,
          borderColor: theme.accent,
          backgroundColor: theme.accent,
          borderWidth: 2,
          // A month covering under half the active accounts: hollow point, dashed segment into it.
          pointRadius: snapshots.map((m) => (m.partial ? 3 : 2)),
          pointBackgroundColor: snapshots.map((m) => (m.partial ? 'transparent' : theme.accent)),
          segment: { borderDash: (ctx) => (partial(ctx.p0DataIndex) || partial(ctx.p1DataIndex) ? [4, 3] : undefined) },
          spanGaps: true,
        },
      ],
    },
    options: {
      plugins: {
        legend: { display: false },
        tooltip: {
          intersect: false,
          mode: 'index',
          callbacks: {
            title: (items) => (items[0] ? fmtMonth(window[items[0].dataIndex]) : ''),
            label: (item) => {
              const m = snapshots[item.dataIndex];
              return m ? `Average health ${snapshotLine(m)}${m.partial ? ', under half' : ''}` : '';
            },
          },
        },
      },
      scales: {
        x: {
          ticks: { color: theme.muted, maxRotation: 0, autoSkipPadding: 12, font: { size: 10 } },
          grid: { display: false },
        },
        y: { ...axis, ticks: { color: theme.muted, font: { size: 10 }, stepSize: 10 }, grid: { color: theme.grid } },
      },
    },
    plugins: [healthBands(theme)],
  };
}
