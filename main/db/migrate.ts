import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import { MIGRATIONS } from '../../migrations';
import { AppError } from '../../shared/errors';
import type { Db } from './open';

// Each migration runs in its own transaction (issue 11 point 3): BEGIN; up(); record it; COMMIT.
// SQLite's DDL is transactional, so a failure or a crash leaves the file at the previous version.
// The bookkeeping table is Kysely's own (kysely_migration), so files migrated before stay readable.

const TABLE = 'kysely_migration';

function ensureTable(db: Db): void {
  db.raw.exec(
    `CREATE TABLE IF NOT EXISTS ${TABLE} (name varchar(255) NOT NULL PRIMARY KEY, timestamp varchar(255) NOT NULL)`,
  );
}

/** The names of migrations already applied to the file (empty for a new file). */
export function appliedMigrations(db: Db): string[] {
  const exists = db.raw.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(TABLE);
  if (!exists) return [];
  return (db.raw.prepare(`SELECT name FROM ${TABLE} ORDER BY name`).all() as Array<{ name: string }>).map(
    (r) => r.name,
  );
}

/** Migrations in the file this app does not know: the file comes from a newer version. */
export function unknownMigrations(applied: string[], migrations: Record<string, Migration> = MIGRATIONS): string[] {
  return applied.filter((n) => !(n in migrations));
}

export function pendingMigrations(db: Db, migrations: Record<string, Migration> = MIGRATIONS): string[] {
  const applied = new Set(appliedMigrations(db));
  return Object.keys(migrations)
    .sort()
    .filter((n) => !applied.has(n));
}

export const newerVersionError = () =>
  new AppError('refused', 'This database was written by a newer version of KPI Dashboard; update the app to open it.');

/** Refuses a file written by a newer version (it has migrations this app does not know). */
export function assertKnownSchema(db: Db, migrations: Record<string, Migration> = MIGRATIONS): void {
  if (unknownMigrations(appliedMigrations(db), migrations).length) throw newerVersionError();
}

async function runOne(db: Db, name: string, migration: Migration): Promise<void> {
  db.raw.exec('BEGIN IMMEDIATE');
  try {
    ensureTable(db);
    await migration.up(db.k as Kysely<unknown>);
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES (${name}, ${new Date().toISOString()})`.execute(
      db.k,
    );
    db.raw.exec('COMMIT');
  } catch (e) {
    if (db.raw.inTransaction) db.raw.exec('ROLLBACK');
    throw e;
  }
}

export interface MigrateResult {
  applied: string[];
  failed?: { name: string; error: unknown };
}

/** Applies every pending migration, each in its own transaction; stops at the first failure. */
export async function runMigrations(
  db: Db,
  migrations: Record<string, Migration> = MIGRATIONS,
): Promise<MigrateResult> {
  assertKnownSchema(db, migrations);
  const pending = pendingMigrations(db, migrations);
  if (!pending.length) return { applied: [] };
  const applied: string[] = [];
  for (const name of pending) {
    try {
      await runOne(db, name, migrations[name]);
    } catch (error) {
      return { applied, failed: { name, error } };
    }
    applied.push(name);
  }
  return { applied };
}
