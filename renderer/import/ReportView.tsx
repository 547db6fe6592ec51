import { useEffect, useRef } from 'react';
import type { ImportReport } from '../../shared/channels/import';
import { fmtCount } from '../../shared/format';
import { fmtMonth } from '../components/format';
import { useApp } from '../store';
import { ACCOUNTS_NAMED, importedSummary, plural } from './importText';
import { IssueList } from './MappingEditor';
import { ReportChanges } from './ReportChanges';

export function ReportView({ report }: { report: ImportReport }) {
  const navigate = useApp((s) => s.navigate);
  const heading = useRef<HTMLHeadingElement>(null);
  // The report replaces the progress card: its heading takes the focus and comes into view, with
  // its actions beside it, above the toasts' corner.
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'start' });
  }, []);
  const single = report.uploads.length === 1 ? report.uploads[0] : null;
  return (
    <section className="card import-report" aria-labelledby="report-title">
      <div className="row space-between import-head">
        <h2 id="report-title" ref={heading} tabIndex={-1}>
          {report.alreadyImported ? 'Already imported' : 'Import report'}
        </h2>
        <div className="row">
          {single && (
            <button
              type="button"
              onClick={() => navigate({ view: 'account', accountId: single.accountId, month: report.period })}
            >
              Open {single.accountName}
            </button>
          )}
          <button type="button" className="primary" onClick={() => navigate({ view: 'portfolio' })}>
            View the portfolio
          </button>
        </div>
      </div>
      {report.alreadyImported ? (
        <>
          <p>
            {report.fileName} was already imported for {fmtMonth(report.period)}; nothing was stored twice.
          </p>
          <ul className="plain-list">
            {report.skippedAccounts.map((s) => (
              <li key={s.name}>
                {s.name}: {s.reason}.
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <p>
            {report.fileName}, {fmtMonth(report.period)}: {importedSummary(report)}.
          </p>
          {report.skippedAccounts.length > 0 && (
            <p className="muted">Skipped: {report.skippedAccounts.map((s) => `${s.name} (${s.reason})`).join('; ')}.</p>
          )}
          <ReportChanges report={report} />
          <SheetsTable sheets={report.sheets} />
          <p className="muted">
            Months: {report.months.map(fmtMonth).join(', ')}. Accounts:{' '}
            {report.uploads
              .slice(0, ACCOUNTS_NAMED)
              .map((u) => `${u.accountName} (v${u.version})`)
              .join(', ')}
            {report.uploads.length > ACCOUNTS_NAMED
              ? ` and ${plural(report.uploads.length - ACCOUNTS_NAMED, 'more account')}.`
              : '.'}
          </p>
        </>
      )}
      {report.skipped.length > 0 && (
        <p className="muted">Skipped sheets: {report.skipped.map((s) => `${s.sheet} (${s.reason})`).join('; ')}</p>
      )}
      <IssueList issues={report.issues} />
    </section>
  );
}

function SheetsTable({ sheets }: { sheets: ImportReport['sheets'] }) {
  return (
    <table className="table compact" aria-label="Sheets imported">
      <thead>
        <tr>
          <th scope="col">Sheet</th>
          <th scope="col" className="num">
            Rows read
          </th>
          <th scope="col" className="num">
            KPIs imported
          </th>
          <th scope="col" className="num">
            Notes skipped
          </th>
        </tr>
      </thead>
      <tbody>
        {sheets.map((s) => (
          <tr key={s.name}>
            <td>{s.name}</td>
            <td className="num">{fmtCount(s.rowsRead)}</td>
            <td className="num">{fmtCount(s.kpisImported)}</td>
            <td className="num">{fmtCount(s.notesSkipped)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
