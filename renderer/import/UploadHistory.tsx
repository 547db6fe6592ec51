import { useEffect, useId, useRef, useState } from 'react';
import type { UploadRow } from '../../shared/channels/uploads';
import type { AccountRow } from '../../shared/contract';
import { normalizeName } from '../../shared/names';
import { call } from '../api';
import { saveExport } from '../components/exportFile';
import { useQuery } from '../data/useQuery';
import { applyChange, reportError, useApp } from '../store';
import { DeleteVersionDialog, HistoryAccountPicker, UploadTable } from './UploadTable';

/**
 * Upload history per account: versions with date, file and user; save the original; delete a
 * version. With `accountId` it shows that account's (the account view); without, it has a
 * searchable account picker, opening on `defaultAccountId` (the account just imported into), else
 * the account last opened in the app, else that of the workspace's latest upload.
 */
const NO_ACCOUNTS: AccountRow[] = [];
const NO_UPLOADS: UploadRow[] = [];

export function UploadHistory(props: { accountId?: number; defaultAccountId?: number }) {
  const fixed = props.accountId;
  const lastAccountId = useApp((s) => s.lastAccountId);
  const accounts = useQuery('accounts.list', { status: 'all' }, { enabled: !fixed }).data ?? NO_ACCOUNTS;
  const [chosen, setChosen] = useState<number | null>(null);
  const [query, setQuery] = useState('');
  const [confirm, setConfirm] = useState<UploadRow | null>(null);
  /** The row whose Delete button gets the focus once the list is read again after a deletion. */
  const focusAfterDelete = useRef<number | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const _listId = useId();

  useEffect(() => {
    if (!fixed && props.defaultAccountId) setChosen(props.defaultAccountId);
  }, [fixed, props.defaultAccountId]);

  useEffect(() => {
    if (fixed || chosen != null || !accounts.length) return;
    let live = true;
    const pick = (id: number | null) => {
      if (live) setChosen((c) => c ?? (accounts.some((a) => a.id === id) ? id : accounts[0].id));
    };
    if (lastAccountId) pick(lastAccountId);
    else call('uploads.lastAccount', {}).then((r) => pick(r.accountId), reportError);
    return () => {
      live = false;
    };
  }, [fixed, chosen, accounts, lastAccountId]);

  const accountId = fixed ?? chosen;
  const chosenName = accounts.find((a) => a.id === accountId)?.name ?? '';
  useEffect(() => setQuery(chosenName), [chosenName]);

  const uploads = useQuery('uploads.list', { accountId: accountId ?? 0 }, { enabled: !!accountId });
  const rows = accountId ? (uploads.data ?? null) : NO_UPLOADS;

  // After a deletion the focus goes to the Delete button now in the deleted row's place (else the
  // last one), or to the "no upload" line, rather than to the page.
  useEffect(() => {
    const at = focusAfterDelete.current;
    if (at == null || rows == null) return;
    focusAfterDelete.current = null;
    const buttons = listRef.current?.querySelectorAll<HTMLElement>('button[data-delete]');
    const next = buttons?.length ? buttons[Math.min(at, buttons.length - 1)] : null;
    (next ?? listRef.current?.querySelector<HTMLElement>('.history-empty'))?.focus();
  }, [rows]);

  const download = (u: UploadRow) => saveExport(call('uploads.download', { uploadId: u.uploadId }));
  const remove = async (u: UploadRow) => {
    focusAfterDelete.current = rows?.findIndex((r) => r.uploadId === u.uploadId) ?? 0;
    const done = await applyChange(
      call('uploads.delete', { uploadId: u.uploadId }),
      (r) => `Version ${r.deletedVersion} deleted; ${r.rescoredMonths} months scored again.`,
      'info',
    );
    if (done) setConfirm(null);
    else focusAfterDelete.current = null;
  };

  const list = (
    <div ref={listRef}>
      {rows === null ? null : rows.length === 0 ? (
        <p className="muted history-empty" tabIndex={-1}>
          No upload yet for this account.
        </p>
      ) : (
        <UploadTable rows={rows} onDownload={download} onDelete={setConfirm} />
      )}
      <DeleteVersionDialog upload={confirm} onClose={() => setConfirm(null)} onDelete={remove} />
    </div>
  );
  if (fixed) return list;

  const typed = normalizeName(query);
  return (
    <section className="card" aria-labelledby="history-title">
      <div className="row space-between">
        <h2 id="history-title">Upload history</h2>
        <HistoryAccountPicker
          accounts={accounts}
          query={query}
          onQuery={setQuery}
          onPick={setChosen}
          onBlur={() => setQuery(chosenName)}
        />
      </div>
      {typed && !accounts.some((a) => normalizeName(a.name).includes(typed)) && (
        <p className="muted">No account's name contains "{query.trim()}".</p>
      )}
      {list}
    </section>
  );
}
