import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS } from '../../migrations';
import { AppError } from '../../shared/errors';
import { ensurePrivateDir, ensurePrivateFile, writePrivateFile } from './files';

// Backups (issue 11 point 1): SQLite's online backup API into a `backups` folder beside the database,
// named <stem>-YYYYMMDDTHHMMSS-mmmZ-<kind>.db, written to a .partial file then renamed (a crash leaves
// no half backup under a real name). Kept: 7 daily and 4 weekly copies, plus the newest safety copies.

export const BACKUP_KINDS = ['daily', 'manual', 'before-migration', 'before-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export interface BackupInfo {
  file: string;
  name: string;
  kind: BackupKind;
  createdAt: string;
  bytes: number;
}

export interface BackupDetails extends BackupInfo {
  workspaces: string[];
  newestMonth: string | null;
  ok: boolean;
  problem?: string;
}

export const backupDir = (dbFile: string) => path.join(path.dirname(path.resolve(dbFile)), 'backups');
const stemOf = (dbFile: string) => path.basename(dbFile).replace(/\.[^.]*$/, '');

export function stamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.(\d{3})Z$/, '-$1Z');
}

function parseStamp(s: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})-(\d{3})Z$/.exec(s);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : null;
}

export function backupName(dbFile: string, kind: BackupKind, at: Date): string {
  return `${stemOf(dbFile)}-${stamp(at)}-${kind}.db`;
}

