/**
 * Export of one workspace as a .kpiw file (issue 11, point 4): the customer row and every row of
 * it (users, accounts, uploads with their original files, KPIs, values, scores, triggers,
 * executions, reports, settings, remembered mappings, and whatever later migrations add), with the
 * reference ranges it was scored against.
 */
import type { Db } from '../db/open';
import { RANGE_COLUMNS } from '../ranges/service';
import { getWorkspace } from '../workspaces/service';
import { sealWorkspace } from './container';
import { encodeCell, RANGES_TABLE, type TableInfo, workspaceTables } from './tables';

export const DUMP_VERSION = 1;

export interface WorkspaceDump {
  app: 'KPI Dashboard';
  dumpVersion: number;
  /** The schema the rows were written under (kysely_migration names). */
  migrations: string[];
  workspace: { name: string; email: string | null; phone: string | null };
  tables: Record<string, { columns: string[]; rows: unknown[][] }>;
  ranges: Array<Record<string, unknown>>;
}

/** The range columns that travel (ids, authors and times are the machine's own): the ranges file's columns. */
export const RANGE_FIELDS = RANGE_COLUMNS;

function selectRows(db: Db, t: TableInfo, customerId: number, exported: Map<string, Set<unknown>>): unknown[][] {
  const cols = t.columns.map((c) => `"${c}"`).join(', ');
  if (t.columns.includes('customer_id')) {
    return db.raw.prepare(`SELECT ${cols} FROM "${t.name}" WHERE customer_id = ?`).raw().all(customerId) as unknown[][];
  }
  // No customer_id: the rows that point at rows already exported (e.g. a KPI row at its upload).
  const owning = t.foreignKeys.filter((f) => exported.has(`${f.table}.${f.to}`));
  const all = db.raw.prepare(`SELECT ${cols} FROM "${t.name}"`).raw().all() as unknown[][];
  return all.filter((row) =>
    owning.some((f) => {
      const v = row[t.columns.indexOf(f.from)];
      return v != null && exported.get(`${f.table}.${f.to}`)!.has(v);
    }),
  );
}

/** Every row of the workspace, table by table, parents first. */
export function dumpWorkspace(db: Db, customerId: number): WorkspaceDump {
  const ws = getWorkspace(db, customerId);
  const customer = db.raw.prepare('SELECT email, phone FROM customers WHERE customer_id = ?').get(customerId) as {
    email: string | null;
    phone: string | null;
  };
  const tables = workspaceTables(db.raw);
  const referenced = new Set(tables.flatMap((t) => t.foreignKeys.map((f) => `${f.table}.${f.to}`)));
  const exported = new Map<string, Set<unknown>>([['customers.customer_id', new Set([customerId])]]);
  const out: WorkspaceDump['tables'] = {};
  for (const t of tables) {
    const rows = selectRows(db, t, customerId, exported);
    for (const col of t.columns) {
      const key = `${t.name}.${col}`;
      if (referenced.has(key)) exported.set(key, new Set(rows.map((r) => r[t.columns.indexOf(col)])));
    }
    out[t.name] = { columns: t.columns, rows: rows.map((r) => r.map(encodeCell)) };
  }
  const migrations = (
    db.raw.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as Array<{ name: string }>
  ).map((m) => m.name);
  const ranges = db.raw
    .prepare(`SELECT ${RANGE_FIELDS.join(', ')} FROM ${RANGES_TABLE} ORDER BY kpi_name`)
    .all() as WorkspaceDump['ranges'];
  return {
    app: 'KPI Dashboard',
    dumpVersion: DUMP_VERSION,
    migrations,
    workspace: { name: ws.name, email: customer.email, phone: customer.phone },
    tables: out,
    ranges,
  };
}

export interface ExportSummary {
  workspace: string;
  bytes: Uint8Array;
  accounts: number;
  uploads: number;
  encrypted: boolean;
}

/** The .kpiw file of a workspace; encrypted when a passphrase is given. */
export function exportWorkspaceFile(db: Db, customerId: number, passphrase?: string): ExportSummary {
  const dump = dumpWorkspace(db, customerId);
  return {
    workspace: dump.workspace.name,
    bytes: sealWorkspace(JSON.stringify(dump), dump.workspace.name, passphrase),
    accounts: dump.tables.accounts?.rows.length ?? 0,
    uploads: dump.tables.kpi_uploads?.rows.length ?? 0,
    encrypted: Boolean(passphrase),
  };
}
