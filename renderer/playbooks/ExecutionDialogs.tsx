import { useEffect, useState } from 'react';
import type { ExecutionView } from '../../shared/channels/playbooks';
import { call } from '../api';
import { Dialog, DialogError, Field } from '../components/Dialog';
import { errorMessage, useApp } from '../store';
import { completionSummary } from './completion';

/** Confirms "Complete playbook", saying what it does, then completes it (the report is generated). */
export function CompleteDialog(props: {
  open: boolean;
  view: ExecutionView;
  onClose: () => void;
  onDone: (v: ExecutionView) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (props.open) setError(null);
  }, [props.open]);
  const summary = completionSummary(props.view);
  const complete = async () => {
    if (busy) return;
    setBusy(true);
    try {
      props.onDone(await call('playbooks.complete', { executionId: props.view.executionId }));
      useApp.getState().toast('success', 'Playbook completed: the report is ready.');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={summary.title} open={props.open} onClose={props.onClose}>
      {summary.lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
      <DialogError message={error} />
      <div className="actions">
        <button type="button" onClick={props.onClose}>
          Not yet
        </button>
        <button type="button" className="primary" onClick={complete} disabled={summary.blocked || busy}>
          Complete and generate the report
        </button>
      </div>
    </Dialog>
  );
}

export type EndKind = 'cancel' | 'fail' | 'delete';

const END_TITLE = (kind: EndKind | null, v: ExecutionView) =>
  kind === 'delete'
    ? 'Delete this execution?'
    : kind === 'fail'
      ? `Mark the ${v.playbookName} as failed?`
      : `Cancel the ${v.playbookName}?`;

/** Runs an end action (cancel, fail, delete) on an execution. */
async function endExecution(kind: EndKind, v: ExecutionView, reason: string): Promise<ExecutionView | null> {
  if (kind === 'delete') {
    const r = await call('playbooks.delete', { executionId: v.executionId });
    useApp.getState().toast('success', `Execution deleted${r.reportDeleted ? ' with its report' : ''}.`);
    return null;
  }
  const ended = await call(kind === 'cancel' ? 'playbooks.cancel' : 'playbooks.fail', {
    executionId: v.executionId,
    reason: reason || undefined,
  });
  useApp
    .getState()
    .toast('info', `${v.playbookName} for ${v.accountName} ${kind === 'cancel' ? 'cancelled' : 'marked as failed'}.`);
  return ended;
}

/** Confirms cancelling, failing (with an optional reason) or deleting an execution. */
export function EndDialog(props: {
  kind: EndKind | null;
  view: ExecutionView;
  onClose: () => void;
  onDone: (v: ExecutionView | null) => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (props.kind) {
      setReason('');
      setError(null);
    }
  }, [props.kind]);
  const v = props.view;
  const act = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!props.kind) return;
    try {
      props.onDone(await endExecution(props.kind, v, reason));
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Dialog title={END_TITLE(props.kind, v)} open={props.kind != null} onClose={props.onClose}>
      <form className="form" onSubmit={act}>
        {props.kind === 'delete' ? (
          <p>
            The {v.playbookName} for {v.accountName}, its step results{v.report ? ' and its report' : ''} will be
            deleted. This cannot be undone.
          </p>
        ) : (
          <Field label="Reason (optional)">
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={1000} />
          </Field>
        )}
        <DialogError message={error} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            Keep it
          </button>
          <button type="submit" className={props.kind === 'delete' ? 'danger-button' : 'primary'}>
            {props.kind === 'delete'
              ? 'Delete execution'
              : props.kind === 'fail'
                ? 'Mark as failed'
                : 'Cancel playbook'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