/** The backups of a database, newest first. */
export function listBackupFiles(dbFile: string): BackupInfo[] {
  const dir = backupDir(dbFile);
  if (!fs.existsSync(dir)) return [];
  const stem = stemOf(dbFile);
  const re = new RegExp(
    `^${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d{8}T\\d{6}-\\d{3}Z)-(${BACKUP_KINDS.join('|')})\\.db$`,
  );
  const out: BackupInfo[] = [];
  for (const name of fs.readdirSync(dir)) {
    const m = re.exec(name);
    const createdAt = m ? parseStamp(m[1]) : null;
    if (!m || !createdAt) continue;
    const file = path.join(dir, name);
    out.push({ file, name, kind: m[2] as BackupKind, createdAt, bytes: fs.statSync(file).size });
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Copies the open database with the online backup API; the copy is owner-only. */
export async function createBackup(
  raw: BetterSqlite3.Database,
  dbFile: string,
  kind: BackupKind,
  options: { to?: string; now?: Date } = {},
): Promise<BackupInfo> {
  const at = options.now ?? new Date();
  const target = options.to ? path.resolve(options.to) : path.join(backupDir(dbFile), backupName(dbFile, kind, at));
  if (options.to) fs.mkdirSync(path.dirname(target), { recursive: true });
  else ensurePrivateDir(path.dirname(target), true);
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  fs.closeSync(fs.openSync(partial, 'w', 0o600));
  ensurePrivateFile(partial);
  await raw.backup(partial);
  fs.renameSync(partial, target);
  ensurePrivateFile(target);
  if (!options.to) pruneBackups(dbFile);
  return {
    file: target,
    name: path.basename(target),
    kind,
    createdAt: at.toISOString(),
    bytes: fs.statSync(target).size,
  };
}

const dayOf = (iso: string) => iso.slice(0, 10);
function weekOf(iso: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
  return monday.toISOString().slice(0, 10);
}

/** Which backups retention keeps: newest per day for 7 days, newest per week for 4 weeks, 2 safety copies of each other kind. */
export function retained(backups: BackupInfo[]): Set<string> {
  const keep = new Set<string>();
  const days = new Set<string>();
  const weeks = new Set<string>();
  const regular = backups.filter((b) => b.kind === 'daily' || b.kind === 'manual');
  for (const b of regular) {
    const day = dayOf(b.createdAt);
    if (days.size < 7 && !days.has(day)) {
      days.add(day);
      keep.add(b.file);
    }
  }
  for (const b of regular) {
    const week = weekOf(b.createdAt);
    if (weeks.size < 4 && !weeks.has(week)) {
      weeks.add(week);
      keep.add(b.file);
    }
  }
  for (const kind of ['before-migration', 'before-restore'] as const)
    for (const b of backups.filter((x) => x.kind === kind).slice(0, 2)) keep.add(b.file);
  return keep;
}

export function pruneBackups(dbFile: string): string[] {
  const all = listBackupFiles(dbFile);
  const keep = retained(all);
  const removed = all.filter((b) => !keep.has(b.file));
  // With the copy go its check record and the -wal/-shm files a reader of a WAL copy may leave.
  for (const b of removed)
    for (const f of [b.file, checkFile(b.file), `${b.file}-wal`, `${b.file}-shm`]) fs.rmSync(f, { force: true });
  return removed.map((b) => b.file);
}

/** Whether a daily backup was already made today (local day of the machine, UTC stamps compared by day). */
export function hasBackupToday(dbFile: string, now = new Date()): boolean {
  const today = now.toISOString().slice(0, 10);
  return listBackupFiles(dbFile).some((b) => b.createdAt.slice(0, 10) === today);
}

/**
 * Checks a copy before a restore: it opens read-only, passes integrity_check, and its schema is not
 * from a newer version. Returns the workspaces and newest data month inside. Throws AppError otherwise.
 */
export function inspectCopy(file: string): { workspaces: string[]; newestMonth: string | null } {
  const what = `The backup ${path.basename(file)}`;
  if (!fs.existsSync(file)) throw new AppError('not_found', `${what} was not found.`);
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok')
      throw new AppError('damaged', `${what} is damaged (${String(check).slice(0, 80)}); choose another.`);
    const hasTable = db.prepare(`SELECT 1 FROM sqlite_master WHERE type='table' AND name='kysely_migration'`).get();
    if (!hasTable) throw new AppError('refused', `${what} is not a KPI Dashboard database.`);
    const names = (db.prepare('SELECT name FROM kysely_migration').all() as Array<{ name: string }>).map((r) => r.name);
    if (names.some((n) => !(n in MIGRATIONS)))
      throw new AppError(
        'refused',
        `${what} comes from a newer version of KPI Dashboard; update the app to restore it.`,
      );
    const workspaces = (
      db.prepare('SELECT customer_name FROM customers ORDER BY customer_name').all() as Array<{
        customer_name: string;
      }>
    ).map((r) => r.customer_name);
    const newest = db.prepare('SELECT year, month FROM kpi_time_series ORDER BY year DESC, month DESC LIMIT 1').get() as
      | { year: number; month: number }
      | undefined;
    const newestMonth = newest ? `${newest.year}-${String(newest.month).padStart(2, '0')}` : null;
    return { workspaces, newestMonth };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('damaged', `${what} cannot be read as a database (${(e as Error).message}).`);
  } finally {
    db?.close();
  }
}

/** What a backup's check found, kept beside it (owner-only) for the next listing: `<backup>.json`. */
type CheckRecord = Omit<BackupDetails, keyof BackupInfo> & { bytes: number; mtimeMs: number };
const checkFile = (backup: string) => `${backup}.json`;

function recordedCheck(b: BackupInfo, mtimeMs: number): CheckRecord | null {
  try {
    const r = JSON.parse(fs.readFileSync(checkFile(b.file), 'utf8')) as CheckRecord;
    return r.bytes === b.bytes && r.mtimeMs === mtimeMs && Array.isArray(r.workspaces) ? r : null;
  } catch {
    return null;
  }
}

/**
 * What is inside one backup, checked (integrity_check) the first time it is listed and recorded
 * beside it: a backup is never written again, and checking every copy at each listing took seconds
 * per copy of a large database (2.1 s for 600 MB) while the window waited. A restore checks again.
 */
export function describeBackup(b: BackupInfo): BackupDetails {
  const mtimeMs = fs.statSync(b.file).mtimeMs;
  const known = recordedCheck(b, mtimeMs);
  if (known) {
    const { bytes: _bytes, mtimeMs: _mtime, ...found } = known;
    return { ...b, ...found };
  }
  let found: Omit<BackupDetails, keyof BackupInfo>;
  try {
    found = { ...inspectCopy(b.file), ok: true };
  } catch (e) {
    found = { workspaces: [], newestMonth: null, ok: false, problem: (e as Error).message };
  }
  try {
    writePrivateFile(checkFile(b.file), JSON.stringify({ ...found, bytes: b.bytes, mtimeMs }));
  } catch {
    // a read-only backups folder: checked again next time
  }
  return { ...b, ...found };
}

/** The backups with what is inside each (a damaged copy is listed with its problem). */
export function listBackups(dbFile: string): BackupDetails[] {
  return listBackupFiles(dbFile).map(describeBackup);
}
