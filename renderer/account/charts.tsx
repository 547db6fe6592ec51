import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import type { AccountDashboard } from '../../shared/channels/dashboard';
import type { ScoreReceipt } from '../../shared/channels/scoring';
import { statusOf } from '../../shared/scoring';
import { ChartCanvas } from '../charts/ChartCanvas';
import { healthBands, scoreAxis } from '../charts/health';
import { type ChartTheme, useChartTheme } from '../charts/theme';
import { fmtMonth, fmtPercent, fmtScore } from '../components/format';
import { StatusChip } from '../components/StatusChip';

const pct = fmtPercent;
const slug = (s: string) => s.replace(/[^\w-]+/g, '-').toLowerCase();

const statusColor = (theme: ChartTheme, score: number | null) => {
  if (score == null) return theme.muted;
  const s = statusOf(score);
  return s === 'Healthy' ? theme.healthy : s === 'Risk' ? theme.risk : theme.critical;
};

/** Category scores of the month with their weights: a bar chart and the same as a table. */
export function CategoryCard({ receipt }: { receipt: ScoreReceipt }) {
  const theme = useChartTheme();
  const cats = receipt.categories;
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: cats.map((c) => c.category),
        datasets: [
          {
            label: 'Score',
            data: cats.map((c) => c.score),
            backgroundColor: cats.map((c) => statusColor(theme, c.score)),
            borderRadius: 3,
            barThickness: 16,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        plugins: { legend: { display: false } },
        scales: {
          x: { min: 0, max: 100, ticks: { color: theme.muted, stepSize: 20 }, grid: { color: theme.grid } },
          y: { ticks: { color: theme.text, font: { size: 12 } }, grid: { display: false } },
        },
      },
    }),
    [cats, theme],
  );
  return (
    <section className="card" aria-labelledby="cats-h">
      <h2 id="cats-h">Category scores</h2>
      <ChartCanvas
        config={config}
        label={`Category scores of ${receipt.accountName}, ${fmtMonth(receipt.month)}`}
        title={`Category scores · ${receipt.accountName}, ${fmtMonth(receipt.month)}`}
        fileName={`${slug(receipt.accountName)}-categories-${receipt.month}.png`}
        height={Math.max(140, cats.length * 30 + 30)}
        summary={cats.map((c) => `${c.category}: ${fmtScore(c.score)}`).join(', ')}
      />
      <table className="table compact" aria-label="Category scores">
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col" className="num">
              Weight
            </th>
            <th scope="col" className="num" title="KPIs scored of the category's KPIs">
              KPIs
            </th>
          </tr>
        </thead>
        <tbody>
          {cats.map((c) => (
            <tr key={c.category}>
              <th scope="row">{c.category}</th>
              <td className="num nowrap">
                {fmtScore(c.score)} <StatusChip status={c.score != null ? statusOf(c.score) : null} />
              </td>
              <td className="num" title={c.shareOfOverall != null ? `${pct(c.shareOfOverall)} of the overall` : ''}>
                {receipt.inputs.categoryWeights ? pct(c.weight) : 'equal'}
              </td>
              <td className="num nowrap">
                {c.validKpis} / {c.totalKpis}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Line patterns and point shapes of the category lines, so that they differ without colour too. */
const DASHES = [
  [6, 3],
  [2, 3],
  [10, 3, 2, 3],
  [4, 4],
  [12, 4],
  [2, 6],
  [8, 2, 2, 2, 2, 2],
];
const POINTS = ['rect', 'triangle', 'rectRot', 'crossRot', 'star', 'cross', 'rectRounded'] as const;

/** The health trend over every month: the overall (bold, solid) and each category (its own dash and shape). */
export function TrendCard({ dash }: { dash: AccountDashboard }) {
  const theme = useChartTheme();
  const config = useMemo<ChartConfiguration>(() => {
    const values = dash.trend.flatMap((t) => [t.overall, ...Object.values(t.categories)]);
    return {
      type: 'line',
      data: {
        labels: dash.trend.map((t) => fmtMonth(t.month)),
        datasets: [
          {
            label: 'Overall',
            data: dash.trend.map((t) => t.overall),
            borderColor: theme.text,
            backgroundColor: theme.text,
            borderWidth: 3,
            pointRadius: 3,
            pointStyle: 'circle',
          },
          ...dash.categories.map((c, i) => ({
            label: c,
            data: dash.trend.map((t) => t.categories[c] ?? null),
            borderColor: theme.series[i % theme.series.length],
            backgroundColor: theme.series[i % theme.series.length],
            borderWidth: 1.5,
            borderDash: DASHES[i % DASHES.length],
            pointStyle: POINTS[i % POINTS.length],
            pointRadius: 3,
            spanGaps: true,
          })),
        ],
      },
      options: {
        plugins: {
          legend: {
            position: 'bottom',
            labels: { color: theme.text, usePointStyle: true, pointStyleWidth: 14, boxHeight: 7, font: { size: 11 } },
          },
          tooltip: { mode: 'index', intersect: false },
        },
        scales: {
          x: { ticks: { color: theme.muted, maxRotation: 0, autoSkipPadding: 10 }, grid: { display: false } },
          y: { ...scoreAxis(values), ticks: { color: theme.muted, stepSize: 10 }, grid: { color: theme.grid } },
        },
      },
      plugins: [healthBands(theme)],
    };
  }, [dash, theme]);
  const first = dash.trend[0];
  const last = dash.trend[dash.trend.length - 1];
  return (
    <section className="card" aria-labelledby="trend-h">
      <h2 id="trend-h">Health trend</h2>
      {dash.trend.length === 0 ? (
        <p className="muted">No month has a score yet.</p>
      ) : (
        <ChartCanvas
          config={config}
          label={`Health trend of ${dash.account.name}`}
          title={`Health trend · ${dash.account.name}, ${fmtMonth(first.month)} – ${fmtMonth(last.month)}`}
          fileName={`${slug(dash.account.name)}-health-trend.png`}
          height={300}
          summary={`Overall from ${fmtScore(first.overall)} in ${fmtMonth(first.month)} to ${fmtScore(last.overall)} in ${fmtMonth(last.month)}`}
        />
      )}
    </section>
  );
}
