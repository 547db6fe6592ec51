import { useEffect, useState } from 'react';
import type { UploadRow } from '../../shared/channels/import';
import type { AccountRow } from '../../shared/contract';
import { call } from '../api';
import { Dialog } from '../components/Dialog';
import { saveExport } from '../components/exportFile';
import { fmtDateTime, fmtMonth } from '../components/format';
import { applyChange, reportError, useApp } from '../store';

/** Upload history per account: versions with date, file and user; save the original; delete a version. */
export function UploadHistory(props: { accountId?: number }) {
  const dataVersion = useApp((s) => s.dataVersion);
  const [accounts, setAccounts] = useState<AccountRow[]>([]);
  const [accountId, setAccountId] = useState<number | ''>(props.accountId ?? '');
  const [rows, setRows] = useState<UploadRow[]>([]);
  const [confirm, setConfirm] = useState<UploadRow | null>(null);
  useEffect(() => {
    void dataVersion;
    if (props.accountId) return;
    call('accounts.list', { status: 'all' }).then((list) => {
      setAccounts(list);
      setAccountId((a) => a || list[0]?.id || '');
    }, reportError);
  }, [dataVersion, props.accountId]);
  useEffect(() => {
    void dataVersion;
    if (!accountId) {
      setRows([]);
      return;
    }
    call('uploads.list', { accountId }).then(setRows, reportError);
  }, [accountId, dataVersion]);

  const download = (u: UploadRow) => saveExport(call('uploads.download', { uploadId: u.uploadId }));
  const remove = async (u: UploadRow) => {
    const done = await applyChange(
      call('uploads.delete', { uploadId: u.uploadId }),
      (r) => `Version ${r.deletedVersion} deleted; ${r.rescoredMonths} months scored again.`,
      'info',
    );
    if (done) setConfirm(null);
  };
  return (
    <section className="card" aria-labelledby="history-title">
      <div className="row space-between">
        <h2 id="history-title">Upload history</h2>
        {!props.accountId && (
          <select
            aria-label="Account of the upload history"
            value={accountId}
            onChange={(e) => setAccountId(Number(e.target.value) || '')}
          >
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="muted">No upload yet for this account.</p>
      ) : (
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
            {rows.map((u) => (
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
                      onClick={() => download(u)}
                      aria-label={`Save the original file of version ${u.version}`}
                    >
                      Save original
                    </button>
                    <button
                      type="button"
                      className="danger-button"
                      onClick={() => setConfirm(u)}
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
      )}
      <Dialog
        title={`Delete version ${confirm?.version ?? ''}?`}
        open={confirm !== null}
        onClose={() => setConfirm(null)}
      >
        <p>
          Its {confirm?.kpis} KPIs and their values are deleted, and the months it covered are scored again from the
          other versions. This cannot be undone.
        </p>
        <div className="actions">
          <button type="button" onClick={() => setConfirm(null)}>
            Keep it
          </button>
          <button type="button" className="danger-button" onClick={() => confirm && remove(confirm)}>
            Delete version {confirm?.version}
          </button>
        </div>
      </Dialog>
    </section>
  );
}
