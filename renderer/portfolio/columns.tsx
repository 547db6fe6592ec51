import { useMemo } from 'react';
import type { Portfolio, PortfolioRow } from '../../shared/channels/dashboard';
import { Sparkline } from '../charts/Sparkline';
import { Change } from '../components/Change';
import { fmtDate, fmtHealth, fmtMonth, fmtScore } from '../components/format';
import { Money } from '../components/Money';
import { StatusChip } from '../components/StatusChip';
import type { Column } from '../components/VirtualTable';
import { RunningPlaybooksBadge } from '../playbooks/dashboard';
import { trendOf } from './model';

/** The portfolio table's columns (memoised: the rows are not re-rendered while scrolling). */
export function usePortfolioColumns(data: Portfolio, open: (r: PortfolioRow) => void): Column<PortfolioRow>[] {
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
        width: '148px', // '79.4 ● Healthy' on one line, the widest chip
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
