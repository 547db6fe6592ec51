import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import type { Portfolio, PortfolioRow } from '../../shared/channels/dashboard';
import { ChartCanvas } from '../charts/ChartCanvas';
import { healthBands, scoreAxis } from '../charts/health';
import { type ChartTheme, useChartTheme } from '../charts/theme';
import { Change } from '../components/Change';
import { fmtCount, fmtHealth, fmtMonth, ofCount, plural } from '../components/format';
import { Money } from '../components/Money';
import { STATUS_ICON } from '../components/StatusChip';
import type { StatusFilter, summarize } from './model';
import { RevenueAtRiskFigure } from './RevenueAtRisk';
import type { MonthSnapshot } from './snapshot';

type SummaryOf = ReturnType<typeof summarize>;

export interface SummaryProps {
  data: Portfolio;
  summary: SummaryOf;
  /** How many accounts the summary counts: all but those left out by filters other than status. */
  contextCount: number;
  workspaceName: string;
  status: StatusFilter;
  onStatus: (s: StatusFilter) => void;
  onOpen: (r: PortfolioRow) => void;
}

/** " (9 of 11 accounts)" when filters other than the status leave some accounts out, else "". */
const scopeOf = (p: SummaryProps) =>
  p.contextCount !== p.data.rows.length ? ` (${ofCount(p.contextCount, p.data.rows.length, 'account')})` : '';

/** The four cards above the portfolio table. */
export function Summary(props: SummaryProps) {
  return (
    <div className="summary-grid">
      <Distribution {...props} />
      <RevenueAtRisk summary={props.summary} />
      <AverageHealth {...props} />
      <Movers {...props} />
    </div>
  );
}

function Distribution(props: SummaryProps) {
  const { summary: s } = props;
  const scope = scopeOf(props);
  const total = s.counts.Healthy + s.counts.Risk + s.counts.Critical;
  return (
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
  );
}

function RevenueAtRisk({ summary: s }: { summary: SummaryOf }) {
  const atRisk = s.revenue.risk + s.revenue.critical;
  const unrecorded = s.revenue.atRiskUnrecorded;
  return (
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
  );
}

function AverageHealth(props: SummaryProps) {
  const { summary: s, data } = props;
  const theme = useChartTheme();
  const config = useMemo(() => averageChart(data.window, s.snapshots, theme), [data.window, s.snapshots, theme]);
  const scope = scopeOf(props);
  const period = data.window.length ? `${fmtMonth(data.window[0])} – ${fmtMonth(data.latestMonth)}` : '';
  return (
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
  );
}

function Movers(props: SummaryProps) {
  const { summary: s, data } = props;
  return (
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
  );
}

/** "48.4 · 9 of 11 accounts (2 carried forward)", the tooltip's and the summary's words. */
export function snapshotLine(m: MonthSnapshot): string {
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
