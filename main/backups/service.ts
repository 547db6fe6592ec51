import path from 'node:path';
import type { BackupEntry, RestoreOutcome } from '../../shared/channels/backups';
import { AppError } from '../../shared/errors';
import type { Ctx } from '../context';
import { type BackupDetails, createBackup, describeBackup, listBackupFiles, listBackups } from '../db/backups';
import { restoreDb, restoreOverDamaged } from '../db/restore';

/** The backups as the window sees them: by name, never by path. */
function toEntry(b: BackupDetails): BackupEntry {
  const { file: _file, ...rest } = b;
  return rest;
}

export function listBackupEntries(dbFile: string): BackupEntry[] {
  return listBackups(dbFile).map(toEntry);
}

export async function backUpNow(ctx: Pick<Ctx, 'db'>): Promise<BackupEntry> {
  const db = ctx.db;
  // Checked now, and the check recorded for the listing that follows.
  const made = describeBackup(await createBackup(db.raw, db.file, 'manual'));
  if (!made.ok) throw new AppError('damaged', made.problem ?? `The backup ${made.name} could not be checked.`);
  return toEntry(made);
}

/** The file of a listed backup; a name not in the backups folder is refused. */
export function backupFile(dbFile: string, name: string): string {
  const found = listBackupFiles(dbFile).find((b) => b.name === name);
  if (!found) throw new AppError('not_found', `There is no backup named ${name}; choose one from the list.`);
  return found.file;
}

/**
 * Restores a listed backup in the running app: checked, the current file backed up (or, damaged,
 * set aside), swapped, reopened; the session reopens on the restored file, so the window shows
 * the restored data without a restart.
 */
export async function restoreBackup(ctx: Ctx, name: string): Promise<RestoreOutcome> {
  const from = backupFile(ctx.dbFile, name);
  if (ctx.damaged) {
    const r = await restoreOverDamaged(ctx.dbFile, from, ctx.openOptions);
    ctx.replaceDb(r.db);
    return { restored: name, workspaces: r.workspaces, keptAs: path.basename(r.kept) };
  }
  const r = await restoreDb(ctx.db, from, ctx.openOptions);
  ctx.replaceDb(r.db);
  return { restored: name, workspaces: r.workspaces, keptAs: r.safety.name };
}
