import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ImportPreview, ImportReport } from '../../shared/channels/import';
import type { AccountRow } from '../../shared/contract';
import type { ColumnMapping } from '../../shared/import/columns';
import { ApiError, call } from '../api';
import { fmtMonth } from '../components/format';
import { reportError, useApp } from '../store';
import { IssueList, MappingEditor } from './MappingEditor';
import { UploadHistory } from './UploadHistory';

type Stage =
  | { kind: 'idle' }
  | { kind: 'working'; label: string; jobId: string; phase: string; cancellable: boolean }
  | { kind: 'preview'; preview: ImportPreview }
  | { kind: 'report'; report: ImportReport }
  | { kind: 'refused'; message: string };

const PHASE_LABEL: Record<string, string> = {
  reading: 'Reading the workbook…',
  checking: 'Checking sheets, columns and values…',
  saving: 'Saving…',
  scoring: 'Scoring…',
  done: 'Done',
};

let jobSeq = 0;

const PROPOSED_FROM: Record<NonNullable<ImportPreview['proposedAccount']>['from'], string> = {
  'file name': 'file name',
  title: 'title rows',
  'Account column': 'Account column',
};

export function ImportScreen() {
  const pendingFile = useApp((s) => s.pendingFile);
  const setPendingFile = useApp((s) => s.setPendingFile);
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [mappings, setMappings] = useState<Record<string, ColumnMapping>>({});
  const [period, setPeriod] = useState('');
  const [accountId, setAccountId] = useState<number | ''>('');
  const [createAccounts, setCreateAccounts] = useState(false);
  const [accounts, setAccounts] = useState<AccountRow[]>([]);
  const inputRef = useRef<HTMLInputElement>(null);
  const jobRef = useRef<string | null>(null);

  useEffect(() => {
    return window.kpi.onEvent((e) => {
      if (e.type !== 'progress' || e.jobId !== jobRef.current) return;
      setStage((s) => (s.kind === 'working' ? { ...s, phase: e.phase } : s));
    });
  }, []);

  const runPreview = useCallback(
    async (f: { name: string; bytes: Uint8Array }, maps: Record<string, ColumnMapping>) => {
      const jobId = `preview-${++jobSeq}`;
      jobRef.current = jobId;
      setStage({ kind: 'working', label: f.name, jobId, phase: 'reading', cancellable: true });
      try {
        const [preview, list] = await Promise.all([
          call('import.preview', {
            jobId,
            fileName: f.name,
            bytes: f.bytes,
            mappings: Object.keys(maps).length ? maps : undefined,
          }),
          call('accounts.list', { status: 'active' }),
        ]);
        if (jobRef.current !== jobId) return;
        setAccounts(list);
        setPeriod((p) => (p && preview.months.includes(p) ? p : preview.defaultPeriod));
        setAccountId((a) => a || preview.proposedAccount?.id || '');
        setStage({ kind: 'preview', preview });
      } catch (e) {
        if (jobRef.current !== jobId) return;
        if (e instanceof ApiError && e.code === 'cancelled') setStage({ kind: 'idle' });
        else setStage({ kind: 'refused', message: e instanceof Error ? e.message : String(e) });
      }
    },
    [],
  );

  const openFile = useCallback(
    async (f: File) => {
      const bytes = new Uint8Array(await f.arrayBuffer());
      const next = { name: f.name, bytes };
      setFile(next);
      setMappings({});
      setPeriod('');
      setAccountId('');
      setCreateAccounts(false);
      await runPreview(next, {});
    },
    [runPreview],
  );

  useEffect(() => {
    if (pendingFile) {
      setPendingFile(null);
      void openFile(pendingFile);
    }
  }, [pendingFile, setPendingFile, openFile]);

  const cancel = async () => {
    if (stage.kind !== 'working') return;
    jobRef.current = null;
    await call('import.cancel', { jobId: stage.jobId }).catch(() => undefined);
    setStage({ kind: 'idle' });
    useApp.getState().toast('info', 'Import cancelled: nothing was saved.');
  };

  const commit = async () => {
    if (!file || stage.kind !== 'preview') return;
    const preview = stage.preview;
    const jobId = `commit-${++jobSeq}`;
    jobRef.current = jobId;
    setStage({ kind: 'working', label: file.name, jobId, phase: 'reading', cancellable: false });
    try {
      const report = await call('import.commit', {
        jobId,
        fileName: file.name,
        bytes: file.bytes,
        period,
        accountId: preview.mode === 'corporate' && accountId ? accountId : undefined,
        createAccounts,
        mappings: Object.keys(mappings).length ? mappings : undefined,
      });
      setStage({ kind: 'report', report });
      useApp.getState().dataChanged();
      useApp
        .getState()
        .toast(
          'success',
          report.alreadyImported ? 'This file was already imported: nothing new to store.' : `Imported ${file.name}.`,
        );
    } catch (e) {
      reportError(e);
      setStage({ kind: 'preview', preview });
    }
  };

  return (
    <section className="screen">
      <header className="screen-head">
        <h1>Import</h1>
        <div className="row">
          <input
            ref={inputRef}
            type="file"
            accept=".xlsx,.xlsm,.csv"
            className="sr-only"
            aria-label="Workbook file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void openFile(f);
              e.target.value = '';
            }}
          />
          <button type="button" className="primary" onClick={() => inputRef.current?.click()}>
            Choose a workbook…
          </button>
        </div>
      </header>

      {stage.kind === 'idle' && (
        <div className="empty-state drop-zone">
          <p>
            <strong>Drop a KPI workbook anywhere on this window</strong>, or choose one.
          </p>
          <p className="muted">
            Excel .xlsx or CSV: one sheet per category, a KPI column, a Data column and month columns.
          </p>
        </div>
      )}

      {stage.kind === 'working' && (
        <div className="card progress-card" role="status" aria-live="polite">
          <h2>{stage.label}</h2>
          <Phases phase={stage.phase} />
          <p>{PHASE_LABEL[stage.phase] ?? stage.phase}</p>
          {stage.cancellable && (
            <button type="button" onClick={cancel}>
              Cancel
            </button>
          )}
        </div>
      )}

      {stage.kind === 'refused' && (
        <div className="card refused" role="alert">
          <h2>This file can't be imported</h2>
          <p>{stage.message}</p>
          <p className="muted">Nothing was saved.</p>
          <button type="button" onClick={() => inputRef.current?.click()}>
            Choose another file…
          </button>
        </div>
      )}

      {stage.kind === 'preview' && file && (
        <PreviewView
          preview={stage.preview}
          accounts={accounts}
          onAccountCreated={(a) => setAccounts((list) => [...list, a].sort((x, y) => x.name.localeCompare(y.name)))}
          period={period}
          setPeriod={setPeriod}
          accountId={accountId}
          setAccountId={setAccountId}
          createAccounts={createAccounts}
          setCreateAccounts={setCreateAccounts}
          onMapping={(sheet, mapping) => {
            const next = { ...mappings, [sheet]: mapping };
            setMappings(next);
            void runPreview(file, next);
          }}
          onCommit={commit}
          onCancel={() => setStage({ kind: 'idle' })}
        />
      )}

      {stage.kind === 'report' && <ReportView report={stage.report} />}

      <UploadHistory />
    </section>
  );
}

