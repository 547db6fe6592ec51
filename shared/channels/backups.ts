import { z } from 'zod';
import { out } from './common';

/**
 * Backups of the whole database file (issue 11 point 1): they concern every workspace, so these
 * channels are unscoped. The list and the restore are also "recovery" channels: they answer while
 * the database is damaged and cannot be opened, when every other channel is refused.
 */

export interface BackupEntry {
  /** The file name in the backups folder; the restore names a backup by it. */
  name: string;
  kind: 'daily' | 'manual' | 'before-migration' | 'before-restore';
  createdAt: string;
  bytes: number;
  workspaces: string[];
  /** The newest month of KPI data inside, YYYY-MM. */
  newestMonth: string | null;
  /** False when the copy cannot be restored (damaged, from a newer version); `problem` says why. */
  ok: boolean;
  problem?: string;
}

export interface RestoreOutcome {
  restored: string;
  workspaces: string[];
  /** The backup of the file as it was before the restore (or the damaged file set aside). */
  keptAs: string;
}

/** Answers while the database is damaged (see main/ipc/dispatch.ts). */
export const recovery = { scoped: false, recovery: true } as const;

/** A backup's file name as listed: no folder, no way out of the backups folder. */
export const backupName = z
  .string()
  .max(255)
  .regex(/^[\w.-]+\.db$/, 'Choose a backup from the list')
  .refine((s) => !s.startsWith('.'), 'Choose a backup from the list');

export const backupsChannels = {
  'backups.list': { input: z.object({}), output: out<BackupEntry[]>(), ...recovery },
  'backups.create': { input: z.object({}), output: out<BackupEntry>(), scoped: false },
  'backups.restore': { input: z.object({ name: backupName }), output: out<RestoreOutcome>(), ...recovery },
} as const;
