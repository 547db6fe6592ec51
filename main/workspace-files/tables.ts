/**
 * Which rows make up a workspace, read from the database's own schema (PRAGMA table_info,
 * foreign_key_list, index_list), so a table a later migration adds travels without a change here:
 * a table belongs to the workspace when it has a customer_id column or a foreign key to a table
 * that belongs; its rows are those of the workspace or those pointing at exported rows.
 */
import type BetterSqlite3 from 'better-sqlite3';

/** Tables that are the app's own bookkeeping or shared by every workspace. */
const NOT_A_WORKSPACE_TABLE = new Set(['kysely_migration', 'kysely_migration_lock', 'app_state', 'customers']);
export const RANGES_TABLE = 'kpi_reference_ranges';

export interface ForeignKey {
  from: string;
  table: string;
  to: string;
}

export interface TableInfo {
  name: string;
  columns: string[];
  /** The single INTEGER primary key (a row id the import assigns anew), or null. */
  rowId: string | null;
  foreignKeys: ForeignKey[];
  /** Single non-integer columns with a UNIQUE index other than the row id (e.g. a playbook execution's id). */
  uniqueText: string[];
}

type Raw = BetterSqlite3.Database;

function tableInfo(raw: Raw, name: string): TableInfo {
  const cols = raw.prepare(`PRAGMA table_info("${name}")`).all() as Array<{ name: string; type: string; pk: number }>;
  const pks = cols.filter((c) => c.pk > 0);
  const rowId = pks.length === 1 && /^INTEGER$/i.test(pks[0].type) ? pks[0].name : null;
  const foreignKeys = (raw.prepare(`PRAGMA foreign_key_list("${name}")`).all() as ForeignKey[]).map((f) => ({
    from: f.from,
    table: f.table,
    to: f.to,
  }));
  const uniqueText: string[] = [];
  for (const idx of raw.prepare(`PRAGMA index_list("${name}")`).all() as Array<{ name: string; unique: number }>) {
    if (!idx.unique) continue;
    const parts = raw.prepare(`PRAGMA index_info("${idx.name}")`).all() as Array<{ name: string }>;
    const col = cols.find((c) => c.name === parts[0]?.name);
    if (parts.length === 1 && col && col.name !== rowId && !/INT/i.test(col.type)) uniqueText.push(col.name);
  }
  return { name, columns: cols.map((c) => c.name), rowId, foreignKeys, uniqueText };
}

/** The workspace's tables, parents before children (a foreign key's table comes first). */
export function workspaceTables(raw: Raw): TableInfo[] {
  const names = (
    raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{
      name: string;
    }>
  ).map((r) => r.name);
  const infos = new Map(names.map((n) => [n, tableInfo(raw, n)]));
  const belongs = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of infos.values()) {
      if (belongs.has(t.name) || NOT_A_WORKSPACE_TABLE.has(t.name) || t.name === RANGES_TABLE) continue;
      if (t.columns.includes('customer_id') || t.foreignKeys.some((f) => belongs.has(f.table))) {
        belongs.add(t.name);
        grew = true;
      }
    }
  }
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  const visit = (name: string, path: Set<string>) => {
    if (placed.has(name) || path.has(name) || !belongs.has(name)) return;
    path.add(name);
    for (const f of infos.get(name)!.foreignKeys) if (f.table !== name) visit(f.table, path);
    placed.add(name);
    ordered.push(infos.get(name)!);
  };
  for (const name of [...belongs].sort()) visit(name, new Set());
  return ordered;
}

/** A BLOB survives JSON as {"$b64": "..."}. */
export function encodeCell(v: unknown): unknown {
  return Buffer.isBuffer(v) || v instanceof Uint8Array ? { $b64: Buffer.from(v).toString('base64') } : v;
}

export function decodeCell(v: unknown): unknown {
  if (v && typeof v === 'object' && typeof (v as { $b64?: unknown }).$b64 === 'string')
    return Buffer.from((v as { $b64: string }).$b64, 'base64');
  return v;
}
