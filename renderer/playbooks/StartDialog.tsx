import { useEffect, useState } from 'react';
import type { AccountRow } from '../../shared/contract';
import { PLAYBOOKS } from '../../shared/playbooks/catalogue';
import { call } from '../api';
import { Dialog, DialogError, Field } from '../components/Dialog';
import { errorMessage, reportError, useApp } from '../store';

/** Start a playbook by hand: account, playbook, why. Opens the new execution. */
export function StartPlaybookDialog(props: {
  open: boolean;
  onClose: () => void;
  accountId?: number;
  playbookId?: string;
  reason?: string;
}) {
  const [accounts, setAccounts] = useState<AccountRow[]>([]);
  const [accountId, setAccountId] = useState<number | ''>('');
  const [playbookId, setPlaybookId] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!props.open) return;
    setAccountId(props.accountId ?? '');
    setPlaybookId(props.playbookId ?? '');
    setReason(props.reason ?? '');
    setError(null);
    call('accounts.list', { status: 'active' }).then(setAccounts, reportError);
  }, [props.open, props.accountId, props.playbookId, props.reason]);
  const start = async (e: React.FormEvent) => {
    e.preventDefault();
    if (accountId === '' || !playbookId) return;
    setBusy(true);
    try {
      const v = await call('playbooks.start', { accountId, playbookId, reason: reason.trim() || undefined });
      props.onClose();
      useApp.getState().dataChanged();
      useApp.getState().toast('success', `${v.playbookName} started for ${v.accountName}.`);
      useApp.getState().navigate({ view: 'playbooks', executionId: v.executionId });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title="Start a playbook" open={props.open} onClose={props.onClose}>
      <form className="form" onSubmit={start}>
        <Field label="Account">
          <select
            value={accountId}
            onChange={(e) => setAccountId(e.target.value ? Number(e.target.value) : '')}
            required
          >
            <option value="">Choose an account…</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Playbook">
          <select value={playbookId} onChange={(e) => setPlaybookId(e.target.value)} required>
            <option value="">Choose a playbook…</option>
            {PLAYBOOKS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.durationDays} days)
              </option>
            ))}
          </select>
        </Field>
        <Field label="Reason (optional)">
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={1000} />
        </Field>
        <DialogError message={error} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || accountId === '' || !playbookId}>
            Start playbook
          </button>
        </div>
      </form>
    </Dialog>
  );
}
