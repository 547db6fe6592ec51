import { useEffect, useState } from 'react';
import type { AccountRow } from '../../shared/contract';
import { Dialog, DialogError, Field } from '../components/Dialog';
import { useMutation, useQuery } from '../data/useQuery';
import { errorMessage } from '../store';

/** Issue 13, point 1: the account as a book of business in the account form and in bulk. */

export interface BookState {
  owner: string;
  renewal: string;
  segment: string;
  setOwner(v: string): void;
  setRenewal(v: string): void;
  setSegment(v: string): void;
  /** What the form sends (accounts.create / accounts.update). */
  payload: { ownerUserId: number | null; renewalDate: string | null; segment: string | null };
}

export function useBookFields(a: AccountRow | null): BookState {
  const [owner, setOwner] = useState('');
  const [renewal, setRenewal] = useState('');
  const [segment, setSegment] = useState('');
  useEffect(() => {
    setOwner(a?.ownerUserId ? String(a.ownerUserId) : '');
    setRenewal(a?.renewalDate ?? '');
    setSegment(a?.segment ?? '');
  }, [a]);
  return {
    owner,
    renewal,
    segment,
    setOwner,
    setRenewal,
    setSegment,
    payload: {
      ownerUserId: owner ? Number(owner) : null,
      renewalDate: renewal || null,
      segment: segment.trim() || null,
    },
  };
}

function OwnerSelect(props: { value: string; onChange: (v: string) => void; none: string }) {
  const people = useQuery('accounts.people', {}, { share: true }).data ?? [];
  return (
    <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      <option value="">{props.none}</option>
      {people.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
          {p.email ? ` (${p.email})` : ''}
        </option>
      ))}
    </select>
  );
}

function SegmentInput(props: { value: string; onChange: (v: string) => void; id: string }) {
  const segments = useQuery('accounts.facets', {}, { share: true }).data?.segments ?? [];
  return (
    <>
      <input value={props.value} onChange={(e) => props.onChange(e.target.value)} maxLength={200} list={props.id} />
      <datalist id={props.id}>
        {segments.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </>
  );
}

/** Owner (a person of the workspace), renewal date and segment (with the workspace's segments as suggestions). */
export function BookFields({ state }: { state: BookState }) {
  return (
    <>
      <Field label="Owner">
        <OwnerSelect value={state.owner} onChange={state.setOwner} none="No owner" />
      </Field>
      <Field label="Renewal date">
        <input type="date" value={state.renewal} onChange={(e) => state.setRenewal(e.target.value)} />
      </Field>
      <Field label="Segment">
        <SegmentInput value={state.segment} onChange={state.setSegment} id="segment-suggestions" />
      </Field>
    </>
  );
}

/** Sets owner, segment, industry or region on the selected accounts of the list shown. */
export function BulkSetButton(props: { rows: AccountRow[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} disabled={!props.rows.length}>
        Set for several…
      </button>
      {open && <BulkSetDialog rows={props.rows} onClose={() => setOpen(false)} />}
    </>
  );
}

function BulkSetDialog(props: { rows: AccountRow[]; onClose: () => void }) {
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [owner, setOwner] = useState('');
  const [segment, setSegment] = useState('');
  const [industry, setIndustry] = useState('');
  const [region, setRegion] = useState('');
  const [error, setError] = useState<string | null>(null);
  const bulk = useMutation('accounts.bulkUpdate', {
    done: (r) => `${r.updated} account${r.updated === 1 ? '' : 's'} updated.`,
    onError: (e) => setError(errorMessage(e)),
  });
  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    const r = await bulk.run({
      accountIds: [...selected],
      ownerUserId: owner ? Number(owner) : undefined,
      segment: segment.trim() || undefined,
      industry: industry.trim() || undefined,
      region: region.trim() || undefined,
    });
    if (r) props.onClose();
  };
  return (
    <Dialog title="Set for several accounts" open onClose={props.onClose} wide>
      <form className="form" onSubmit={submit}>
        <fieldset className="field bulk-accounts">
          <legend className="field-label">Accounts ({selected.size} selected)</legend>
          <label className="radio">
            <input
              type="checkbox"
              checked={selected.size === props.rows.length}
              onChange={(e) => setSelected(new Set(e.target.checked ? props.rows.map((r) => r.id) : []))}
            />
            All {props.rows.length} shown
          </label>
          {props.rows.map((r) => (
            <label key={r.id} className="radio">
              <input type="checkbox" checked={selected.has(r.id)} onChange={() => toggle(r.id)} />
              {r.name}
            </label>
          ))}
        </fieldset>
        <Field label="Owner" hint="Left empty: unchanged.">
          <OwnerSelect value={owner} onChange={setOwner} none="Unchanged" />
        </Field>
        <Field label="Segment">
          <SegmentInput value={segment} onChange={setSegment} id="bulk-segment-suggestions" />
        </Field>
        <Field label="Industry">
          <input value={industry} onChange={(e) => setIndustry(e.target.value)} maxLength={200} />
        </Field>
        <Field label="Region">
          <input value={region} onChange={(e) => setRegion(e.target.value)} maxLength={200} />
        </Field>
        <DialogError message={error} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={bulk.pending || selected.size === 0}>
            Set for {selected.size}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
