import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ImportPreview, ImportReport, SheetPreview } from '../../shared/channels/import';
import type { AccountRow } from '../../shared/contract';
import type { ColumnMapping } from '../../shared/import/columns';
import { ApiError, call } from '../api';
import { fmtMonth } from '../components/format';
import { reportError, useApp } from '../store';
import { IssueList, MappingEditor } from './MappingEditor';
import { UploadHistory } from './UploadHistory';

type Stage =
  | { kind: 'idle' }
  | { kind: 'working'; label: string; jobId: string; phase: string; commit: boolean }
  /** `updating`: the preview is being made again after a mapping change; `problem`: why that failed. */
  | { kind: 'preview'; preview: ImportPreview; updating: boolean; problem: string | null }
  | { kind: 'report'; report: ImportReport }
  | { kind: 'refused'; message: string };

const PHASE_LABEL: Record<string, string> = {
  reading: 'Reading the workbook…',
  checking: 'Checking sheets, columns and values…',
  saving: 'Saving…',
  scoring: 'Scoring…',
  done: 'Done',
};

/** How long a mapping is left alone before the preview is made again (arrowing through a select). */
const MAPPING_SETTLE_MS = 500;

let jobSeq = 0;

const NO_SHEET_WITH_THESE_COLUMNS =
  'With these columns no sheet of this file can be imported: change them back to import it.';

const PROPOSED_FROM: Record<NonNullable<ImportPreview['proposedAccount']>['from'], string> = {
  'file name': 'file name',
  title: 'title rows',
  'Account column': 'Account column',
};

const fmtSize = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
/** "Acme", "Acme and Globex", "Acme, Globex and Initech", or "12 accounts" past three names. */
const nameList = (names: string[]) =>
  names.length > 3
    ? plural(names.length, 'account')
    : names.length > 1
      ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
      : (names[0] ?? '');