function Phases({ phase }: { phase: string }) {
  const order = ['reading', 'checking', 'saving', 'scoring', 'done'];
  const at = order.indexOf(phase);
  return (
    <progress max={order.length - 1} value={Math.max(0, at)} aria-label="Import progress">
      {phase}
    </progress>
  );
}

function PreviewView(props: {
  preview: ImportPreview;
  accounts: AccountRow[];
  onAccountCreated(a: AccountRow): void;
  period: string;
  setPeriod(p: string): void;
  accountId: number | '';
  setAccountId(id: number | ''): void;
  createAccounts: boolean;
  setCreateAccounts(v: boolean): void;
  onMapping(sheet: string, mapping: ColumnMapping): void;
  onCommit(): void;
  onCancel(): void;
}) {
  const p = props.preview;
  const kpiRows = p.sheets.reduce((s, x) => s + x.kpiRows, 0);
  const newAccounts = p.accounts.filter((a) => a.existingId == null);
  const [newName, setNewName] = useState('');
  const held = p.periods[props.period]?.alreadyImported ?? [];
  const periodOptions = useMemo(() => [...new Set([...p.months, p.defaultPeriod])].sort(), [p]);
  const blocked =
    !!p.blocked ||
    !props.period ||
    (p.mode === 'corporate' && !props.accountId) ||
    (p.mode === 'account_rollup' && newAccounts.length > 0 && !props.createAccounts);
  const addAccount = async () => {
    try {
      const a = await call('accounts.create', { name: newName });
      props.onAccountCreated(a);
      props.setAccountId(a.id);
      setNewName('');
      useApp.getState().dataChanged();
    } catch (e) {
      reportError(e);
    }
  };
  return (
    <div className="import-preview">
      <div className="card">
        <h2>{p.fileName}</h2>
        <p>
          {p.sheets.length} KPI sheet{p.sheets.length === 1 ? '' : 's'}, {kpiRows} KPI rows
          {p.months.length ? `, months ${fmtMonth(p.months[0])} to ${fmtMonth(p.months[p.months.length - 1])}` : ''}.
        </p>
        {p.blocked && (
          <p className="notice" role="alert">
            {p.blocked}
          </p>
        )}
        {held.length > 0 && (
          <p className="notice">
            This exact file was already imported for {fmtMonth(props.period)} ({held.map((a) => a.name).join(', ')}):
            importing it again stores nothing new.
          </p>
        )}
        <div className="form-grid">
          <label className="field">
            <span className="field-label">Period of the Data column</span>
            <select value={props.period} onChange={(e) => props.setPeriod(e.target.value)} aria-label="Period">
              {periodOptions.map((m) => (
                <option key={m} value={m}>
                  {fmtMonth(m)}
                </option>
              ))}
            </select>
          </label>
          {p.mode === 'corporate' ? (
            <div className="field">
              <label className="field-label" htmlFor="import-account">
                Account
              </label>
              <select
                id="import-account"
                value={props.accountId}
                onChange={(e) => props.setAccountId(e.target.value ? Number(e.target.value) : '')}
              >
                <option value="">Choose the account…</option>
                {props.accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                    {p.proposedAccount?.id === a.id ? ` (named in the ${PROPOSED_FROM[p.proposedAccount.from]})` : ''}
                  </option>
                ))}
              </select>
              {p.ambiguousAccounts.length > 0 && (
                <p className="muted">
                  The file names several accounts equally ({p.ambiguousAccounts.join(', ')}): choose the right one.
                </p>
              )}
              <div className="row">
                <input
                  aria-label="New account name"
                  placeholder="…or a new account"
                  value={newName}
                  onChange={(e) => setNewName(e.target.value)}
                />
                <button type="button" onClick={addAccount} disabled={!newName.trim()}>
                  Add
                </button>
              </div>
            </div>
          ) : (
            <div className="field">
              <span className="field-label">Accounts in this file ({p.accounts.length})</span>
              <ul className="account-chips" aria-label="Accounts in this file">
                {p.accounts.map((a) => (
                  <li key={a.name} className={a.existingId == null ? 'new' : undefined}>
                    {a.name} {a.existingId == null && <span className="badge">new</span>}
                    {a.inactive && <span className="badge">deactivated</span>}
                  </li>
                ))}
              </ul>
              {newAccounts.length > 0 && (
                <label className="radio">
                  <input
                    type="checkbox"
                    checked={props.createAccounts}
                    onChange={(e) => props.setCreateAccounts(e.target.checked)}
                  />
                  Create the {newAccounts.length} new account{newAccounts.length > 1 ? 's' : ''}
                </label>
              )}
            </div>
          )}
        </div>
        <div className="actions">
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={blocked} onClick={props.onCommit}>
            Import {kpiRows} KPIs
          </button>
        </div>
      </div>
      {p.skipped.length > 0 && (
        <div className="card">
          <h3>Sheets skipped</h3>
          <ul className="plain-list">
            {p.skipped.map((s) => (
              <li key={s.sheet}>
                <strong>{s.sheet}</strong>: {s.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <IssueList issues={p.issues} />
      {p.sheets.map((s) => (
        <MappingEditor key={s.name} sheet={s} onChange={(m) => props.onMapping(s.name, m)} />
      ))}
    </div>
  );
}

function ReportView({ report }: { report: ImportReport }) {
  const navigate = useApp((s) => s.navigate);
  return (
    <section className="card" aria-labelledby="report-title">
      <h2 id="report-title">{report.alreadyImported ? 'Already imported' : 'Import report'}</h2>
      {report.alreadyImported ? (
        <p>
          {report.fileName} was already imported for {fmtMonth(report.period)}; nothing was stored twice.
        </p>
      ) : (
        <>
          <p>
            {report.fileName}, {fmtMonth(report.period)}: {report.uploads.length} account
            {report.uploads.length === 1 ? '' : 's'} updated in {(report.durationMs / 1000).toFixed(1)} s
            {report.accountsCreated.length ? `, ${report.accountsCreated.length} created` : ''}.{' '}
            <span className="muted">
              (reading {(report.timings.read / 1000).toFixed(1)} s, checking {(report.timings.check / 1000).toFixed(1)}{' '}
              s, saving {(report.timings.store / 1000).toFixed(1)} s, scoring {(report.timings.score / 1000).toFixed(1)}{' '}
              s)
            </span>
          </p>
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
              {report.sheets.map((s) => (
                <tr key={s.name}>
                  <td>{s.name}</td>
                  <td className="num">{s.rowsRead}</td>
                  <td className="num">{s.kpisImported}</td>
                  <td className="num">{s.notesSkipped}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            Months: {report.months.map(fmtMonth).join(', ')}. Accounts:{' '}
            {report.uploads.map((u) => `${u.accountName} (v${u.version})`).join(', ')}.
          </p>
        </>
      )}
      {report.skipped.length > 0 && (
        <p className="muted">Skipped sheets: {report.skipped.map((s) => `${s.sheet} (${s.reason})`).join('; ')}</p>
      )}
      <IssueList issues={report.issues} />
      <div className="actions">
        <button type="button" className="primary" onClick={() => navigate({ view: 'portfolio' })}>
          View the portfolio
        </button>
      </div>
    </section>
  );
}
