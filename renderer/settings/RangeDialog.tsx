import { useEffect, useMemo, useState } from 'react';
import type { RangeRow } from '../../shared/channels/ranges';
import { normalizeName } from '../../shared/names';
import { type Range, rangeFaultList } from '../../shared/scoring';
import { boundsFromEdges, edgeFaults, edgeLabels, edgesOf, parseTypedNumber } from '../../shared/scoring/band-edges';
import { call } from '../api';
import { Dialog, DialogError, Field } from '../components/Dialog';
import { applyChange, errorMessage } from '../store';
import { describeImpact } from './impact';

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

/** The fields of the form: the name, the unit, the direction and the four band edges. */
type FieldKey = 'kpiName' | 'unit' | 'higherIsBetter' | 'edge0' | 'edge1' | 'edge2' | 'edge3';
const EDGES = ['edge0', 'edge1', 'edge2', 'edge3'] as const;
type FormState = { kpiName: string; unit: string; higherIsBetter: boolean; edges: string[] };

/** A fault of the range being edited: its sentence and the fields it is about. */
type FormFault = { id: string; fields: FieldKey[]; text: string };

const EMPTY_TEXT = { kpiName: 'Enter the KPI name.', unit: 'Enter the unit (such as %, score or days).' };

const formOf = (r: Range): FormState => ({
  kpiName: r.kpiName,
  unit: r.unit,
  higherIsBetter: r.higherIsBetter,
  edges: edgesOf(r).map(String),
});

/** The faults of the form: the name and unit, a clash with another range's name, then the edges. */
export function formFaults(form: FormState, clash: string | null): FormFault[] {
  const faults: FormFault[] = [];
  if (clash)
    faults.push({
      id: 'range-fault-name',
      fields: ['kpiName'],
      text: `A range for "${clash}" already exists: edit that one instead.`,
    });
  for (const k of ['kpiName', 'unit'] as const)
    if (!form[k].trim()) faults.push({ id: `range-fault-${k}`, fields: [k], text: EMPTY_TEXT[k] });
  const edges = edgeFaults(form.edges.map(parseTypedNumber), form.higherIsBetter);
  for (const [i, f] of edges.entries())
    faults.push({
      id: `range-fault-edge-${i}`,
      fields: f.other === undefined ? [EDGES[f.edge]] : [EDGES[f.edge], EDGES[f.other]],
      text: f.text,
    });
  return faults;
}

/** The range the form makes (its bands touch by construction; an edge not a number is NaN). */
function rangeOf(form: FormState): Range {
  const edges = form.edges.map((e) => parseTypedNumber(e) ?? Number.NaN);
  return {
    kpiName: form.kpiName,
    unit: form.unit,
    higherIsBetter: form.higherIsBetter,
    ...boundsFromEdges(edges, form.higherIsBetter),
  };
}

/** The bands the edges make, in words: "Critical 0 to 40 · Risk 40 to 70 · Healthy 70 to 100". */
function bandsText(form: FormState): string | null {
  const labels = edgeLabels(form.higherIsBetter);
  const e = form.edges.map((x) => x.trim());
  if (e.some((x) => x === '')) return null;
  return [0, 1, 2].map((i) => `${labels[i].replace(' from', '')} ${e[i]} to ${e[i + 1]}`).join(' · ');
}

/** The form's state, its faults, which of them are shown, and the range it makes. */
function useRangeForm(existing: RangeRow | null, open: boolean, others: RangeRow[]) {
  const [form, setForm] = useState<FormState>(formOf(EMPTY));
  const [touched, setTouched] = useState<ReadonlySet<FieldKey>>(new Set());
  const [tried, setTried] = useState(false);
  useEffect(() => {
    setForm(formOf(existing ?? EMPTY));
    setTouched(new Set());
    setTried(false);
  }, [existing]);
  const range = useMemo(() => rangeOf(form), [form]);
  const clash =
    others.find((o) => o.id !== existing?.id && normalizeName(o.kpiName) === normalizeName(form.kpiName))?.kpiName ??
    null;
  const faults = useMemo(() => {
    if (!open) return [];
    const list = formFaults(form, clash);
    // the edges guarantee the rules; should one still fail, it is named on the edges
    if (!list.length)
      for (const f of rangeFaultList(range))
        list.push({ id: `range-fault-rule-${f.kind}`, fields: [...EDGES], text: 'The bands are not valid.' });
    return list;
  }, [open, form, clash, range]);
  const shown = faults.filter((f) => tried || f.fields.some((k) => touched.has(k)));
  const set = (k: FieldKey, v: string | boolean) => {
    setForm((f) => {
      if (k.startsWith('edge')) return { ...f, edges: f.edges.map((e, i) => (EDGES[i] === k ? String(v) : e)) };
      return { ...f, [k]: v };
    });
    setTouched((t) => (t.has(k) ? t : new Set([...t, k])));
  };
  return { form, range, faults, shown, set, setTried };
}

