import type { BackupEntry } from '../../shared/channels/backups';
import { fmtDate, fmtMonth } from '../../shared/format';

/** The words of Settings → Backups and of the recovery screen, in one place. */

const KINDS: Record<BackupEntry['kind'], string> = {
  daily: 'Daily',
  manual: 'Made by hand',
  'before-migration': 'Before an update',
  'before-restore': 'Before a restore',
};
export const kindLabel = (b: BackupEntry) => KINDS[b.kind];

/** "4 Dec 2026, 14:05" in the machine's time. */
export function backupWhen(b: BackupEntry): string {
  const d = new Date(b.createdAt);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return `${fmtDate(b.createdAt)}, ${hm}`;
}

export function backupSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

export const backupInside = (b: BackupEntry) =>
  b.ok ? b.workspaces.join(', ') || 'No workspaces' : (b.problem ?? 'Cannot be restored');
export const backupNewest = (b: BackupEntry) => (b.ok ? fmtMonth(b.newestMonth) : '–');

/** What the confirmation says happens. */
export const restoreConsequence = (b: BackupEntry) =>
  `The database is replaced by this copy from ${backupWhen(b)}: every workspace goes back to how it was then, ` +
  'and anything added or changed since is no longer shown. The current database is backed up first, ' +
  'so this restore can itself be undone from the list.';

/** The newest copy that can be restored, or null. */
export const newestGood = (list: BackupEntry[]) => list.find((b) => b.ok) ?? null;
