import { useState } from 'react';
import { call } from '../api';
import { plural } from '../components/format';
import { reportError, useApp } from '../store';
import './portfolio.css';

/** A fresh workspace: invites a workbook, or loads the bundled samples through the real importer. */
export function EmptyPortfolio(props: { accounts: number }) {
  const navigate = useApp((s) => s.navigate);
  const [busy, setBusy] = useState(false);
  const loadSamples = async () => {
    setBusy(true);
    try {
      const reports = await call('import.loadSamples', {});
      const accounts = new Set(reports.flatMap((r) => r.uploads.map((u) => u.accountName))).size;
      useApp.getState().toast('success', `Sample data loaded: ${plural(accounts, 'account')} scored.`);
      useApp.getState().dataChanged();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="screen">
      <header className="screen-head">
        <h1>Portfolio</h1>
      </header>
      <div className="empty-state empty-portfolio">
        <div className="empty-icon" aria-hidden="true">
          ⇪
        </div>
        <h2>No KPI data yet</h2>
        <p>
          Drop a KPI workbook (.xlsx or .csv) anywhere on this window to import it
          {props.accounts > 0 ? `: your ${plural(props.accounts, 'account')} have no scores yet.` : '.'}
        </p>
        <div className="row center">
          <button type="button" className="primary" onClick={() => navigate({ view: 'import' })}>
            Import a workbook
          </button>
          <button type="button" onClick={loadSamples} disabled={busy} aria-busy={busy}>
            {busy ? 'Loading sample data…' : 'Load sample data'}
          </button>
        </div>
        <p className="muted small">
          The samples are one corporate workbook (TechCorp Solutions, January to September 2025) and one roll-up of ten
          ACME accounts (July to September 2025).
        </p>
      </div>
    </section>
  );
}
