import type { AccountDashboard } from '../../shared/channels/dashboard';
import { fmtDate, fmtMoney, fmtMonth } from '../components/format';
import { useQuery } from '../data/useQuery';
import { RunningPlaybooksBadge } from '../playbooks/dashboard';
import { errorMessage, type Route, useApp } from '../store';
import { AccountSections } from './AccountSections';
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
  return (
    <section className="screen dash account">
      {back}
      <AccountHead dash={dash} />
      <AccountSections dash={dash} receipt={receipt} section={route.section} />
    </section>
  );
}

/** The account's name and facts, its last upload, and the month on view. */
function AccountHead({ dash }: { dash: AccountDashboard }) {
  const navigate = useApp((s) => s.navigate);
  const route = useApp((s) => s.route) as AccountRoute;
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
              onChange={(e) => navigate({ ...route, month: e.target.value })}
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
