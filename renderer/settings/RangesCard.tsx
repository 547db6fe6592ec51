import { useRef, useState } from 'react';
import type { RangeRow } from '../../shared/channels/ranges';
import { ApiError, call } from '../api';
import { Dialog, DialogError } from '../components/Dialog';
import { saveExport } from '../components/exportFile';
import { useQuery } from '../data/useQuery';
import { applyChange, errorMessage, reportError } from '../store';
import { RangeDialog } from './RangeDialog';

export { describeImpact } from './impact';

/** The reference ranges every KPI is scored against: list, edit, add, delete, import, export. */
export function RangesCard() {
  const rows = useQuery('ranges.list', {}).data ?? [];
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<RangeRow | 'new' | null>(null);
  const [deleting, setDeleting] = useState<RangeRow | null>(null);
  // A file with faulty rows: every row is listed in a dialog (a toast would hold only one).
  const [faultyFile, setFaultyFile] = useState<{ name: string; rows: string[] } | null>(null);
  const shown = rows.filter((r) => r.kpiName.toLowerCase().includes(filter.toLowerCase()));
  return (
    <section className="card wide-card" aria-labelledby="ranges-title">
      <div className="row space-between">
        <h2 id="ranges-title">Reference ranges</h2>
        <RangesToolbar
          filter={filter}
          onFilter={setFilter}
          onAdd={() => setEditing('new')}
          onFaultyFile={setFaultyFile}
        />
      </div>
      <p className="muted">Shared by every workspace. A KPI without a range is counted but not scored.</p>
      <RangesTable rows={shown} onEdit={setEditing} onDelete={setDeleting} />
      <RangeDialog range={editing} others={rows} onClose={() => setEditing(null)} />
      <FaultyFileDialog file={faultyFile} onClose={() => setFaultyFile(null)} />
      <DeleteRangeDialog range={deleting} onClose={() => setDeleting(null)} />
    </section>
  );
}

/** Search, add, import (a file with faulty rows goes to `onFaultyFile`) and export. */
function RangesToolbar(props: {
  filter: string;
  onFilter: (f: string) => void;
  onAdd: () => void;
  onFaultyFile: (f: { name: string; rows: string[] }) => void;
}) {
  const fileRef = useRef<HTMLInputElement>(null);
  const exportAs = (format: 'csv' | 'xlsx') => saveExport(call('ranges.export', { format }));
  const importFile = async (file: File) =>
    applyChange(
      call('ranges.import', { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }),
      (r) => `Reference ranges: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged.`,
      'success',
      (e) => {
        if (e instanceof ApiError && e.details?.length) props.onFaultyFile({ name: file.name, rows: e.details });
        else reportError(e);
      },
    );
  return (
    <div className="row">
      <input
        type="search"
        aria-label="Search reference ranges"
        placeholder="Search KPIs…"
        value={props.filter}
        onChange={(e) => props.onFilter(e.target.value)}
      />
      <button type="button" onClick={props.onAdd}>
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
  );
}

function RangesTable(props: { rows: RangeRow[]; onEdit: (r: RangeRow) => void; onDelete: (r: RangeRow) => void }) {
  return (
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
          {props.rows.map((r) => (
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
                  <button type="button" onClick={() => props.onEdit(r)} aria-label={`Edit the range of ${r.kpiName}`}>
                    Edit
                  </button>
                  <button
                    type="button"
                    onClick={() => props.onDelete(r)}
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
  );
}

function FaultyFileDialog(props: { file: { name: string; rows: string[] } | null; onClose: () => void }) {
  const f = props.file;
  return (
    <Dialog title={`${f?.name ?? 'The file'} was not imported`} open={f !== null} onClose={props.onClose} wide>
      <p>
        Nothing was changed. Correct {f?.rows.length === 1 ? 'this row' : 'these rows'} in the file and import it again:
      </p>
      <ul className="fault-rows" aria-label="Faulty rows">
        {f?.rows.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" className="primary" onClick={props.onClose}>
          OK
        </button>
      </div>
    </Dialog>
  );
}

function DeleteRangeDialog(props: { range: RangeRow | null; onClose: () => void }) {
  const r = props.range;
  const [error, setError] = useState<string | null>(null);
  const [shownFor, setShownFor] = useState(r);
  // each confirmation starts without the last one's failure
  if (r !== shownFor) {
    setShownFor(r);
    setError(null);
  }
  const remove = async (range: RangeRow) => {
    const done = await applyChange(
      call('ranges.delete', { id: range.id }),
      `The range of ${range.kpiName} was deleted; ${range.kpiName} is no longer scored.`,
      'info',
      (e) => setError(errorMessage(e)),
    );
    if (done) props.onClose();
  };
  return (
    <Dialog title={`Delete the range of ${r?.kpiName ?? ''}?`} open={r !== null} onClose={props.onClose}>
      <p>{r?.kpiName} will no longer be scored in any workspace, and every stored score is recomputed.</p>
      <DialogError message={error} />
      <div className="actions">
        <button type="button" onClick={props.onClose}>
          Keep it
        </button>
        <button type="button" className="danger-button" onClick={() => r && remove(r)}>
          Delete range
        </button>
      </div>
    </Dialog>
  );
}
