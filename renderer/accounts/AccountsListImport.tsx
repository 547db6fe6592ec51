import { useState } from 'react';
import type { AccountsListPreview, AccountsListRow } from '../../shared/channels/accounts';
import { call } from '../api';
import { Dialog, DialogError } from '../components/Dialog';
import { plural } from '../components/format';
import { errorMessage, useApp } from '../store';
import './accounts-list.css';

/**
 * Issue 13, point 1: "Import list…" on the Accounts screen. A CRM export (xlsx or CSV) is previewed
 * row by row (update, new, unchanged, with what changes) before anything is written; new accounts
 * are created only when the box is ticked; any problem keeps the import button off.
 */
export function AccountsListImport() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Import list…
      </button>
      {open && <ListImportDialog onClose={() => setOpen(false)} />}
    </>
  );
}

interface Picked {
  fileName: string;
  bytes: Uint8Array;
  preview: AccountsListPreview;
}

function ListImportDialog({ onClose }: { onClose: () => void }) {
  const toast = useApp((s) => s.toast);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [create, setCreate] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setPicked(null);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const preview = await call('accounts.listPreview', { fileName: file.name, bytes });
      setPicked({ fileName: file.name, bytes, preview });
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const run = async () => {
    if (!picked) return;
    setBusy(true);
    try {
      const r = await call('accounts.listImport', {
        fileName: picked.fileName,
        bytes: picked.bytes,
        createAccounts: create,
      });
      useApp.getState().dataChanged();
      toast(
        'success',
        `Accounts list imported: ${r.created.length} created, ${r.updated.length} updated, ${r.unchanged} unchanged.`,
      );
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const p = picked?.preview;
  const blocked =
    !p || p.problems.length > 0 || (p.counts.create > 0 && !create) || p.rows.every((r) => r.action === 'unchanged');
  return (
    <Dialog title="Import an accounts list" open onClose={onClose} wide>
      <p className="muted">
        An xlsx or CSV file with an Account column and any of Revenue, Owner (a user's email or name), Renewal date,
        Industry, Region and Segment. Nothing is written until you import.
      </p>
      <label className="field">
        <span>File</span>
        <input type="file" accept=".xlsx,.csv" onChange={(e) => choose(e.target.files?.[0])} />
      </label>
      {p && <ListPreview preview={p} />}
      {p && p.counts.create > 0 && (
        <label className="check">
          <input type="checkbox" checked={create} onChange={(e) => setCreate(e.target.checked)} />
          Create {plural(p.counts.create, 'new account')} (
          {p.rows
            .filter((r) => r.action === 'create')
            .map((r) => r.name)
            .join(', ')}
          )
        </label>
      )}
      <DialogError message={error} />
      <div className="actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={blocked || busy} onClick={run}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
    </Dialog>
  );
}

const ACTION: Record<AccountsListRow['action'], string> = { create: 'New', update: 'Update', unchanged: 'Unchanged' };

function ListPreview({ preview: p }: { preview: AccountsListPreview }) {
  return (
    <div className="list-preview">
      <p>
        Sheet {p.sheet}: {plural(p.rows.length, 'account')} ({p.counts.update} to update, {p.counts.create} new,{' '}
        {p.counts.unchanged} unchanged). Columns: {p.columns.join(', ')}.
      </p>
      {p.problems.length > 0 && (
        <ul className="list-problems" aria-label="Problems">
          {p.problems.map((m) => (
            <li key={m} className="text-critical">
              {m}
            </li>
          ))}
        </ul>
      )}
      <div className="list-preview-rows">
        <table className="table compact" aria-label="Accounts in the list">
          <thead>
            <tr>
              <th>Row</th>
              <th>Account</th>
              <th>Action</th>
              <th>Changes</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr key={r.row}>
                <td>{r.row}</td>
                <td>{r.name}</td>
                <td>{ACTION[r.action]}</td>
                <td>{r.changes.map((c) => `${c.field}: ${c.from ?? '–'} → ${c.to}`).join('; ') || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