/** The impact of a valid range on the accounts' status, asked for a moment after the last change. */
function useRangeImpact(open: boolean, valid: boolean, range: Range, id: number | undefined) {
  const [impact, setImpact] = useState<string | null>(null);
  useEffect(() => {
    if (!open || !valid) {
      setImpact(null);
      return;
    }
    const t = setTimeout(() => {
      call('ranges.previewImpact', { id, range }).then(
        (i) => setImpact(describeImpact(i)),
        () => setImpact(null),
      );
    }, 250);
    return () => clearTimeout(t);
  }, [open, range, valid, id]);
  return impact;
}

/**
 * Adds or edits a range: its name, unit, direction and one value per band edge (where one band
 * ends the next starts, so the bands touch by construction). Each fault is shown next to the
 * fields it names, by their labels, once one of them has been typed in (or the user tried to
 * save); those fields are marked invalid and described by it.
 */
export function RangeDialog(props: { range: RangeRow | 'new' | null; others: RangeRow[]; onClose(): void }) {
  const existing = props.range === 'new' ? null : props.range;
  const open = props.range !== null;
  const { form, range, faults, shown, set, setTried } = useRangeForm(existing, open, props.others);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [errorFor, setErrorFor] = useState(existing);
  // each range opened starts without the last one's failure
  if (errorFor !== existing) {
    setErrorFor(existing);
    setError(null);
  }
  const valid = faults.length === 0;
  const impact = useRangeImpact(open, valid, range, existing?.id);
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
  return (
    <Dialog
      title={existing ? `Range of ${existing.kpiName}` : 'New reference range'}
      open={open}
      onClose={props.onClose}
      wide
    >
      <form className="form" onSubmit={save} noValidate>
        <RangeFields form={form} shown={shown} set={set} />
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

function FaultList(props: { shown: FormFault[]; fields: readonly FieldKey[] }) {
  const list = props.shown.filter((f) => f.fields.every((k) => props.fields.includes(k)));
  if (!list.length) return null;
  return (
    <ul className="field-errors">
      {list.map((f) => (
        <li key={f.id} id={f.id}>
          {f.text}
        </li>
      ))}
    </ul>
  );
}

function RangeFields(props: { form: FormState; shown: FormFault[]; set: (k: FieldKey, v: string | boolean) => void }) {
  const { form, shown, set } = props;
  /** The attributes tying a field to the faults shown about it. */
  const faultProps = (k: FieldKey) => {
    const about = shown.filter((f) => f.fields.includes(k));
    return {
      id: `range-${k}`,
      'aria-invalid': about.length > 0 || undefined,
      'aria-describedby': about.length ? about.map((f) => f.id).join(' ') : undefined,
    };
  };
  const labels = edgeLabels(form.higherIsBetter);
  const bands = bandsText(form);
  return (
    <>
      <div className="form-grid">
        <Field label="KPI name">
          <input value={form.kpiName} onChange={(e) => set('kpiName', e.target.value)} {...faultProps('kpiName')} />
        </Field>
        <Field label="Unit">
          <input value={form.unit} onChange={(e) => set('unit', e.target.value)} {...faultProps('unit')} />
        </Field>
        <Field label="Direction">
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
      <FaultList shown={shown} fields={['kpiName', 'unit', 'higherIsBetter']} />
      <fieldset className="range-edges">
        <legend>Band edges, from the lowest value up</legend>
        <div className="form-grid bounds">
          {EDGES.map((k, i) => (
            <Field key={k} label={labels[i]}>
              <input
                inputMode="decimal"
                value={form.edges[i]}
                onChange={(e) => set(k, e.target.value)}
                {...faultProps(k)}
              />
            </Field>
          ))}
        </div>
        {bands && (
          <p className="muted range-bands" data-testid="range-bands">
            {bands}
          </p>
        )}
      </fieldset>
      <FaultList shown={shown} fields={EDGES} />
    </>
  );
}
