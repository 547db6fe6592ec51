/**
 * Export of one workspace as a .kpiw file (issue 11, point 4): the customer row and every row of
 * it (users, accounts, uploads with their original files, KPIs, values, scores, triggers,
 * executions, reports, settings, remembered mappings, and whatever later migrations add), with the
 * reference ranges it was scored against.
 */
import zlib from 'node:zlib';
import type { Db } from '../db/open';
import { RANGE_COLUMNS } from '../ranges/service';
import { getWorkspace } from '../workspaces/service';
import { sealWorkspaceBody } from './container';
import { encodeCell, RANGES_TABLE, type TableInfo, workspaceTables } from './tables';

/**
 * The body's layout. 1: one JSON document (WorkspaceDump). 2: lines of JSON: the head (the dump
 * without its tables), then each table as a line {"table", "columns"} followed by one line per
 * row, so that neither writing nor reading ever holds a workspace as one string (a year of a
 * 500-account roll-up is more than V8's longest string). Version 1 files are still read.
 */
export const DUMP_VERSION = 2;

export interface WorkspaceDump {
  app: 'KPI Dashboard';
  dumpVersion: number;
  /** The schema the rows were written under (kysely_migration names). */
  migrations: string[];
  workspace: { name: string; email: string | null; phone: string | null };
  tables: Record<string, { columns: string[]; rows: unknown[][] }>;
  ranges: Array<Record<string, unknown>>;
}

/** The first line of a version 2 body. */
export type DumpHead = Omit<WorkspaceDump, 'tables'>;

/** The range columns that travel (ids, authors and times are the machine's own): the ranges file's columns. */
export const RANGE_FIELDS = RANGE_COLUMNS;

/** The rows of a table that belong to the workspace, one at a time. */
function* selectRows(db: Db, t: TableInfo, customerId: number, exported: Map<string, Set<unknown>>) {
  const cols = t.columns.map((c) => `"${c}"`).join(', ');
  if (t.columns.includes('customer_id')) {
    yield* db.raw
      .prepare(`SELECT ${cols} FROM "${t.name}" WHERE customer_id = ?`)
      .raw()
      .iterate(customerId) as IterableIterator<unknown[]>;
    return;
  }
  // No customer_id: the rows that point at rows already exported (e.g. a KPI row at its upload).
  const owning = t.foreignKeys.filter((f) => exported.has(`${f.table}.${f.to}`));
  for (const row of db.raw.prepare(`SELECT ${cols} FROM "${t.name}"`).raw().iterate() as IterableIterator<unknown[]>) {
    if (
      owning.some((f) => {
        const v = row[t.columns.indexOf(f.from)];
        return v != null && exported.get(`${f.table}.${f.to}`)!.has(v);
      })
    )
      yield row;
  }
}

/** What a walk over a workspace's rows is told: each table (parents first), then each of its rows. */
export interface DumpVisitor {
  table(name: string, columns: string[]): void;
  row(cells: unknown[]): void;
}

/** The dump without its tables: the workspace, the schema, the reference ranges. */
export function dumpHead(db: Db, customerId: number): DumpHead {
  const ws = getWorkspace(db, customerId);
  const customer = db.raw.prepare('SELECT email, phone FROM customers WHERE customer_id = ?').get(customerId) as {
    email: string | null;
    phone: string | null;
  };
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
    ranges,
  };
}

/** Every row of the workspace, table by table, parents first, each row read and handed on alone. */
export function walkWorkspace(db: Db, customerId: number, visit: DumpVisitor): void {
  const tables = workspaceTables(db.raw);
  const referenced = new Set(tables.flatMap((t) => t.foreignKeys.map((f) => `${f.table}.${f.to}`)));
  const exported = new Map<string, Set<unknown>>([['customers.customer_id', new Set([customerId])]]);
  for (const t of tables) {
    visit.table(t.name, t.columns);
    const keys = t.columns.flatMap((col, i) => {
      const key = `${t.name}.${col}`;
      if (!referenced.has(key)) return [];
      const ids = new Set<unknown>();
      exported.set(key, ids);
      return [{ i, ids }];
    });
    for (const row of selectRows(db, t, customerId, exported)) {
      for (const k of keys) k.ids.add(row[k.i]);
      visit.row(row.map(encodeCell));
    }
  }
}

export interface ExportSummary {
  workspace: string;
  bytes: Uint8Array;
  accounts: number;
  uploads: number;
  encrypted: boolean;
}

/** How much text is gzipped at a time: each piece a gzip member of the body, of whole lines. */
const PIECE_CHARS = 8 * 1024 * 1024;

/** The .kpiw file of a workspace (the version 2 body, in pieces); encrypted when a passphrase is given. */
export function exportWorkspaceFile(db: Db, customerId: number, passphrase?: string): ExportSummary {
  const head = dumpHead(db, customerId);
  const pieces: Buffer[] = [];
  let text = `${JSON.stringify(head)}\n`;
  const add = (line: string) => {
    text += `${line}\n`;
    if (text.length < PIECE_CHARS) return;
    pieces.push(zlib.gzipSync(Buffer.from(text, 'utf8')));
    text = '';
  };
  const counts = new Map<string, number>();
  let current = '';
  walkWorkspace(db, customerId, {
    table(name, columns) {
      current = name;
      add(JSON.stringify({ table: name, columns }));
    },
    row(cells) {
      counts.set(current, (counts.get(current) ?? 0) + 1);
      add(JSON.stringify(cells));
    },
  });
  if (text) pieces.push(zlib.gzipSync(Buffer.from(text, 'utf8')));
  const lengths = pieces.map((p) => p.length);
  return {
    workspace: head.workspace.name,
    bytes: sealWorkspaceBody(Buffer.concat(pieces), head.workspace.name, passphrase, lengths),
    accounts: counts.get('accounts') ?? 0,
    uploads: counts.get('kpi_uploads') ?? 0,
    encrypted: Boolean(passphrase),
  };
}
