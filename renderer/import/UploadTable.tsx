import { useId } from 'react';
import type { UploadRow } from '../../shared/channels/uploads';
import type { AccountRow } from '../../shared/contract';
import { normalizeName } from '../../shared/names';
import { Dialog } from '../components/Dialog';
import { fmtDateTime, fmtMonth } from '../components/format';

/** The versions of one account's uploads, each with Save original and Delete. */
export function UploadTable(props: {
  rows: UploadRow[];
  onDownload: (u: UploadRow) => void;
  onDelete: (u: UploadRow) => void;
}) {
  return (
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
        {props.rows.map((u) => (
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
                  onClick={() => props.onDownload(u)}
                  aria-label={`Save original file of version ${u.version}`}
                >
                  Save original
                </button>
                <button
                  type="button"
                  className="danger-button"
                  data-delete
                  onClick={() => props.onDelete(u)}
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
  );
}

/** The confirmation before a version is deleted. */
export function DeleteVersionDialog(props: {
  upload: UploadRow | null;
  onClose: () => void;
  onDelete: (u: UploadRow) => void;
}) {
  return (
    <Dialog
      title={`Delete version ${props.upload?.version ?? ''}?`}
      open={props.upload !== null}
      onClose={props.onClose}
    >
      <p>
        Its {props.upload?.kpis} KPIs and their values are deleted, and the months it covered are scored again from the
        other versions. This cannot be undone.
      </p>
      <div className="actions">
        <button type="button" onClick={props.onClose}>
          Keep it
        </button>
        <button type="button" className="danger-button" onClick={() => props.upload && props.onDelete(props.upload)}>
          Delete version {props.upload?.version}
        </button>
      </div>
    </Dialog>
  );
}

/** The account whose uploads are listed, typed with its name (a datalist of the workspace's accounts). */
export function HistoryAccountPicker(props: {
  accounts: AccountRow[];
  query: string;
  onQuery: (q: string) => void;
  onPick: (id: number) => void;
  onBlur: () => void;
}) {
  const listId = useId();
  return (
    <label className="inline-field history-picker">
      <span>Account</span>
      <input
        list={listId}
        aria-label="Account of the upload history"
        placeholder="Type an account name"
        value={props.query}
        onChange={(e) => {
          props.onQuery(e.target.value);
          const match = props.accounts.find((a) => normalizeName(a.name) === normalizeName(e.target.value));
          if (match) props.onPick(match.id);
        }}
        onBlur={props.onBlur}
      />
      <datalist id={listId}>
        {props.accounts.map((a) => (
          <option key={a.id} value={a.name}>
            {a.status === 'inactive' ? 'deactivated' : undefined}
          </option>
        ))}
      </datalist>
    </label>
  );
}