export function ImportScreen() {
  const pendingFile = useApp((s) => s.pendingFile);
  const setPendingFile = useApp((s) => s.setPendingFile);
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [mappings, setMappings] = useState<Record<string, ColumnMapping>>({});
  const [editedSheet, setEditedSheet] = useState<string | null>(null);
  const [period, setPeriod] = useState('');
  const [accountId, setAccountId] = useState<number | ''>('');
  const [createAccounts, setCreateAccounts] = useState(false);
  const [accounts, setAccounts] = useState<AccountRow[]>([]);
  const inputRef = useRef<HTMLInputElement>(null);
  const jobRef = useRef<string | null>(null);
  /** A mapping change waiting for the select to settle before the preview is made again. */
  const settling = useRef<{ timer: ReturnType<typeof setTimeout>; run: () => void } | null>(null);
  /** Every sheet as last previewed, to keep its editor when a mapping makes it unusable. */
  const knownSheets = useRef(new Map<string, SheetPreview>());
  /** The control being edited and where it was on screen, kept there when the preview is redrawn. */
  const anchor = useRef<{ el: Element; top: number } | null>(null);

  useEffect(() => {
    return window.kpi.onEvent((e) => {
      if (e.type !== 'progress' || e.jobId !== jobRef.current) return;
      setStage((s) => (s.kind === 'working' ? { ...s, phase: e.phase } : s));
    });
  }, []);

  const stopSettling = useCallback(() => {
    if (settling.current) clearTimeout(settling.current.timer);
    settling.current = null;
  }, []);
  useEffect(() => stopSettling, [stopSettling]);

  /**
   * Makes the preview of the file with these mappings. The first one shows the progress card; one
   * after a mapping change (`inPlace`) keeps the preview on screen, marked as updating, so the
   * sheet being edited stays open and its select keeps the focus.
   */
  const runPreview = useCallback(
    async (f: { name: string; bytes: Uint8Array }, maps: Record<string, ColumnMapping>, inPlace: boolean) => {
      const jobId = `preview-${++jobSeq}`;
      jobRef.current = jobId;
      if (inPlace) setStage((s) => (s.kind === 'preview' ? { ...s, updating: true, problem: null } : s));
      else setStage({ kind: 'working', label: f.name, jobId, phase: 'reading', commit: false });
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
        for (const s of preview.sheets) knownSheets.current.set(s.name, s);
        setAccounts(list);
        setPeriod((p) => (p && preview.periods[p] ? p : preview.defaultPeriod));
        setAccountId((a) => a || preview.proposedAccount?.id || '');
        setStage({ kind: 'preview', preview, updating: false, problem: null });
      } catch (e) {
        if (jobRef.current !== jobId) return;
        const message = e instanceof Error ? e.message : String(e);
        // A refusal after a mapping change comes from the columns chosen, not from the file.
        const problem = e instanceof ApiError && e.code === 'refused' ? NO_SHEET_WITH_THESE_COLUMNS : message;
        if (e instanceof ApiError && e.code === 'cancelled') setStage({ kind: 'idle' });
        else if (inPlace)
          setStage((s) => (s.kind === 'preview' ? { ...s, updating: false, problem } : { kind: 'refused', message }));
        else setStage({ kind: 'refused', message });
      }
    },
    [],
  );

  const openFile = useCallback(
    async (f: File) => {
      stopSettling();
      // The progress card shows at once, while the file is still being read from the disk.
      const jobId = `open-${++jobSeq}`;
      jobRef.current = jobId;
      setStage({ kind: 'working', label: `${f.name} (${fmtSize(f.size)})`, jobId, phase: 'reading', commit: false });
      const bytes = new Uint8Array(await f.arrayBuffer());
      if (jobRef.current !== jobId) return;
      const next = { name: f.name, bytes };
      knownSheets.current.clear();
      setFile(next);
      setMappings({});
      setEditedSheet(null);
      setPeriod('');
      setAccountId('');
      setCreateAccounts(false);
      await runPreview(next, {}, false);
    },
    [runPreview, stopSettling],
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

  // Warnings added or gone above the sheet being edited would move it: it is scrolled back to
  // where it was, under the pointer or the keyboard.
  useLayoutEffect(() => {
    const a = anchor.current;
    if (stage.kind !== 'preview' || stage.updating || !a) return;
    anchor.current = null;
    if (a.el.isConnected) scrollBackTo(a.el, a.top);
  }, [stage]);

  const onMapping = (sheet: string, mapping: ColumnMapping) => {
    if (!file) return;
    const el = document.activeElement;
    if (el && el !== document.body) anchor.current = { el, top: el.getBoundingClientRect().top };
    const next = { ...mappings, [sheet]: mapping };
    setMappings(next);
    setEditedSheet(sheet);
    stopSettling();
    setStage((s) => (s.kind === 'preview' ? { ...s, updating: true, problem: null } : s));
    const run = () => {
      settling.current = null;
      void runPreview(file, next, true);
    };
    settling.current = { timer: setTimeout(run, MAPPING_SETTLE_MS), run };
  };
  /** The select was left: a change waiting to settle is previewed now. */
  const settleNow = () => settling.current?.run();

  const commit = async () => {
    if (!file || stage.kind !== 'preview') return;
    const preview = stage.preview;
    const jobId = `commit-${++jobSeq}`;
    jobRef.current = jobId;
    setStage({ kind: 'working', label: file.name, jobId, phase: 'reading', commit: true });
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
      const app = useApp.getState();
      const imported = report.uploads[0]?.accountId ?? (preview.mode === 'corporate' ? accountId : '');
      if (imported) useApp.setState({ lastAccountId: imported });
      app.dataChanged();
      app.toast(
        'success',
        report.alreadyImported ? 'This file was already imported: nothing new to store.' : `Imported ${file.name}.`,
      );
    } catch (e) {
      reportError(e);
      setStage({ kind: 'preview', preview, updating: false, problem: null });
    }
  };

  const historyAccount =
    stage.kind === 'report'
      ? stage.report.uploads[0]?.accountId
      : stage.kind === 'preview' && accountId
        ? accountId
        : undefined;

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
            tabIndex={-1}
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
          <p>
            {PHASE_LABEL[stage.phase] ?? stage.phase}
            {stage.commit && stage.phase !== 'done' && <span className="muted"> (cannot be cancelled)</span>}
          </p>
          {!stage.commit && (
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
          updating={stage.updating}
          problem={stage.problem}
          editedSheet={editedSheet}
          mappings={mappings}
          knownSheets={knownSheets.current}
          accounts={accounts}
          onAccountCreated={(a) => setAccounts((list) => [...list, a].sort((x, y) => x.name.localeCompare(y.name)))}
          period={period}
          setPeriod={setPeriod}
          accountId={accountId}
          setAccountId={setAccountId}
          createAccounts={createAccounts}
          setCreateAccounts={setCreateAccounts}
          onMapping={onMapping}
          onMappingSettled={settleNow}
          onCommit={commit}
          onCancel={() => {
            stopSettling();
            jobRef.current = null;
            setStage({ kind: 'idle' });
          }}
        />
      )}

      {stage.kind === 'report' && <ReportView report={stage.report} />}

      <UploadHistory defaultAccountId={historyAccount || undefined} />
    </section>
  );
}

