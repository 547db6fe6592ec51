import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, type Migration, SqliteDialect } from 'kysely';
import { AppError } from '../../shared/errors';
import { log } from '../log';
import { createBackup, hasBackupToday } from './backups';
import { createPrivateFile, ensurePrivateDir, privateDbFiles } from './files';
import { appliedMigrations, assertKnownSchema, pendingMigrations, runMigrations } from './migrate';
import type { Database } from './schema';
import { prepared } from './statements';

export interface Db {
  /** Kysely over the same connection, for typed queries. */
  k: Kysely<Database>;
  /** The raw connection, for hot paths (prepared statements reused in bulk writes). */
  raw: BetterSqlite3.Database;
  file: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  migrate?: boolean;
  nativeBinding?: string;
  /** The first open of the day makes a daily backup (the app and the preview; not the CLI or tests). */
  dailyBackup?: boolean;
}

export const damagedError = (file: string, problem: string) =>
  new AppError(
    'damaged',
    `The database ${path.basename(file)} is damaged (${problem.slice(0, 120)}); restore it from a backup.`,
  );

function connect(file: string, options: OpenOptions): BetterSqlite3.Database {
  if (file !== ':memory:') {
    ensurePrivateDir(path.dirname(path.resolve(file)));
    // A restore cut off before its rename leaves this beside the (untouched) database.
    fs.rmSync(`${file}.restoring`, { force: true });
    createPrivateFile(file);
  }
  const raw = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    raw.pragma('journal_mode = WAL');
    // A damaged file is never replaced or written to: the caller offers a backup instead.
    const check = String(raw.pragma('quick_check', { simple: true }));
    if (check !== 'ok') throw damagedError(file, check);
  } catch (e) {
    raw.close();
    if (e instanceof AppError) throw e;
    throw damagedError(file, (e as Error).message);
  }
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('synchronous = NORMAL');
  // 64 MB of page cache: an import writes hundreds of thousands of index entries at once.
  raw.pragma('cache_size = -65536');
  if (file !== ':memory:') privateDbFiles(file);
  return raw;
}

/** Opens (creating if needed) the app's SQLite file, checks it, backs it up and brings its schema up to date. */
export async function openDb(file: string, options: OpenOptions = {}): Promise<Db> {
  const raw = connect(file, options);
  const k = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  let closed = false;
  const db: Db = {
    k,
    raw,
    file,
    close: async () => {
      if (closed) return;
      closed = true;
      await k.destroy();
    },
  };
  try {
    if (file !== ':memory:') await backupsAtOpen(db, options);
    if (options.migrate !== false) await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}

/** The daily backup (if asked) and a before-migration backup when an existing file has pending migrations. */
async function backupsAtOpen(db: Db, options: OpenOptions): Promise<void> {
  const applied = appliedMigrations(db);
  if (!applied.length) return; // a new file: nothing to keep
  assertKnownSchema(db);
  if (options.dailyBackup && !hasBackupToday(db.file)) await createBackup(db.raw, db.file, 'daily');
  if (options.migrate !== false && pendingMigrations(db).length)
    await createBackup(db.raw, db.file, 'before-migration');
}

export async function migrate(db: Db, migrations?: Record<string, Migration>): Promise<void> {
  const started = performance.now();
  const { applied, failed } = await runMigrations(db, migrations);
  if (failed) {
    log.error('migrations.failed', { db: db.file, migration: failed.name, error: String(failed.error) });
    throw new Error(`Database migration ${failed.name} failed: ${String(failed.error)}`);
  }
  log.info('migrations', { db: db.file, applied, ms: Math.round(performance.now() - started) });
}

/**
 * Runs fn inside one SQLite transaction on the raw connection (BEGIN IMMEDIATE ... COMMIT),
 * rolled back on any throw. Kysely queries issued through db.k inside fn share the connection
 * and so the transaction. fn must be synchronous: better-sqlite3 is, and an await inside would
 * let other work interleave with the open transaction.
 */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.raw.transaction(fn).immediate();
}

interface Compilable<R> {
  compile(): { sql: string; parameters: readonly unknown[] };
  /** Carries the row type only. */
  readonly __rowType?: R;
}
type RowOf<Q> = Q extends { execute(): Promise<Array<infer R>> } ? R : never;

const statement = (db: Db, sqlText: string) => prepared(db.raw, sqlText);

/**
 * Synchronous execution of a query built with Kysely: typed like the query, usable inside
 * inTransaction. Prepared statements are cached per connection.
 */
export function all<Q extends Compilable<unknown> & { execute(): Promise<unknown[]> }>(db: Db, query: Q): RowOf<Q>[] {
  const c = query.compile();
  const stmt = statement(db, c.sql);
  if (!stmt.reader) {
    stmt.run(...(c.parameters as unknown[]));
    return [];
  }
  return stmt.all(...(c.parameters as unknown[])) as RowOf<Q>[];
}

export function first<Q extends Compilable<unknown> & { execute(): Promise<unknown[]> }>(
  db: Db,
  query: Q,
): RowOf<Q> | undefined {
  const c = query.compile();
  return statement(db, c.sql).get(...(c.parameters as unknown[])) as RowOf<Q> | undefined;
}

/** Runs a write built with Kysely; returns the changed row count and last row id. */
export function run(db: Db, query: Compilable<unknown>): { changes: number; lastInsertRowid: number } {
  const c = query.compile();
  const stmt = statement(db, c.sql);
  const r = stmt.reader
    ? { changes: stmt.all(...(c.parameters as unknown[])).length, lastInsertRowid: 0 }
    : stmt.run(...(c.parameters as unknown[]));
  return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) };
}
