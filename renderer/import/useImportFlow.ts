import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ImportPreview, SheetPreview } from '../../shared/channels/import';
import type { AccountRow } from '../../shared/contract';
import type { ColumnMapping } from '../../shared/import/columns';
import { ApiError, call } from '../api';
import { reportError, useApp } from '../store';
import { keptPeriod } from './importMachine';
import { fmtSize, NO_SHEET_WITH_THESE_COLUMNS } from './importText';
import type { AccountChoice } from './previewText';
import type { useImportJob } from './useImportJob';

/** How long a mapping is left alone before the preview is made again (arrowing through a select). */
const MAPPING_SETTLE_MS = 500;

type FileBytes = { name: string; bytes: Uint8Array };
type Job = ReturnType<typeof useImportJob>;

/** What the user chose for the file on screen: its mappings, period, account, and the accounts to pick from. */
export function useImportChoices() {
  const [file, setFile] = useState<FileBytes | null>(null);
  const [mappings, setMappings] = useState<Record<string, ColumnMapping>>({});
  const [editedSheet, setEditedSheet] = useState<string | null>(null);
  const [period, setPeriod] = useState('');
  const [accountId, setAccountId] = useState<AccountChoice>('');
  const [createAccounts, setCreateAccounts] = useState(false);
  const [accounts, setAccounts] = useState<AccountRow[]>([]);
  const reset = useCallback((next: FileBytes) => {
    setFile(next);
    setMappings({});
    setEditedSheet(null);
    setPeriod('');
    setAccountId('');
    setCreateAccounts(false);
  }, []);
  const onAccountCreated = (a: AccountRow) =>
    setAccounts((list) => [...list, a].sort((x, y) => x.name.localeCompare(y.name)));
  return {
    ...{ file, mappings, setMappings, editedSheet, setEditedSheet, period, setPeriod, accountId, setAccountId },
    ...{ createAccounts, setCreateAccounts, accounts, setAccounts, reset, onAccountCreated },
  };
}
export type Choices = ReturnType<typeof useImportChoices>;

/**
 * Making the preview of a file: the first one shows the progress card; one after a mapping change
 * (`inPlace`) keeps the preview on screen, marked as updating, so the sheet being edited stays open
 * and its select keeps the focus. The defaults (period, account) are taken from the preview.
 */
