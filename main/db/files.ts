import fs from 'node:fs';

// Owner-only permissions for everything that holds a workspace's data (issue 11 point 6). Windows has
// no POSIX modes: chmod there only toggles read-only, so these are no-ops in effect.
const POSIX = process.platform !== 'win32';

/**
 * Creates the folder owner-only (0700) if it is missing. An existing folder keeps its mode unless
 * `force` (a folder the app owns, such as backups): a database named in the current folder must not
 * change that folder's permissions.
 */
export function ensurePrivateDir(dir: string, force = false): void {
  const created = fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (POSIX && (created || force)) fs.chmodSync(dir, 0o700);
}

/** Makes an existing file owner-only (0600); a missing file is left alone. */
export function ensurePrivateFile(file: string): void {
  if (!POSIX) return;
  try {
    fs.chmodSync(file, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** Creates an empty owner-only file unless it exists (so SQLite never creates it world-readable). */
export function createPrivateFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  ensurePrivateFile(file);
}

/** The database and its WAL companions, owner-only. */
export function privateDbFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) ensurePrivateFile(f);
}

/** Writes bytes to a new owner-only file. */
export function writePrivateFile(file: string, bytes: Buffer | string): void {
  fs.writeFileSync(file, bytes, { mode: 0o600 });
  ensurePrivateFile(file);
}
