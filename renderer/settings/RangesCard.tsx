import { useEffect, useMemo, useRef, useState } from 'react';
import type { RangeRow } from '../../shared/channels/import';
import type { StatusImpact } from '../../shared/channels/scoring';
import { type Range, validateRange } from '../../shared/scoring';
import { call } from '../api';
import { Dialog, DialogError, Field } from '../components/Dialog';
import { saveExport } from '../components/exportFile';
import { applyChange, errorMessage, reportError, useApp } from '../store';

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
  return `${i.changed} of ${i.scored} accounts would change status (${ex}${i.changed > i.examples.length ? '; …' : ''}).${elsewhere}`;
}

/** The reference ranges every KPI is scored against: list, edit, add, delete, import, export. */
export function RangesCard() {
  const dataVersion = useApp((s) => s.dataVersion);
  const [rows, setRows] = useState<RangeRow[]>([]);
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<RangeRow | 'new' | null>(null);
  const [deleting, setDeleting] = useState<RangeRow | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    void dataVersion;
    call('ranges.list', {}).then(setRows, reportError);
  }, [dataVersion]);
  const shown = rows.filter((r) => r.kpiName.toLowerCase().includes(filter.toLowerCase()));
  const exportAs = (format: 'csv' | 'xlsx') => saveExport(call('ranges.export', { format }));
  const importFile = async (file: File) =>
    applyChange(
      call('ranges.import', { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }),
      (r) => `Reference ranges: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged.`,
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
      <RangeDialog range={editing} onClose={() => setEditing(null)} />
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

function RangeDialog(props: { range: RangeRow | 'new' | null; onClose(): void }) {
  const existing = props.range === 'new' ? null : props.range;
  const [form, setForm] = useState<Record<keyof Range, string | boolean>>({} as never);
  const [impact, setImpact] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    const r = existing ?? EMPTY;
    setForm(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v])) as never);
    setImpact(null);
    setError(null);
  }, [existing]);
  const open = props.range !== null;
  const range: Range | null = useMemo(() => {
    if (!open) return null;
    const nums = BOUNDS.map(([k]) => Number(form[k]));
    if (nums.some((n) => !Number.isFinite(n)) || BOUNDS.some(([k]) => String(form[k] ?? '').trim() === '')) return null;
    return {
      kpiName: String(form.kpiName ?? ''),
      unit: String(form.unit ?? ''),
      higherIsBetter: !!form.higherIsBetter,
      ...(Object.fromEntries(BOUNDS.map(([k], i) => [k, nums[i]])) as Pick<Range, 'criticalMin'>),
    } as Range;
  }, [form, open]);
  const problem = range ? validateRange(range) : 'Every bound must be a number.';
  useEffect(() => {
    if (!range || problem) {
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
  }, [range, problem, existing?.id]);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!range || problem || saving) return;
    setSaving(true);
    setError(null);
    const saved = await applyChange(
      call('ranges.save', { id: existing?.id, range }),
      `Range of ${range.kpiName} saved; scores recomputed.`,
      'success',
      (err) => setError(errorMessage(err)),
    );
    setSaving(false);
    if (saved) props.onClose();
  };
  const set = (k: keyof Range, v: string | boolean) => setForm((f) => ({ ...f, [k]: v }));
  return (
    <Dialog
      title={existing ? `Range of ${existing.kpiName}` : 'New reference range'}
      open={props.range !== null}
      onClose={props.onClose}
      wide
    >
      <form className="form" onSubmit={save}>
        <div className="form-grid">
          <Field label="KPI name">
            <input value={String(form.kpiName ?? '')} onChange={(e) => set('kpiName', e.target.value)} required />
          </Field>
          <Field label="Unit">
            <input value={String(form.unit ?? '')} onChange={(e) => set('unit', e.target.value)} required />
          </Field>
          <Field label="Direction">
            <select
              value={form.higherIsBetter ? 'higher' : 'lower'}
              onChange={(e) => set('higherIsBetter', e.target.value === 'higher')}
            >
              <option value="higher">Higher is better</option>
              <option value="lower">Lower is better</option>
            </select>
          </Field>
        </div>
        <div className="form-grid bounds">
          {BOUNDS.map(([k, label]) => (
            <Field key={k} label={label}>
              <input inputMode="decimal" value={String(form[k] ?? '')} onChange={(e) => set(k, e.target.value)} />
            </Field>
          ))}
        </div>
        {problem ? <p className="text-critical">{problem}</p> : impact && <p className="muted">{impact}</p>}
        <DialogError message={error} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!!problem || saving} aria-busy={saving}>
            {saving ? 'Saving…' : 'Save range'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