/** Scrolls the element's scrolling container so that the element is back at `top` in the viewport. */
function scrollBackTo(el: Element, top: number) {
  const delta = el.getBoundingClientRect().top - top;
  if (Math.abs(delta) < 1) return;
  let box = el.parentElement;
  while (box && !(box.scrollHeight > box.clientHeight && /auto|scroll/.test(getComputedStyle(box).overflowY)))
    box = box.parentElement;
  (box ?? document.scrollingElement)?.scrollBy(0, delta);
}

function Phases({ phase }: { phase: string }) {
  const order = ['reading', 'checking', 'saving', 'scoring', 'done'];
  const at = order.indexOf(phase);
  // Reading has no measure of its own: the bar moves without a value until checking starts.
  if (at <= 0) return <progress aria-label="Import progress">{phase}</progress>;
  return (
    <progress max={order.length - 1} value={at} aria-label="Import progress">
      {phase}
    </progress>
  );
}

/** Account chips shown before "Show all", so the options and the Import button stay in view. */
const CHIPS_SHOWN = 20;

function AccountChips({ accounts }: { accounts: ImportPreview['accounts'] }) {
  const [all, setAll] = useState(false);
  const shown = all ? accounts : accounts.slice(0, CHIPS_SHOWN);
  return (
    <>
      <ul className={`account-chips${all ? ' account-chips-all' : ''}`} aria-label="Accounts in this file">
        {shown.map((a) => (
          <li key={a.name} className={a.existingId == null ? 'new' : undefined}>
            {a.name} {a.existingId == null && <span className="badge">new</span>}
            {a.inactive && <span className="badge">deactivated</span>}
          </li>
        ))}
      </ul>
      {accounts.length > CHIPS_SHOWN && (
        <button type="button" className="link-button" aria-expanded={all} onClick={() => setAll(!all)}>
          {all
            ? `Show the first ${CHIPS_SHOWN} only`
            : `…and ${(accounts.length - CHIPS_SHOWN).toLocaleString()} more: show all ${accounts.length.toLocaleString()}`}
        </button>
      )}
    </>
  );
}

/** What the "already imported" notice says for the chosen period, or null. */
function alreadyImportedText(p: ImportPreview, period: string, accountId: number | ''): string | null {
  const held = p.periods[period]?.alreadyImported ?? [];
  if (!held.length) return null;
  const month = fmtMonth(period);
  if (p.mode === 'corporate') {
    const chosen = held.find((a) => a.id === accountId);
    return chosen
      ? `This exact file was already imported into ${chosen.name} for ${month}: importing it again stores nothing new.`
      : `This exact file was already imported for ${month} into ${nameList(held.map((a) => a.name))}.`;
  }
  const heldIds = new Set(held.map((a) => a.id));
  const inFile = p.accounts.filter((a) => a.existingId != null && heldIds.has(a.existingId));
  if (!inFile.length) return null;
  const who = nameList(inFile.map((a) => a.name));
  const one = inFile.length === 1;
  const others = p.accounts.length - inFile.length;
  return others
    ? `${who} already ${one ? 'holds' : 'hold'} this exact file for ${month} and ${one ? 'is' : 'are'} skipped; the other ${plural(others, 'account')} ${others === 1 ? 'is' : 'are'} imported.`
    : `${who} already ${one ? 'holds' : 'hold'} this exact file for ${month}: importing it again stores nothing new.`;
}

