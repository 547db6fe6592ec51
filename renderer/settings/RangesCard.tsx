import { useEffect, useMemo, useRef, useState } from 'react';
import type { RangeRow } from '../../shared/channels/ranges';
import type { StatusImpact } from '../../shared/channels/scoring';
import { normalizeName } from '../../shared/names';
import { type BoundKey, describeRangeFault, type Range, rangeFaultList } from '../../shared/scoring';
import { ApiError, call } from '../api';
import { Dialog, DialogError, Field } from '../components/Dialog';
import { saveExport } from '../components/exportFile';
import { ofCount } from '../components/format';
import { useQuery } from '../data/useQuery';
import { applyChange, errorMessage, reportError } from '../store';

const BOUNDS: Array<[keyof Range, string]> = [
  ['criticalMin', 'Critical from'],
  ['criticalMax', 'Critical to'],
  ['riskMin', 'Risk from'],
  ['riskMax', 'Risk to'],
  ['healthyMin', 'Healthy from'],
  ['healthyMax', 'Healthy to'],
];

export function describeImpact(i: StatusImpact | null): string | null {
  if (!i) return null;
  const elsewhere = i.elsewhere
    ? ` In ${i.elsewhere.workspaces === 1 ? 'another workspace' : `${i.elsewhere.workspaces} other workspaces`}, ${i.elsewhere.changed} ${i.elsewhere.changed === 1 ? 'account' : 'accounts'} would change too: reference ranges are shared by all workspaces.`
    : '';
  if (!i.scored) return `No account of this workspace has a score yet.${elsewhere}`;
  if (!i.changed) return `No account would change status (${i.scored} scored).${elsewhere}`;
  const ex = i.examples.map((e) => `${e.accountName}: ${e.from ?? 'no score'} → ${e.to ?? 'no score'}`).join('; ');
  return `${ofCount(i.changed, i.scored, 'account')} would change status (${ex}${i.changed > i.examples.length ? '; …' : ''}).${elsewhere}`;
}

/** The reference ranges every KPI is scored against: list, edit, add, delete, import, export. */
export function RangesCard() {
  const rows = useQuery('ranges.list', {}).data ?? [];
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<RangeRow | 'new' | null>(null);
  const [deleting, setDeleting] = useState<RangeRow | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const shown = rows.filter((r) => r.kpiName.toLowerCase().includes(filter.toLowerCase()));
  const exportAs = (format: 'csv' | 'xlsx') => saveExport(call('ranges.export', { format }));
  // A file with faulty rows: every row is listed in a dialog (a toast would hold only one).
  const [faultyFile, setFaultyFile] = useState<{ name: string; rows: string[] } | null>(null);
  const importFile = async (file: File) =>
    applyChange(
      call('ranges.import', { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }),
      (r) => `Reference ranges: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged.`,
      'success',
      (e) => {
        if (e instanceof ApiError && e.details?.length) setFaultyFile({ name: file.name, rows: e.details });
        else reportError(e);
      },
    );
  const remove = async (r: RangeRow) => {
    const done = await applyChange(
      call('ranges.delete', { id: r.id }),
      `The range of ${r.kpiName} was deleted; ${r.kpiName} is no longer scored.`,
      'info',
      (e) => setDeleteError(errorMessage(e)),
    );
    if (done) setDeleting(null);
  };
  return (
    <section className="card wide-card" aria-labelledby="ranges-title">
      <div className="row space-between">
        <h2 id="ranges-title">Reference ranges</h2>
        <div className="row">
          <input
            type="search"
            aria-label="Search reference ranges"
            placeholder="Search KPIs…"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <button type="button" onClick={() => setEditing('new')}>
            Add range
          </button>
          <button type="button" onClick={() => fileRef.current?.click()}>
            Import…
          </button>
          <input
            ref={fileRef}
            type="file"
            accept=".csv,.xlsx"
            className="sr-only"
            tabIndex={-1}
            aria-hidden="true"
            aria-label="Reference ranges file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void importFile(f);
              e.target.value = '';
            }}
          />
          <button type="button" onClick={() => exportAs('csv')}>
            Export CSV
          </button>
          <button type="button" onClick={() => exportAs('xlsx')}>
            Export xlsx
          </button>
        </div>
      </div>
      <p className="muted">Shared by every workspace. A KPI without a range is counted but not scored.</p>
      <div className="table-scroll">
        <table className="table compact" aria-label="Reference ranges">
          <thead>
            <tr>
              <th scope="col">KPI</th>
              <th scope="col">Unit</th>
              <th scope="col">Better</th>
              <th scope="col">Critical</th>
              <th scope="col">Risk</th>
              <th scope="col">Healthy</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id}>
                <td>{r.kpiName}</td>
                <td>{r.unit}</td>
                <td>{r.higherIsBetter ? 'Higher' : 'Lower'}</td>
                <td className="num">
                  {r.criticalMin} – {r.criticalMax}
                </td>
                <td className="num">
                  {r.riskMin} – {r.riskMax}
                </td>
                <td className="num">
                  {r.healthyMin} – {r.healthyMax}
                </td>
                <td className="row-actions">
                  <div>
                    <button type="button" onClick={() => setEditing(r)} aria-label={`Edit the range of ${r.kpiName}`}>
                      Edit
                    </button>
                    <button
                      type="button"
                      onClick={() => {
                        setDeleteError(null);
                        setDeleting(r);
                      }}
                      aria-label={`Delete the range of ${r.kpiName}`}
                    >
                      Delete
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <RangeDialog range={editing} others={rows} onClose={() => setEditing(null)} />
      <Dialog
        title={`${faultyFile?.name ?? 'The file'} was not imported`}
        open={faultyFile !== null}
        onClose={() => setFaultyFile(null)}
        wide
      >
        <p>
          Nothing was changed. Correct {faultyFile?.rows.length === 1 ? 'this row' : 'these rows'} in the file and
          import it again:
        </p>
        <ul className="fault-rows" aria-label="Faulty rows">
          {faultyFile?.rows.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        <div className="actions">
          <button type="button" className="primary" onClick={() => setFaultyFile(null)}>
            OK
          </button>
        </div>
      </Dialog>
      <Dialog
        title={`Delete the range of ${deleting?.kpiName ?? ''}?`}
        open={deleting !== null}
        onClose={() => setDeleting(null)}
      >
        <p>{deleting?.kpiName} will no longer be scored in any workspace, and every stored score is recomputed.</p>
        <DialogError message={deleteError} />
        <div className="actions">
          <button type="button" onClick={() => setDeleting(null)}>
            Keep it
          </button>
          <button type="button" className="danger-button" onClick={() => deleting && remove(deleting)}>
            Delete range
          </button>
        </div>
      </Dialog>
    </section>
  );
}

