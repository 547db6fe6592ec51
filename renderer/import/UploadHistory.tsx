import { useEffect, useId, useRef, useState } from 'react';
import type { UploadRow } from '../../shared/channels/uploads';
import type { AccountRow } from '../../shared/contract';
import { normalizeName } from '../../shared/names';
import { call } from '../api';
import { Dialog } from '../components/Dialog';
import { saveExport } from '../components/exportFile';
import { fmtDateTime, fmtMonth } from '../components/format';
import { useQuery } from '../data/useQuery';
import { applyChange, reportError, useApp } from '../store';

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
  const listId = useId();

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
        <table className="table compact" aria-label="Upload history">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Uploaded</th>
              <th scope="col">File</th>
              <th scope="col">Period</th>
              <th scope="col">By</th>
              <th scope="col" className="num">
                KPIs
              </th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.uploadId}>
                <td>v{u.version}</td>
                <td>{fmtDateTime(u.uploadedAt)}</td>
                <td>{u.fileName}</td>
                <td>{fmtMonth(u.period)}</td>
                <td>{u.userName ?? '–'}</td>
                <td className="num">{u.kpis}</td>
                <td className="row-actions">
                  <div>
                    <button
                      type="button"
                      onClick={() => download(u)}
                      aria-label={`Save the original file of version ${u.version}`}
                    >
                      Save original
                    </button>
                    <button
                      type="button"
                      className="danger-button"
                      data-delete
                      onClick={() => setConfirm(u)}
                      aria-label={`Delete version ${u.version}`}
                    >
                      Delete
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Dialog
        title={`Delete version ${confirm?.version ?? ''}?`}
        open={confirm !== null}
        onClose={() => setConfirm(null)}
      >
        <p>
          Its {confirm?.kpis} KPIs and their values are deleted, and the months it covered are scored again from the
          other versions. This cannot be undone.
        </p>
        <div className="actions">
          <button type="button" onClick={() => setConfirm(null)}>
            Keep it
          </button>
          <button type="button" className="danger-button" onClick={() => confirm && remove(confirm)}>
            Delete version {confirm?.version}
          </button>
        </div>
      </Dialog>
    </div>
  );
  if (fixed) return list;

  const typed = normalizeName(query);
  return (
    <section className="card" aria-labelledby="history-title">
      <div className="row space-between">
        <h2 id="history-title">Upload history</h2>
        <label className="inline-field history-picker">
          <span>Account</span>
          <input
            list={listId}
            aria-label="Account of the upload history"
            placeholder="Type an account name"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              const match = accounts.find((a) => normalizeName(a.name) === normalizeName(e.target.value));
              if (match) setChosen(match.id);
            }}
            onBlur={() => setQuery(chosenName)}
          />
          <datalist id={listId}>
            {accounts.map((a) => (
              <option key={a.id} value={a.name}>
                {a.status === 'inactive' ? 'deactivated' : undefined}
              </option>
            ))}
          </datalist>
        </label>
      </div>
      {typed && !accounts.some((a) => normalizeName(a.name).includes(typed)) && (
        <p className="muted">No account's name contains "{query.trim()}".</p>
      )}
      {list}
    </section>
  );
}
