import type { AccountDashboard } from '../../shared/channels/dashboard';
import type { ScoreReceipt } from '../../shared/channels/scoring';
import { formatChange } from '../../shared/scoring';
import { call } from '../api';
import { Change } from '../components/Change';
import { saveExport } from '../components/exportFile';
import { fmtDate, fmtMoney, fmtMonth, fmtScore, fmtSigned, ofCount } from '../components/format';
import { StatusChip } from '../components/StatusChip';
import { useQuery } from '../data/useQuery';
import { UploadHistory } from '../import/UploadHistory';
import { AccountPlaybooks, RunningPlaybooksBadge } from '../playbooks/dashboard';
import { errorMessage, type Route, useApp } from '../store';
import { CategoryCard, TrendCard } from './charts';
import { KpiTable } from './KpiTable';
import { Receipt } from './Receipt';
import '../components/dashboard.css';
import './account.css';

type AccountRoute = Extract<Route, { view: 'account' }>;

/** One account: its health for a month, how it got there, and what would change it. */
export function AccountScreen() {
  const route = useApp((s) => s.route) as AccountRoute;
  const navigate = useApp((s) => s.navigate);
  const { accountId, month } = route;
  const dashboard = useQuery('dashboard.account', { accountId, month }, { toast: false });
  // an account without any score has no receipt
  const receipt = useQuery('scoring.explain', { accountId, month }, { emptyOn: ['not_found'] }).data ?? null;
  const dash = dashboard.data;
  const failed = dashboard.error ? errorMessage(dashboard.error) : null;

  const back = (
    <button type="button" className="link-button back-link" onClick={() => navigate({ view: 'portfolio' })}>
      ← Portfolio
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
  if (!dash || dash.account.id !== accountId) {
    return (
      <section className="screen" aria-busy="true">
        {back}
        <p className="muted">Loading…</p>
      </section>
    );
  }
  const a = dash.account;
  return (
    <section className="screen dash account">
      {back}
      <AccountHead dash={dash} />
      {!dash.month || !receipt ? (
        <div className="empty-state">
          <p>{a.name} has no KPI data yet.</p>
          <button type="button" className="primary" onClick={() => navigate({ view: 'import' })}>
            Import a workbook
          </button>
        </div>
      ) : (
        <>
          <OverallCard receipt={receipt} />
          <div className="account-grid">
            <CategoryCard receipt={receipt} />
            <TrendCard dash={dash} />
          </div>
          <KpisCard receipt={receipt} dash={dash} />
          <Receipt receipt={receipt} />
        </>
      )}
      <AccountPlaybooks accountId={accountId} />
      <details className="card account-uploads">
        <summary>
          <h2>Uploads</h2>
          <span className="muted">every version imported for {a.name}: save the original file or delete a version</span>
        </summary>
        <UploadHistory accountId={accountId} />
      </details>
    </section>
  );
}

/** The account's name and facts, its last upload, and the month on view. */
function AccountHead({ dash }: { dash: AccountDashboard }) {
  const navigate = useApp((s) => s.navigate);
  const a = dash.account;
  const facts = [a.industry, a.region, a.revenue ? `${fmtMoney(a.revenue)} revenue` : null].filter(Boolean).join(' · ');
  return (
    <header className="screen-head">
      <div>
        <h1>
          {a.name} <RunningPlaybooksBadge accountId={a.id} />
        </h1>
        <p className="muted subtitle">
          {facts || 'No industry, region or revenue recorded'}
          {!a.active && ' · deactivated'}
          {dash.lastUpload &&
            ` · last upload v${dash.lastUpload.version}${dash.lastUpload.fileName ? ` (${dash.lastUpload.fileName})` : ''} on ${fmtDate(dash.lastUpload.uploadedAt)}`}
        </p>
      </div>
      {dash.month && (
        <div className="toolbar">
          <label className="inline-field">
            <span>Month</span>
            <select
              aria-label="Month"
              value={dash.month}
              onChange={(e) => navigate({ view: 'account', accountId: a.id, month: e.target.value })}
            >
              {[...dash.months].reverse().map((m) => (
                <option key={m} value={m}>
                  {fmtMonth(m)}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
    </header>
  );
}

/** The overall health of the month, its status and change, and how many KPIs count. */
function OverallCard({ receipt }: { receipt: ScoreReceipt }) {
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
        <button
          type="button"
          className="link-button"
          onClick={() => document.getElementById('receipt-h')?.scrollIntoView({ block: 'start' })}
        >
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
  const accountId = dash.account.id;
  const exportAs = (format: 'xlsx' | 'csv') =>
    saveExport(call('dashboard.exportAccountKpis', { accountId, month: receipt.month, format }));
  return (
    <section className="card" aria-labelledby="kpis-h">
      <div className="card-head">
        <h2 id="kpis-h">KPIs, {fmtMonth(receipt.month)}</h2>
        <div className="toolbar">
          <button type="button" onClick={() => exportAs('xlsx')}>
            Export KPIs xlsx
          </button>
          <button type="button" onClick={() => exportAs('csv')}>
            Export KPIs CSV
          </button>
        </div>
      </div>
      <KpiTable
        receipt={receipt}
        dash={dash}
        onOpen={(k) => navigate({ view: 'kpi', accountId, kpi: k.name, category: k.category })}
      />
    </section>
  );
}
