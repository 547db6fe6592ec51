import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { type BackupInfo, createBackup, inspectCopy, stamp } from './backups';
import { ensurePrivateFile } from './files';
import { type Db, type OpenOptions, openDb } from './open';

// Restore (issue 11 point 1): the copy is checked (integrity_check, schema not newer) before anything
// changes; the current file is backed up; the database is closed, the copy written beside it as
// .restoring and renamed over it in one step (a crash leaves either the old or the new file whole).

export interface RestoreResult {
  db: Db;
  safety: BackupInfo;
  workspaces: string[];
}

const companions = (file: string) => [`${file}-wal`, `${file}-shm`, `${file}-journal`];

/** Removes a .restoring file a crash left behind (the database itself was not replaced yet). */
export function cleanLeftovers(file: string): void {
  fs.rmSync(`${file}.restoring`, { force: true });
}

export async function restoreDb(db: Db, from: string, options: OpenOptions = {}): Promise<RestoreResult> {
  const source = path.resolve(from);
  if (source === path.resolve(db.file)) throw new AppError('refused', 'A database cannot be restored from itself.');
  const { workspaces } = inspectCopy(source);
  const safety = await createBackup(db.raw, db.file, 'before-restore');
  const file = db.file;
  const staging = `${file}.restoring`;
  fs.copyFileSync(source, staging);
  ensurePrivateFile(staging);
  await db.close();
  // The old file was checkpointed on close; stale WAL pages must never be applied to the new file.
  for (const f of companions(file)) fs.rmSync(f, { force: true });
  fs.renameSync(staging, file);
  const reopened = await openDb(file, { ...options, dailyBackup: false });
  return { db: reopened, safety, workspaces };
}

export interface RecoveryResult {
  db: Db;
  /** Where the damaged file was copied before the backup replaced it. */
  kept: string;
  workspaces: string[];
}

/**
 * Restore over a database that cannot be opened (damaged at start): the copy is checked as for
 * any restore; the damaged file (and its -wal/-shm) is copied aside as `<file>.damaged-<stamp>`
 * rather than backed up through SQLite; then the copy replaces it in one rename and is opened.
 * At no moment is there no database file, so a crash never leads to an empty new one.
 */
export async function restoreOverDamaged(
  file: string,
  from: string,
  options: OpenOptions = {},
): Promise<RecoveryResult> {
  const source = path.resolve(from);
  if (source === path.resolve(file)) throw new AppError('refused', 'A database cannot be restored from itself.');
  const { workspaces } = inspectCopy(source);
  const kept = `${file}.damaged-${stamp(new Date())}`;
  if (fs.existsSync(file)) fs.copyFileSync(file, kept);
  for (const f of companions(file)) if (fs.existsSync(f)) fs.copyFileSync(f, `${kept}${f.slice(file.length)}`);
  for (const f of [kept, ...companions(kept)]) if (fs.existsSync(f)) ensurePrivateFile(f);
  const staging = `${file}.restoring`;
  fs.copyFileSync(source, staging);
  ensurePrivateFile(staging);
  for (const f of companions(file)) fs.rmSync(f, { force: true });
  fs.renameSync(staging, file);
  const db = await openDb(file, { ...options, dailyBackup: false });
  return { db, kept, workspaces };
}
