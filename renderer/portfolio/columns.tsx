import { type ReactNode, useMemo } from 'react';
import type { Portfolio, PortfolioRow } from '../../shared/channels/dashboard';
import { Sparkline } from '../charts/Sparkline';
import { Change } from '../components/Change';
import { fmtDate, fmtHealth, fmtMonth, fmtScore, plural } from '../components/format';
import { Money } from '../components/Money';
import { StatusChip } from '../components/StatusChip';
import type { Column } from '../components/VirtualTable';
import { RunningPlaybooksBadge } from '../playbooks/dashboard';
import { emptyColumns, type SortKey, trendOf } from './model';

/** The portfolio table's columns (memoised: the rows are not re-rendered while scrolling). */
export function usePortfolioColumns(data: Portfolio, open: (r: PortfolioRow) => void): Column<PortfolioRow>[] {
  const windowLabel = data.window.length
    ? `${fmtMonth(data.window[0])} to ${fmtMonth(data.window[data.window.length - 1])}`
    : '';
  const empty = useMemo(() => [...emptyColumns(data.rows)].join(','), [data.rows]);
  const staleLimit = data.staleAfterMonths;
  return useMemo(() => {
    return allColumns(open, windowLabel, staleLimit, new Set(empty.split(',')));
  }, [open, windowLabel, staleLimit, empty]);
}

interface Detail {
  key: SortKey;
  label: string;
  cell: (r: PortfolioRow) => ReactNode;
  /** The full text, for the pointer where the column is too narrow. */
  title: (r: PortfolioRow) => string;
}

const text = (get: (r: PortfolioRow) => string | null) => ({
  cell: (r: PortfolioRow) => get(r) ?? '–',
  title: (r: PortfolioRow) => get(r) ?? '',
});

const PAIRS: Array<{ id: string; width: string; align?: 'right'; details: [Detail, Detail] }> = [
  {
    id: 'revenue',
    width: '120px',
    align: 'right',
    details: [
      { key: 'revenue', label: 'Revenue', cell: (r) => <Money value={r.revenue} />, title: () => '' },
      { key: 'renewal', label: 'Renewal', ...text((r) => (r.renewal ? fmtDate(r.renewal) : null)) },
    ],
  },
  {
    id: 'industry',
    width: 'minmax(110px, 1fr)',
    details: [
      { key: 'industry', label: 'Industry', ...text((r) => r.industry) },
      { key: 'region', label: 'Region', ...text((r) => r.region) },
    ],
  },
  {
    id: 'owner',
    width: 'minmax(110px, 1fr)',
    details: [
      { key: 'owner', label: 'Owner', ...text((r) => r.owner) },
      { key: 'segment', label: 'Segment', ...text((r) => r.segment) },
    ],
  },
];

/** The detail columns: each shows its details that some account has, one per line, a sort each. */
function pairColumns(empty: Set<string>): Column<PortfolioRow>[] {
  return PAIRS.flatMap(({ id, width, align, details }) => {
    const shown = details.filter((d) => !empty.has(d.key));
    if (!shown.length) return [];
    return [
      {
        id,
        header: shown.map((d) => d.label).join(' / '),
        width,
        align,
        sorts: shown.map((d) => ({ key: d.key, label: d.label, title: `Sort by ${d.label.toLowerCase()}` })),
        cell: (r: PortfolioRow) => (
          <span className="cell-data cell-pair">
            {shown.map((d, i) => (
              <span key={d.key} className={i ? 'muted small' : undefined} title={d.title(r) || undefined}>
                {d.cell(r)}
              </span>
            ))}
          </span>
        ),
      },
    ];
  });
}

function allColumns(
  open: (r: PortfolioRow) => void,
  windowLabel: string,
  staleLimit: number,
  empty: Set<string>,
): Column<PortfolioRow>[] {
  return [
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
    // The account's details, two to a column so the table fits 1,280 pixels; a detail no account
    // has is left out, and a column with neither.
    ...pairColumns(empty),
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
            {r.stale && <StaleFlag month={r.latestMonth} limit={staleLimit} />}
          </span>
          <span className="muted small">uploaded {fmtDate(r.lastUpload)}</span>
        </span>
      ),
    },
  ];
}

/** "◷ Stale", described for the pointer and screen readers: "Newest data Sep 2025, more than 2 months ago". */
function StaleFlag({ month, limit }: { month: string | null; limit: number }) {
  const text = `Newest data ${fmtMonth(month)}, more than ${plural(limit, 'month')} ago`;
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
