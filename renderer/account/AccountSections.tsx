import { type ReactNode, useMemo, useState } from 'react';
import type { AccountDashboard } from '../../shared/channels/dashboard';
import type { ScoreReceipt } from '../../shared/channels/scoring';
import { formatChange } from '../../shared/scoring';
import { call } from '../api';
import { Change } from '../components/Change';
import { saveExport } from '../components/exportFile';
import { fmtMonth, fmtScore, fmtSigned, ofCount, plural } from '../components/format';
import { StatusChip } from '../components/StatusChip';
import { UploadHistory } from '../import/UploadHistory';
import { AccountPlaybooks } from '../playbooks/dashboard';
import { type Route, useApp } from '../store';
import { CategoryCard, TrendCard } from './charts';
import { KpiTable } from './KpiTable';
import { NotesCard } from './Notes';
import { Receipt } from './Receipt';
import {
  filterKpis,
  KPI_FILTERS,
  type KpiFilter,
  kpiFilterCounts,
  type SectionRef,
  sectionByKey,
  sectionOf,
} from './sections';
import { TimelineCard } from './Timeline';

type AccountRoute = Extract<Route, { view: 'account' }>;

interface SectionProps {
  dash: AccountDashboard;
  /** The month's score receipt; null when the account has no score yet. */
  receipt: ScoreReceipt | null;
  /** Shows another section. */
  go: (section: string) => void;
}

interface AccountSection extends SectionRef {
  render: (p: SectionProps) => ReactNode;
}

/**
 * The account page's sections, in the bar's order. A feature adds its section with one line here
 * (e.g. a timeline); the route keeps the one on view (`route.section`).
 */
export const ACCOUNT_SECTIONS: AccountSection[] = [
  {
    id: 'overview',
    label: 'Overview',
    render: (p) => <Scored {...p}>{(r) => <Overview {...p} receipt={r} />}</Scored>,
  },
  { id: 'kpis', label: 'KPIs', render: (p) => <Scored {...p}>{(r) => <KpisCard receipt={r} dash={p.dash} />}</Scored> },
  {
    id: 'receipt',
    label: 'Receipt and what-if',
    render: (p) => <Scored {...p}>{(r) => <Receipt receipt={r} />}</Scored>,
  },
  { id: 'playbooks', label: 'Playbooks', render: (p) => <AccountPlaybooks accountId={p.dash.account.id} /> },
  { id: 'uploads', label: 'Uploads', render: (p) => <Uploads dash={p.dash} /> },
  {
    id: 'timeline',
    label: 'Notes and timeline',
    render: (p) => (
      <>
        <NotesCard accountId={p.dash.account.id} />
        <TimelineCard accountId={p.dash.account.id} />
      </>
    ),
  },
];

/** The bar of sections (tabs, sticky at the top) and the section on view. */
export function AccountSections(props: { dash: AccountDashboard; receipt: ScoreReceipt | null; section?: string }) {
  const route = useApp((s) => s.route) as AccountRoute;
  const navigate = useApp((s) => s.navigate);
  const current = sectionOf(props.section, ACCOUNT_SECTIONS);
  const go = (section: string) => navigate({ ...route, section }, { replace: true });
  const onKey = (e: React.KeyboardEvent) => {
    const next = sectionByKey(e.key, current, ACCOUNT_SECTIONS);
    if (!next) return;
    e.preventDefault();
    go(next);
    document.getElementById(`section-tab-${next}`)?.focus();
  };
  const section = ACCOUNT_SECTIONS.find((s) => s.id === current);
  return (
    <>
      <div className="section-bar" role="tablist" aria-label="Account sections" onKeyDown={onKey}>
        {ACCOUNT_SECTIONS.map((s) => (
          <button
            key={s.id}
            id={`section-tab-${s.id}`}
            type="button"
            role="tab"
            className="section-tab"
            aria-selected={s.id === current}
            aria-controls="account-section"
            tabIndex={s.id === current ? 0 : -1}
            onClick={() => go(s.id)}
          >
            {s.label}
          </button>
        ))}
      </div>
      <div id="account-section" className="section-panel" role="tabpanel" aria-labelledby={`section-tab-${current}`}>
        {section?.render({ dash: props.dash, receipt: props.receipt, go })}
      </div>
    </>
  );
}

