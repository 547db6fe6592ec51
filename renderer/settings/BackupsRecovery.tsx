import { useEffect, useState } from 'react';
import type { BackupEntry } from '../../shared/channels/backups';
import { call } from '../api';
import { Toasts } from '../components/Toasts';
import { reportError } from '../store';
import { BackupTable, RestoreDialog } from './BackupsCard';
import './backups.css';
import { backupInside, backupNewest, backupWhen, newestGood } from './backupsText';

/**
 * The window when the database is damaged at start (issue 11 point 2): it says so and offers the
 * newest good backup. The damaged file is never replaced by an empty one; a restore sets it aside
 * beside the database, then the app opens on the restored file.
 */
export function BackupsRecovery({ message }: { message: string }) {
  const [list, setList] = useState<BackupEntry[] | null>(null);
  const [chosen, setChosen] = useState<BackupEntry | null>(null);
  useEffect(() => {
    call('backups.list', {}).then(setList, (e) => {
      setList([]);
      reportError(e);
    });
  }, []);
  const good = list ? newestGood(list) : null;
  return (
    <main id="main" className="recovery" aria-labelledby="recovery-title">
      <h1 id="recovery-title">The database cannot be opened</h1>
      <p className="notice-damaged" role="alert">
        {message}
      </p>
      <p>
        Nothing was changed: the damaged file stays where it is, and it is not replaced by an empty one. Restoring a
        backup sets the damaged file aside beside the database, then opens the backup.
      </p>
      {list == null ? (
        <p className="muted">Looking for backups…</p>
      ) : good ? (
        <section className="offer" aria-labelledby="offer-title">
          <h2 id="offer-title">Newest good backup</h2>
          <p>
            {backupWhen(good)}: {backupInside(good)};{' '}
            {good.newestMonth ? `data up to ${backupNewest(good)}` : 'no KPI data yet'}.
          </p>
          <button type="button" className="primary" onClick={() => setChosen(good)}>
            Restore this backup…
          </button>
        </section>
      ) : (
        <p>
          There is no good backup of this database. Keep the file as it is and ask for help; the details are in the log.
        </p>
      )}
      {list && list.length > 1 && <BackupTable rows={list} onRestore={setChosen} label="Every backup" />}
      <RestoreDialog backup={chosen} onClose={() => setChosen(null)} />
      <Toasts />
    </main>
  );
}
