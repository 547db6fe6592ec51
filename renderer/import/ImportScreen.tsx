import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { SheetPreview } from '../../shared/channels/import';
import type { AccountRow } from '../../shared/contract';
import type { ColumnMapping } from '../../shared/import/columns';
import { ApiError, call } from '../api';
import { reportError, useApp } from '../store';
import { keptPeriod } from './importMachine';
import { fmtSize, NO_SHEET_WITH_THESE_COLUMNS } from './importText';
import { PreviewView } from './PreviewView';
import { ReportView } from './ReportView';
import { UploadHistory } from './UploadHistory';
import { useImportJob } from './useImportJob';
import './import.css';

const PHASE_LABEL: Record<string, string> = {
  reading: 'Reading the workbook…',
  checking: 'Checking sheets, columns and values…',
  saving: 'Saving…',
  scoring: 'Scoring…',
  done: 'Done',
};

/** How long a mapping is left alone before the preview is made again (arrowing through a select). */
const MAPPING_SETTLE_MS = 500;

export function ImportScreen() {
  const pendingFile = useApp((s) => s.pendingFile);
  const setPendingFile = useApp((s) => s.setPendingFile);
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const { stage, send, begin, isCurrent, forget } = useImportJob();
  const [mappings, setMappings] = useState<Record<string, ColumnMapping>>({});
  const [editedSheet, setEditedSheet] = useState<string | null>(null);
  const [period, setPeriod] = useState('');
  const [accountId, setAccountId] = useState<number | ''>('');
  const [createAccounts, setCreateAccounts] = useState(false);
  const [accounts, setAccounts] = useState<AccountRow[]>([]);
  const inputRef = useRef<HTMLInputElement>(null);
  /** A mapping change waiting for the select to settle before the preview is made again. */
  const settling = useRef<{ timer: ReturnType<typeof setTimeout>; run: () => void } | null>(null);
  /** Every sheet as last previewed, to keep its editor when a mapping makes it unusable. */
  const knownSheets = useRef(new Map<string, SheetPreview>());
  /** The control being edited and where it was on screen, kept there when the preview is redrawn. */
  const anchor = useRef<{ el: Element; top: number } | null>(null);

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
      const jobId = begin('preview');
      if (inPlace) send({ type: 'updating' });
      else send({ type: 'start', label: f.name, jobId, commit: false });
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
        if (!isCurrent(jobId)) return;
        for (const s of preview.sheets) knownSheets.current.set(s.name, s);
        setAccounts(list);
        setPeriod((p) => keptPeriod(p, preview));
        setAccountId((a) => a || preview.proposedAccount?.id || '');
        send({ type: 'previewed', preview });
      } catch (e) {
        if (!isCurrent(jobId)) return;
        const message = e instanceof Error ? e.message : String(e);
        // A refusal after a mapping change comes from the columns chosen, not from the file.
        const problem = e instanceof ApiError && e.code === 'refused' ? NO_SHEET_WITH_THESE_COLUMNS : message;
        if (e instanceof ApiError && e.code === 'cancelled') send({ type: 'cancelled' });
        else send({ type: 'previewFailed', inPlace, message, problem });
      }
    },
    [isCurrent, begin, send],
  );

  const openFile = useCallback(
    async (f: File) => {
      stopSettling();
      // The progress card shows at once, while the file is still being read from the disk.
      const jobId = begin('open');
      send({ type: 'start', label: `${f.name} (${fmtSize(f.size)})`, jobId, commit: false });
      const bytes = new Uint8Array(await f.arrayBuffer());
      if (!isCurrent(jobId)) return;
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
    [runPreview, stopSettling, isCurrent, send, begin],
  );

  useEffect(() => {
    if (pendingFile) {
      setPendingFile(null);
      void openFile(pendingFile);
    }
  }, [pendingFile, setPendingFile, openFile]);

  const cancel = async () => {
    if (stage.kind !== 'working') return;
    forget();
    await call('import.cancel', { jobId: stage.jobId }).catch(() => undefined);
    send({ type: 'cancelled' });
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
    send({ type: 'updating' });
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
    const jobId = begin('commit');
    send({ type: 'start', label: file.name, jobId, commit: true });
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
      send({ type: 'reported', report });
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
      send({ type: 'commitFailed', preview });
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
            forget();
            send({ type: 'cancelled' });
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