/** A section that needs the month's scores: an invitation to import when there are none. */
function Scored(props: SectionProps & { children: (receipt: ScoreReceipt) => ReactNode }) {
  const navigate = useApp((s) => s.navigate);
  if (props.dash.month && props.receipt) return <>{props.children(props.receipt)}</>;
  return (
    <div className="empty-state">
      <p>{props.dash.account.name} has no KPI data yet.</p>
      <button type="button" className="primary" onClick={() => navigate({ view: 'import' })}>
        Import a workbook
      </button>
    </div>
  );
}

function Overview(props: SectionProps & { receipt: ScoreReceipt }) {
  return (
    <>
      <OverallCard receipt={props.receipt} go={props.go} />
      <div className="account-grid">
        <CategoryCard receipt={props.receipt} />
        <TrendCard dash={props.dash} />
      </div>
    </>
  );
}

function Uploads({ dash }: { dash: AccountDashboard }) {
  return (
    <section className="card account-uploads" aria-labelledby="uploads-h">
      <h2 id="uploads-h">Uploads</h2>
      <p className="muted">
        Every version imported for {dash.account.name}: save the original file or delete a version.
      </p>
      <UploadHistory accountId={dash.account.id} />
    </section>
  );
}

/** The overall health of the month, its status and change, and how many KPIs count. */
function OverallCard({ receipt, go }: { receipt: ScoreReceipt; go: (section: string) => void }) {
  return (
    <section className="card overall-card" aria-label="Overall health">
      <div className="overall-main">
        <span className="muted small">Overall health, {fmtMonth(receipt.month)}</span>
        <span className="overall-score" data-testid="overall-score">
          {fmtScore(receipt.overall)}
        </span>
        <StatusChip status={receipt.status} />
        <Change value={receipt.change} since={receipt.previousMonth} className="big" />
      </div>
      <p className="muted small">
        {ofCount(receipt.validKpis, receipt.totalKpis, 'KPI')} scored
        {receipt.previousMonth && receipt.change != null && ` · ${formatChange(receipt, 5, fmtSigned)}`} ·{' '}
        <button type="button" className="link-button" onClick={() => go('receipt')}>
          See the score receipt and what-if
        </button>
      </p>
      {receipt.unweightedCategories.length > 0 && (
        <p className="small text-risk">
          Not counted in the overall (no category weight): {receipt.unweightedCategories.join(', ')}
        </p>
      )}
    </section>
  );
}

/** The KPI table of the month, with its exports. */
function KpisCard({ receipt, dash }: { receipt: ScoreReceipt; dash: AccountDashboard }) {
  const navigate = useApp((s) => s.navigate);
  const [filter, setFilter] = useState<KpiFilter>('all');
  const [unfold, setUnfold] = useState(false);
  const counts = useMemo(() => kpiFilterCounts(receipt.kpis), [receipt]);
  const shown = useMemo(() => filterKpis(receipt.kpis, filter, unfold), [receipt, filter, unfold]);
  const accountId = dash.account.id;
  const exportAs = (format: 'xlsx' | 'csv') =>
    saveExport(call('dashboard.exportAccountKpis', { accountId, month: receipt.month, format }));
  return (
    <section className="card" aria-labelledby="kpis-h">
      <div className="card-head">
        <h2 id="kpis-h">KPIs, {fmtMonth(receipt.month)}</h2>
        <div className="toolbar">
          <fieldset className="kpi-filters" aria-label="Show KPIs">
            {KPI_FILTERS.map((f) => (
              <button key={f.id} type="button" aria-pressed={filter === f.id} onClick={() => setFilter(f.id)}>
                {f.label} ({counts[f.id]})
              </button>
            ))}
          </fieldset>
          <button type="button" onClick={() => exportAs('xlsx')}>
            Export KPIs xlsx
          </button>
          <button type="button" onClick={() => exportAs('csv')}>
            Export KPIs CSV
          </button>
        </div>
      </div>
      {shown.rows.length === 0 ? (
        <p className="muted">No KPI of this month matches this filter.</p>
      ) : (
        <KpiTable
          receipt={receipt}
          dash={dash}
          rows={shown.rows}
          onOpen={(k) => navigate({ view: 'kpi', accountId, kpi: k.name, category: k.category })}
        />
      )}
      {(shown.folded > 0 || (unfold && filter === 'all' && counts.norange > 0)) && (
        <button
          type="button"
          className="link-button kpi-fold"
          aria-expanded={unfold}
          onClick={() => setUnfold(!unfold)}
        >
          {unfold
            ? `Fold the ${plural(counts.norange, 'KPI')} without a reference range`
            : `Show ${plural(shown.folded, 'more KPI')} without a reference range (counted, not scored)`}
        </button>
      )}
    </section>
  );
}