export function usePreview(job: Job, c: Choices) {
  const { begin, send, isCurrent } = job;
  const { setAccounts, setPeriod, setAccountId } = c;
  /** Every sheet as last previewed, to keep its editor when a mapping makes it unusable. */
  const knownSheets = useRef(new Map<string, SheetPreview>());
  /** The preview last shown, whose default period the user may not have changed. */
  const lastPreview = useRef<ImportPreview | null>(null);
  const runPreview = useCallback(
    async (f: FileBytes, maps: Record<string, ColumnMapping>, inPlace: boolean) => {
      const jobId = begin('preview');
      if (inPlace) send({ type: 'updating' });
      else send({ type: 'start', label: f.name, jobId, commit: false });
      try {
        const mappings = Object.keys(maps).length ? maps : undefined;
        const [preview, list] = await Promise.all([
          call('import.preview', { jobId, fileName: f.name, bytes: f.bytes, mappings }),
          call('accounts.list', { status: 'active' }),
        ]);
        if (!isCurrent(jobId)) return;
        for (const s of [...preview.sheets, ...preview.nearSheets]) knownSheets.current.set(s.name, s);
        setAccounts(list);
        const previous = inPlace ? lastPreview.current : null;
        lastPreview.current = preview;
        setPeriod((p) => keptPeriod(p, preview, previous));
        // A new account is not chosen for the user where one of a like name exists ("Hooli" and "Hooli Inc").
        const fresh = preview.proposedNewAccount;
        setAccountId((a) => a || preview.proposedAccount?.id || (fresh && !fresh.similar.length ? 'new' : ''));
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
    [isCurrent, begin, send, setAccounts, setPeriod, setAccountId],
  );
  return { runPreview, knownSheets };
}

/** A mapping change waits for its select to settle before the preview is made again; the edited control stays where it was. */
export function useMappingChanges(job: Job, c: Choices, runPreview: ReturnType<typeof usePreview>['runPreview']) {
  const settling = useRef<{ timer: ReturnType<typeof setTimeout>; run: () => void } | null>(null);
  /** The control being edited and where it was on screen, kept there when the preview is redrawn. */
  const anchor = useRef<{ el: Element; top: number } | null>(null);
  const stopSettling = useCallback(() => {
    if (settling.current) clearTimeout(settling.current.timer);
    settling.current = null;
  }, []);
  useEffect(() => stopSettling, [stopSettling]);
  const { stage } = job;
  useLayoutEffect(() => {
    const a = anchor.current;
    if (stage.kind !== 'preview' || stage.updating || !a) return;
    anchor.current = null;
    if (a.el.isConnected) scrollBackTo(a.el, a.top);
  }, [stage]);
  const onMapping = (sheet: string, mapping: ColumnMapping) => {
    const file = c.file;
    if (!file) return;
    const el = document.activeElement;
    if (el && el !== document.body) anchor.current = { el, top: el.getBoundingClientRect().top };
    const next = { ...c.mappings, [sheet]: mapping };
    c.setMappings(next);
    c.setEditedSheet(sheet);
    stopSettling();
    job.send({ type: 'updating' });
    const run = () => {
      settling.current = null;
      void runPreview(file, next, true);
    };
    settling.current = { timer: setTimeout(run, MAPPING_SETTLE_MS), run };
  };
  /** The select was left: a change waiting to settle is previewed now. */
  const settleNow = () => settling.current?.run();
  return { onMapping, settleNow, stopSettling };
}

/** Opens a file: the progress card shows at once, while the file is still being read from the disk. */
export function useOpenFile(job: Job, c: Choices, preview: ReturnType<typeof usePreview>, stopSettling: () => void) {
  const { begin, send, isCurrent } = job;
  const { reset } = c;
  const { runPreview, knownSheets } = preview;
  return useCallback(
    async (f: File) => {
      stopSettling();
      const jobId = begin('open');
      send({ type: 'start', label: `${f.name} (${fmtSize(f.size)})`, jobId, commit: false });
      const bytes = new Uint8Array(await f.arrayBuffer());
      if (!isCurrent(jobId)) return;
      const next = { name: f.name, bytes };
      knownSheets.current.clear();
      reset(next);
      await runPreview(next, {}, false);
    },
    [runPreview, stopSettling, isCurrent, send, begin, reset, knownSheets],
  );
}

/** Stores the previewed file with the choices made, and shows the report. */
export function useCommit(job: Job, c: Choices) {
  return async () => {
    const { stage, begin, send } = job;
    if (!c.file || stage.kind !== 'preview') return;
    const preview = stage.preview;
    const jobId = begin('commit');
    send({ type: 'start', label: c.file.name, jobId, commit: true });
    const corporate = preview.mode === 'corporate';
    const fresh = corporate && c.accountId === 'new' ? preview.proposedNewAccount?.name : undefined;
    try {
      const report = await call('import.commit', {
        jobId,
        fileName: c.file.name,
        bytes: c.file.bytes,
        period: c.period,
        accountId: corporate && typeof c.accountId === 'number' ? c.accountId : undefined,
        newAccountName: fresh,
        createAccounts: c.createAccounts || !!fresh,
        mappings: Object.keys(c.mappings).length ? c.mappings : undefined,
      });
      send({ type: 'reported', report });
      const app = useApp.getState();
      const imported = report.uploads[0]?.accountId ?? (typeof c.accountId === 'number' ? c.accountId : '');
      if (imported) useApp.setState({ lastAccountId: imported });
      app.dataChanged();
      const done = report.alreadyImported ? 'This file was already imported: nothing new to store.' : null;
      app.toast('success', done ?? `Imported ${c.file.name}.`);
    } catch (e) {
      reportError(e);
      send({ type: 'commitFailed', preview });
    }
  };
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
