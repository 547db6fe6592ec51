import { useState } from 'react';
import type { BackupEntry } from '../../shared/channels/backups';
import { call } from '../api';
import { Dialog, DialogError } from '../components/Dialog';
import { useMutation, useQuery } from '../data/useQuery';
import { errorMessage } from '../store';
import './backups.css';
import { afterRestore } from './backupsState';
import { backupInside, backupNewest, backupSize, backupWhen, kindLabel, restoreConsequence } from './backupsText';

/** Settings → Backups: the copies of the database file (every workspace), a backup now, a restore. */
export function BackupsCard() {
  const list = useQuery('backups.list', {});
  const backup = useMutation('backups.create', { done: 'Backed up.' });
  const [chosen, setChosen] = useState<BackupEntry | null>(null);
  const rows = list.data ?? [];
  return (
    <section className="card backups-card" aria-labelledby="backups-title">
      <h2 id="backups-title">Backups</h2>
      <p className="muted">
        A copy of the whole database (every workspace) is made on the first start of each day; 7 daily and 4 weekly
        copies are kept, in the <code>backups</code> folder beside the database.
      </p>
      {rows.length === 0 ? (
        <p className="muted">{list.loading ? 'Loading…' : 'No backups yet.'}</p>
      ) : (
        <BackupTable rows={rows} onRestore={setChosen} />
      )}
      <div className="actions">
        <button type="button" onClick={() => backup.run({})} disabled={backup.pending}>
          {backup.pending ? 'Backing up…' : 'Back up now'}
        </button>
      </div>
      <RestoreDialog backup={chosen} onClose={() => setChosen(null)} />
    </section>
  );
}

export function BackupTable(props: { rows: BackupEntry[]; onRestore: (b: BackupEntry) => void; label?: string }) {
  return (
    <div className="backups-scroll">
      <table className="table compact backups-table" aria-label={props.label ?? 'Backups'}>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">Workspaces</th>
            <th scope="col">Newest data</th>
            <th scope="col">
              <span className="sr-only">Restore</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((b) => (
            <tr key={b.name} className={b.ok ? undefined : 'inactive'}>
              <th scope="row">
                {backupWhen(b)}
                <span className="backups-kind">{kindLabel(b)}</span>
              </th>
              <td className="num">{backupSize(b.bytes)}</td>
              <td>{backupInside(b)}</td>
              <td>{backupNewest(b)}</td>
              <td>
                <button
                  type="button"
                  disabled={!b.ok}
                  onClick={() => props.onRestore(b)}
                  aria-label={`Restore the backup of ${backupWhen(b)}…`}
                >
                  Restore…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The confirmation: says what happens, then restores and shows the restored data. */
export function RestoreDialog(props: { backup: BackupEntry | null; onClose: () => void }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const b = props.backup;
  const restore = async () => {
    if (!b) return;
    setPending(true);
    setError(null);
    try {
      const r = await call('backups.restore', { name: b.name });
      props.onClose();
      await afterRestore(r);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <Dialog title="Restore this backup?" open={b != null} onClose={props.onClose}>
      {b && (
        <div className="form">
          <p>{restoreConsequence(b)}</p>
          <p className="muted">Inside: {backupInside(b)}.</p>
          <DialogError message={error} />
          <div className="actions">
            <button type="button" onClick={props.onClose}>
              Cancel
            </button>
            <button type="button" className="primary" onClick={restore} disabled={pending}>
              {pending ? 'Restoring…' : 'Restore'}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