const EMPTY: Range = {
  kpiName: '',
  unit: '',
  higherIsBetter: true,
  criticalMin: 0,
  criticalMax: 40,
  riskMin: 40,
  riskMax: 70,
  healthyMin: 70,
  healthyMax: 100,
};

/** The form's label of each field: a fault names the fields as the user sees them. */
const LABELS = {
  kpiName: 'KPI name',
  unit: 'Unit',
  higherIsBetter: 'Direction',
  ...Object.fromEntries(BOUNDS),
} as Record<keyof Range, string>;

const EMPTY_TEXT = { kpiName: 'Enter the KPI name.', unit: 'Enter the unit (such as %, score or days).' };

/** A fault of the range being edited: its sentence and the fields it is about. */
type FormFault = { id: string; fields: Array<keyof Range>; text: string };

function formFaults(r: Range, clash: string | null): FormFault[] {
  const faults: FormFault[] = rangeFaultList(r).map((f, i) => ({
    id: `range-fault-${i}`,
    fields: 'other' in f ? [f.field, f.other] : [f.field],
    text:
      f.kind === 'empty'
        ? EMPTY_TEXT[f.field]
        : f.kind === 'not-finite'
          ? `${LABELS[f.field]} must be a number.`
          : `${describeRangeFault(f, r, LABELS)}.`,
  }));
  if (clash)
    faults.unshift({
      id: 'range-fault-name',
      fields: ['kpiName'],
      text: `A range for "${clash}" already exists: edit that one instead.`,
    });
  return faults;
}

/**
 * Adds or edits a range. Each fault is shown next to the fields it names, by their labels, once
 * one of them has been typed in (or the user tried to save); those fields are marked invalid and
 * described by it.
 */
