import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrationProvider } from '../../migrations';
import { log } from '../log';
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

/** Opens (creating if needed) the app's SQLite file and brings its schema up to date. */
export async function openDb(file: string, options: { migrate?: boolean; nativeBinding?: string } = {}): Promise<Db> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const raw = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('synchronous = NORMAL');
  // 64 MB of page cache: an import writes hundreds of thousands of index entries at once.
  raw.pragma('cache_size = -65536');
  const k = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  const db: Db = {
    k,
    raw,
    file,
    close: async () => {
      await k.destroy();
    },
  };
  if (options.migrate !== false) await migrate(db);
  return db;
}

export async function migrate(db: Db): Promise<void> {
  const started = performance.now();
  const migrator = new Migrator({ db: db.k, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    log.error('migrations.failed', { db: db.file, migration: failed?.migrationName, error });
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
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