function PreviewView(props: {
  preview: ImportPreview;
  updating: boolean;
  problem: string | null;
  editedSheet: string | null;
  mappings: Record<string, ColumnMapping>;
  knownSheets: Map<string, SheetPreview>;
  accounts: AccountRow[];
  onAccountCreated(a: AccountRow): void;
  period: string;
  setPeriod(p: string): void;
  accountId: number | '';
  setAccountId(id: number | ''): void;
  createAccounts: boolean;
  setCreateAccounts(v: boolean): void;
  onMapping(sheet: string, mapping: ColumnMapping): void;
  onMappingSettled(): void;
  onCommit(): void;
  onCancel(): void;
}) {
  const p = props.preview;
  const kpiRows = p.sheets.reduce((s, x) => s + x.kpiRows, 0);
  const newAccounts = p.accounts.filter((a) => a.existingId == null);
  const [newName, setNewName] = useState('');
  const periodOptions = useMemo(() => Object.keys(p.periods).sort(), [p]);
  const notes = p.periods[props.period];
  const held = alreadyImportedText(p, props.period, props.accountId);
  // Why the Import button is off, said next to it (the file's own problem is said above).
  const reason = props.updating
    ? 'Updating the preview…'
    : props.problem || p.blocked
      ? null
      : !props.period
        ? 'Choose the period of the Data column.'
        : p.mode === 'corporate' && !props.accountId
          ? 'Choose the account this workbook belongs to, or add it.'
          : p.mode === 'account_rollup' && newAccounts.length > 0 && !props.createAccounts
            ? `Tick "Create the ${plural(newAccounts.length, 'new account')}" to import this file.`
            : null;
  const blocked = !!p.blocked || !!props.problem || reason !== null;
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
  // The sheets in the file's order: those previewed, and those a mapping change made unusable
  // (kept with their editor, so the change can be undone).
  const skippedReason = new Map(p.skipped.map((s) => [s.sheet, s.reason]));
  const editors: Array<{ sheet: SheetPreview; notice: string | null }> = [];
  for (const known of props.knownSheets.values()) {
    const sheet = p.sheets.find((s) => s.name === known.name);
    const reason = skippedReason.get(known.name);
    if (sheet) editors.push({ sheet, notice: props.editedSheet === sheet.name ? props.problem : null });
    else if (props.mappings[known.name] && reason)
      editors.push({
        sheet: known,
        notice: `With these columns the sheet is not imported (${reason}): change them back to import it.`,
      });
  }
  return (
    <div className="import-preview" aria-busy={props.updating}>
      <div className="card">
        <h2>{p.fileName}</h2>
        <p>
          {p.sheets.length} KPI sheet{p.sheets.length === 1 ? '' : 's'}, {kpiRows.toLocaleString()} KPI rows
          {p.months.length ? `, months ${fmtMonth(p.months[0])} to ${fmtMonth(p.months[p.months.length - 1])}` : ''}.
        </p>
        {props.problem && (
          <p className="notice" role="alert">
            {props.problem}
          </p>
        )}
        {p.blocked && (
          <p className="notice" role="alert" id="import-blocked">
            {p.blocked}
          </p>
        )}
        {held && <p className="notice">{held}</p>}
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
          ) : p.accounts.length > 0 ? (
            <div className="field">
              <span className="field-label">
                Accounts in this file ({p.accounts.length.toLocaleString()}
                {newAccounts.length === p.accounts.length
                  ? ', all new'
                  : newAccounts.length
                    ? `, ${newAccounts.length.toLocaleString()} new`
                    : ''}
                )
              </span>
              {newAccounts.length > 0 && (
                <label className="radio">
                  <input
                    type="checkbox"
                    checked={props.createAccounts}
                    onChange={(e) => props.setCreateAccounts(e.target.checked)}
                  />
                  Create the {plural(newAccounts.length, 'new account')}
                </label>
              )}
              <AccountChips accounts={p.accounts} />
            </div>
          ) : null}
        </div>
        <div className="actions import-actions">
          <span className="muted" id="import-reason" aria-live="polite">
            {reason}
          </span>
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={blocked}
            aria-describedby={reason ? 'import-reason' : p.blocked ? 'import-blocked' : undefined}
            onClick={props.onCommit}
          >
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
      <IssueList
        issues={[...p.issues, ...(notes?.conflicts.issues ?? [])]}
        more={
          notes && notes.conflicts.count > notes.conflicts.issues.length
            ? {
                count: notes.conflicts.count - notes.conflicts.issues.length,
                text: `more KPI rows whose Data value differs from their ${fmtMonth(props.period)} column`,
              }
            : undefined
        }
      />
      {editors.map(({ sheet, notice }) => (
        <MappingEditor
          key={sheet.name}
          sheet={sheet}
          mapping={props.mappings[sheet.name] ?? sheet.mapping}
          unusable={!p.sheets.includes(sheet) || notice !== null}
          notice={notice}
          updating={props.updating && props.editedSheet === sheet.name}
          onChange={(m) => props.onMapping(sheet.name, m)}
          onSettled={props.onMappingSettled}
        />
      ))}
    </div>
  );
}

/** Accounts named in the report's summary line; the rest are counted. */
const ACCOUNTS_NAMED = 10;

function ReportView({ report }: { report: ImportReport }) {
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
