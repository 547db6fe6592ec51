import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import type { KpiHistory, UploadRef } from '../../shared/channels/dashboard';
import type { Range } from '../../shared/scoring';
import { rangeText } from '../account/KpiTable';
import { ChartCanvas } from '../charts/ChartCanvas';
import { type Band, bandsPlugin } from '../charts/plugins';
import { type ChartTheme, useChartTheme } from '../charts/theme';
import { fmtDate, fmtMonth, fmtNumber, fmtScore } from '../components/format';
import { StatusChip } from '../components/StatusChip';
import { useQuery } from '../data/useQuery';
import { errorMessage, type Route, useApp } from '../store';
import '../components/dashboard.css';
import '../account/account.css';
import './kpi.css';
import { KpiEditHistory, useEditedMonths } from '../account/KpiEditHistory';

type KpiRoute = Extract<Route, { view: 'kpi' }>;

/** The three bands of a range, from its bounds (either direction). */
export function rangeBands(r: Range, theme: Pick<ChartTheme, 'criticalBg' | 'riskBg' | 'healthyBg'>): Band[] {
  return [
    { from: r.criticalMin, to: r.criticalMax, color: theme.criticalBg, label: 'Critical' },
    { from: r.riskMin, to: r.riskMax, color: theme.riskBg, label: 'Risk' },
    { from: r.healthyMin, to: r.healthyMax, color: theme.healthyBg, label: 'Healthy' },
  ];
}

/** The y axis: the values, and the two inner thresholds so that all three bands show, with room. */
export function kpiAxis(values: number[], r: Range | null): { min: number; max: number } | Record<string, never> {
  const pts = [...values];
  if (r) pts.push(r.riskMin, r.riskMax);
  if (!pts.length) return {};
  let lo = Math.min(...pts);
  let hi = Math.max(...pts);
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.25;
  lo -= pad;
  hi += pad;
  if (r) {
    const outerLo = Math.min(r.criticalMin, r.healthyMin, r.criticalMax, r.healthyMax);
    const outerHi = Math.max(r.criticalMin, r.healthyMin, r.criticalMax, r.healthyMax);
    lo = Math.max(lo, Math.min(outerLo, ...values));
    hi = Math.min(hi, Math.max(outerHi, ...values));
  }
  // Round outwards to a step of 1, 2 or 5 times a power of ten.
  const raw = (hi - lo) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? raw;
  return { min: Math.floor(lo / step) * step, max: Math.ceil(hi / step) * step };
}

const uploadText = (u: UploadRef) =>
  `v${u.version}${u.fileName ? ` · ${u.fileName}` : ''}${u.uploadedAt ? ` · ${fmtDate(u.uploadedAt)}` : ''}`;

/** The KPI's values by month, each point in its status's colour, on the range's bands. */
/** The KPI's line chart; months corrected in the app (issue 13) are drawn as larger diamonds. */
export function kpiChartConfig(
  data: KpiHistory,
  theme: ChartTheme,
  edited: ReadonlySet<string> = new Set(),
): ChartConfiguration {
  const values = data.points.map((p) => p.value).filter((v): v is number => v != null);
  const color = theme.text;
  const statusColor = (s: string | null) =>
    s === 'Healthy' ? theme.healthy : s === 'Risk' ? theme.risk : s === 'Critical' ? theme.critical : theme.muted;
  return {
    type: 'line',
    data: {
      labels: data.points.map((p) => fmtMonth(p.month)),
      datasets: [
        {
          label: data.kpi,
          data: data.points.map((p) => p.value),
          borderColor: color,
          backgroundColor: data.points.map((p) => statusColor(p.status)),
          pointBorderColor: color,
          pointRadius: data.points.map((p) => (edited.has(p.month) ? 7 : 4)),
          pointStyle: data.points.map((p) => (edited.has(p.month) ? 'rectRot' : 'circle')),
          borderWidth: 2,
          spanGaps: true,
        },
      ],
    },
    options: {
      plugins: { legend: { display: false }, tooltip: { intersect: false, mode: 'index' } },
      scales: {
        x: {
          offset: true,
          ticks: { color: theme.muted, maxRotation: 0, autoSkipPadding: 10 },
          grid: { display: false },
        },
        y: {
          ...kpiAxis(values, data.range),
          title: { display: !!data.range, text: data.range?.unit ?? '', color: theme.muted },
          ticks: { color: theme.muted },
          grid: { color: theme.grid },
        },
      },
    },
    plugins: data.range ? [bandsPlugin(rangeBands(data.range, theme), theme.muted)] : [],
  };
}

