import { useState } from 'react';
import { Dialog, DialogError, Field } from '../components/Dialog';
import { fmtMonth, fmtNumber } from '../components/format';
import { useMutation } from '../data/useQuery';
import { errorMessage } from '../store';

/**
 * Issue 13, point 2: a KPI's value for a month corrected in place from the account's KPI table:
 * the new value and an optional reason; refused in one sentence (shown in the dialog) otherwise.
 */
export function KpiEditButton(props: {
  accountId: number;
  month: string;
  kpi: string;
  category: string;
  value: number | null;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="link-button kpi-edit-button"
        aria-label={`Correct ${props.kpi} for ${fmtMonth(props.month)}`}
        title="Correct this value"
        onClick={() => setOpen(true)}
      >
        ✎
      </button>
      {open && <KpiEditDialog {...props} onClose={() => setOpen(false)} />}
    </>
  );
}

function KpiEditDialog(props: {
  accountId: number;
  month: string;
  kpi: string;
  category: string;
  value: number | null;
  onClose: () => void;
}) {
  const [value, setValue] = useState(props.value == null ? '' : String(props.value));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const edit = useMutation('kpis.edit', {
    done: (r) => `${r.edit.kpi} for ${fmtMonth(r.edit.month)} is now ${fmtNumber(r.edit.newValue)}.`,
    onError: (e) => setError(errorMessage(e)),
  });
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    const r = await edit.run({
      accountId: props.accountId,
      kpi: props.kpi,
      category: props.category,
      month: props.month,
      value,
      reason: reason.trim() || undefined,
    });
    if (r) props.onClose();
  };
  return (
    <Dialog title={`Correct ${props.kpi}, ${fmtMonth(props.month)}`} open onClose={props.onClose}>
      <form className="form" onSubmit={submit}>
        <p className="muted small">
          Now {fmtNumber(props.value)}. The change is kept in the KPI's history with your name, and the month is scored
          again.
        </p>
        <Field label="New value">
          <input
            value={value}
            onChange={(e) => setValue(e.target.value)}
            inputMode="decimal"
            maxLength={100}
            required
          />
        </Field>
        <Field label="Reason (optional)">
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />
        </Field>
        <DialogError message={error} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={edit.pending || !value.trim()}>
            {edit.pending ? 'Saving…' : 'Save value'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
