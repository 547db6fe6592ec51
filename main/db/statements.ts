import type BetterSqlite3 from 'better-sqlite3';

/**
 * The one cache of prepared statements: per connection, per SQL text and mode, so hot paths (an
 * import's inserts, the scorer's reads, every Kysely query run through `all`/`first`/`run`) make
 * each statement once and reuse it. A statement's mode (rows as arrays, the first column only) is
 * part of its key: better-sqlite3 changes the mode on the statement object itself.
 */
export type StatementMode = 'rows' | 'raw' | 'pluck';

const MAX_CACHED = 500;
const cache = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

export function prepared(
  raw: BetterSqlite3.Database,
  sql: string,
  mode: StatementMode = 'rows',
): BetterSqlite3.Statement {
  let statements = cache.get(raw);
  if (!statements) {
    statements = new Map();
    cache.set(raw, statements);
  }
  const key = `${mode}\u0000${sql}`;
  let stmt = statements.get(key);
  if (!stmt) {
    stmt = raw.prepare(sql);
    if (mode === 'raw') stmt.raw(true);
    if (mode === 'pluck') stmt.pluck(true);
    // statements built from user-shaped SQL (an IN list's length) cannot pile up without end
    if (statements.size >= MAX_CACHED) statements.clear();
    statements.set(key, stmt);
  }
  return stmt;
}