/** One KPI of one account over time, on its Critical / Risk / Healthy bands, and where each value came from. */
export function KpiScreen() {
  const route = useApp((s) => s.route) as KpiRoute;
  const navigate = useApp((s) => s.navigate);
  const { accountId, kpi, category } = route;
  const edited = useEditedMonths(accountId, kpi, category);
  const history = useQuery('dashboard.kpi', { accountId, kpi, category }, { toast: false });
  const data = history.data ?? null;
  const failed = history.error ? errorMessage(history.error) : null;

  const back = (
    <button
      type="button"
      className="link-button back-link"
      onClick={() => navigate({ view: 'account', accountId, section: 'kpis' })}
    >
      ← {data?.accountName ?? 'Account'}
    </button>
  );
  if (failed) {
    return (
      <section className="screen">
        {back}
        <div className="empty-state">{failed}</div>
      </section>
    );
  }
  if (!data) {
    return (
      <section className="screen" aria-busy="true">
        {back}
        <p className="muted">Loading…</p>
      </section>
    );
  }
  return (
    <section className="screen dash kpi">
      {back}
      <KpiHead data={data} />
      <KpiChart data={data} edited={edited} />
      <KpiEditHistory accountId={accountId} kpi={kpi} category={category} />
      <ValuesTable data={data} />
    </section>
  );
}

function KpiHead({ data }: { data: KpiHistory }) {
  const last = data.points[data.points.length - 1];
  return (
    <header className="screen-head">
      <div>
        <h1>{data.kpi}</h1>
        <p className="muted subtitle">
          {data.accountName} · {data.category}
          {data.range &&
            ` · ${data.range.unit} · ${data.range.higherIsBetter ? 'higher is better' : 'lower is better'}`}
        </p>
      </div>
      {last && (
        <div className="kpi-latest">
          <span className="overall-score">{fmtNumber(last.value)}</span>
          <StatusChip status={last.status} />
          <span className="muted small">{fmtMonth(last.month)}</span>
        </div>
      )}
    </header>
  );
}

function KpiChart({ data, edited }: { data: KpiHistory; edited: ReadonlySet<string> }) {
  const theme = useChartTheme();
  const config = useMemo(() => kpiChartConfig(data, theme, edited), [data, theme, edited]);
  const last = data.points[data.points.length - 1];
  return (
    <section className="card" aria-labelledby="kpi-chart-h">
      <h2 id="kpi-chart-h">{data.kpi} over time</h2>
      <p className="muted small">{rangeText(data.range)}</p>
      <ChartCanvas
        config={config}
        label={`${data.kpi} of ${data.accountName} by month`}
        title={`${data.kpi} · ${data.accountName}, ${fmtMonth(data.points[0]?.month)} – ${fmtMonth(last?.month)}`}
        fileName={`${data.accountName}-${data.kpi}.png`.replace(/[^\w.-]+/g, '-').toLowerCase()}
        height={320}
        summary={data.points.map((p) => `${fmtMonth(p.month)}: ${fmtNumber(p.value)}`).join(', ')}
      />
    </section>
  );
}

function ValuesTable({ data }: { data: KpiHistory }) {
  return (
    <section className="card" aria-labelledby="kpi-values-h">
      <h2 id="kpi-values-h">Values and their uploads</h2>
      <table className="table compact" aria-label="Values by month">
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col">From upload</th>
            <th scope="col">Replaced</th>
          </tr>
        </thead>
        <tbody>
          {[...data.points].reverse().map((p) => (
            <tr key={p.month}>
              <th scope="row">{fmtMonth(p.month)}</th>
              <td className="num">{fmtNumber(p.value)}</td>
              <td>
                <StatusChip status={p.status} label={p.status ?? (p.value == null ? 'No value' : 'Not scored')} />
              </td>
              <td className="num">{fmtScore(p.score)}</td>
              <td>{uploadText(p.source)}</td>
              <td className="muted small">
                {p.superseded.length
                  ? p.superseded.map((s) => `${fmtNumber(s.value)} (v${s.version})`).join(', ')
                  : '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