function RangeDialog(props: { range: RangeRow | 'new' | null; others: RangeRow[]; onClose(): void }) {
  const existing = props.range === 'new' ? null : props.range;
  const [form, setForm] = useState<Record<keyof Range, string | boolean>>({} as never);
  const [touched, setTouched] = useState<ReadonlySet<keyof Range>>(new Set());
  const [tried, setTried] = useState(false);
  const [impact, setImpact] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    const r = existing ?? EMPTY;
    setForm(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v])) as never);
    setTouched(new Set());
    setTried(false);
    setImpact(null);
    setError(null);
  }, [existing]);
  const open = props.range !== null;
  // The range as typed: a bound left empty or not a number is NaN, which names it as the fault.
  const range: Range = useMemo(
    () => ({
      kpiName: String(form.kpiName ?? ''),
      unit: String(form.unit ?? ''),
      higherIsBetter: !!form.higherIsBetter,
      ...(Object.fromEntries(
        BOUNDS.map(([k]) => {
          const text = String(form[k] ?? '').trim();
          return [k, text === '' ? Number.NaN : Number(text)];
        }),
      ) as Pick<Range, BoundKey>),
    }),
    [form],
  );
  const clash =
    props.others.find((o) => o.id !== existing?.id && normalizeName(o.kpiName) === normalizeName(range.kpiName))
      ?.kpiName ?? null;
  const faults = useMemo(() => (open ? formFaults(range, clash) : []), [open, range, clash]);
  const shown = faults.filter((f) => tried || f.fields.some((k) => touched.has(k)));
  const valid = faults.length === 0;
  useEffect(() => {
    if (!open || !valid) {
      setImpact(null);
      return;
    }
    const t = setTimeout(() => {
      call('ranges.previewImpact', { id: existing?.id, range }).then(
        (i) => setImpact(describeImpact(i)),
        () => setImpact(null),
      );
    }, 250);
    return () => clearTimeout(t);
  }, [open, range, valid, existing?.id]);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (saving) return;
    if (!valid) {
      setTried(true);
      document.getElementById(`range-${faults[0].fields[0]}`)?.focus();
      return;
    }
    setSaving(true);
    setError(null);
    const saved = await applyChange(
      call('ranges.save', { id: existing?.id, range }),
      `Range of ${range.kpiName.trim()} saved; scores recomputed.`,
      'success',
      (err) => setError(errorMessage(err)),
    );
    setSaving(false);
    if (saved) props.onClose();
  };
  const set = (k: keyof Range, v: string | boolean) => {
    setForm((f) => ({ ...f, [k]: v }));
    setTouched((t) => (t.has(k) ? t : new Set([...t, k])));
  };
  /** The attributes tying a field to the faults shown about it. */
  const faultProps = (k: keyof Range) => {
    const about = shown.filter((f) => f.fields.includes(k));
    return {
      id: `range-${k}`,
      'aria-invalid': about.length > 0 || undefined,
      'aria-describedby': about.length ? about.map((f) => f.id).join(' ') : undefined,
    };
  };
  const faultList = (fields: ReadonlyArray<keyof Range>) => {
    const list = shown.filter((f) => f.fields.every((k) => fields.includes(k)));
    return (
      list.length > 0 && (
        <ul className="field-errors">
          {list.map((f) => (
            <li key={f.id} id={f.id}>
              {f.text}
            </li>
          ))}
        </ul>
      )
    );
  };
  return (
    <Dialog
      title={existing ? `Range of ${existing.kpiName}` : 'New reference range'}
      open={open}
      onClose={props.onClose}
      wide
    >
      <form className="form" onSubmit={save} noValidate>
        <div className="form-grid">
          {(['kpiName', 'unit'] as const).map((k) => (
            <Field key={k} label={LABELS[k]}>
              <input value={String(form[k] ?? '')} onChange={(e) => set(k, e.target.value)} {...faultProps(k)} />
            </Field>
          ))}
          <Field label={LABELS.higherIsBetter}>
            <select
              value={form.higherIsBetter ? 'higher' : 'lower'}
              onChange={(e) => set('higherIsBetter', e.target.value === 'higher')}
              {...faultProps('higherIsBetter')}
            >
              <option value="higher">Higher is better</option>
              <option value="lower">Lower is better</option>
            </select>
          </Field>
        </div>
        {faultList(['kpiName', 'unit', 'higherIsBetter'])}
        <div className="form-grid bounds">
          {BOUNDS.map(([k, label]) => (
            <Field key={k} label={label}>
              <input
                inputMode="decimal"
                value={String(form[k] ?? '')}
                onChange={(e) => set(k, e.target.value)}
                {...faultProps(k)}
              />
            </Field>
          ))}
        </div>
        {faultList(BOUNDS.map(([k]) => k))}
        {valid && impact && <p className="muted">{impact}</p>}
        <DialogError message={error} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={shown.length > 0 || saving} aria-busy={saving}>
            {saving ? 'Saving…' : 'Save range'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
