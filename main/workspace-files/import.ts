/**
 * Import of a .kpiw file as a new workspace (issue 11, point 4): never merged into an existing one
 * (a name clash gets "Name (2)"), every row given a new id with its references followed, all in
 * one transaction. The reference ranges in the file are compared with this machine's: the local
 * ones are kept unless told to replace them, and the scores are recomputed either way when they
 * differ, so what the window shows matches the ranges in force.
 */
import type { RangeDifference, WorkspaceFileImport, WorkspaceFileInfo } from '../../shared/channels/workspace-files';
import { AppError } from '../../shared/errors';
import { normalizeName } from '../../shared/names';
import { type Db, inTransaction } from '../db/open';
import { recomputeAllWorkspaces, recomputeScores } from '../scoring/service';
import { readHeader, unsealWorkspace } from './container';
import { DUMP_VERSION, RANGE_FIELDS, type WorkspaceDump } from './export';
import { decodeCell, RANGES_TABLE, type TableInfo, workspaceTables } from './tables';

export type RangesChoice = 'keep' | 'replace';

export type { RangeDifference };
export type ImportSummary = WorkspaceFileImport;

function parseDump(json: string, fileName: string): WorkspaceDump {
  let dump: WorkspaceDump;
  try {
    dump = JSON.parse(json);
  } catch {
    throw new AppError('refused', `${fileName} is damaged: its contents cannot be read.`);
  }
  if (dump?.app !== 'KPI Dashboard' || typeof dump.tables !== 'object' || !dump.workspace?.name)
    throw new AppError('refused', `${fileName} is not a KPI Dashboard workspace file.`);
  if (dump.dumpVersion > DUMP_VERSION)
    throw new AppError(
      'refused',
      `${fileName} was written by a newer version of KPI Dashboard; update the app to open it.`,
    );
  return dump;
}

function assertSchemaKnown(db: Db, dump: WorkspaceDump, fileName: string): void {
  const here = new Set(
    (db.raw.prepare('SELECT name FROM kysely_migration').all() as Array<{ name: string }>).map((m) => m.name),
  );
  if (dump.migrations.some((m) => !here.has(m)))
    throw new AppError(
      'refused',
      `${fileName} was written by a newer version of KPI Dashboard; update the app to open it.`,
    );
}

/** The name, or "Name (2)", "Name (3)"... when a workspace is already called that. */
export function freeWorkspaceName(db: Db, wanted: string): string {
  const taken = new Set(
    (db.raw.prepare('SELECT customer_name FROM customers').all() as Array<{ customer_name: string }>).map((c) =>
      normalizeName(c.customer_name),
    ),
  );
  const base = wanted.trim();
  let name = base;
  for (let n = 2; taken.has(normalizeName(name)); n++) name = `${base} (${n})`;
  return name;
}

/** old value -> new value, per referenced column ("accounts.account_id"). */
type IdMaps = Map<string, Map<unknown, unknown>>;

function freeUnique(db: Db, t: TableInfo, col: string, value: unknown, suffix: number): unknown {
  if (typeof value !== 'string') return value;
  const exists = db.raw.prepare(`SELECT 1 FROM "${t.name}" WHERE "${col}" = ?`);
  let v = value;
  for (let n = 0; exists.get(v); n++) v = `${value}-w${suffix}${n ? `-${n}` : ''}`;
  return v;
}

function insertTable(
  db: Db,
  t: TableInfo,
  data: WorkspaceDump['tables'][string],
  maps: IdMaps,
  customerId: number,
): void {
  const unknown = data.columns.filter((c) => !t.columns.includes(c));
  if (unknown.length)
    throw new AppError('refused', 'This workspace file was written by a newer version of KPI Dashboard.');
  const cols = data.columns.filter((c) => c !== t.rowId);
  const insert = db.raw.prepare(
    `INSERT INTO "${t.name}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
  );
  const fkOf = new Map(t.foreignKeys.map((f) => [f.from, f]));
  for (const row of data.rows) {
    const values = cols.map((c) => {
      const v = decodeCell(row[data.columns.indexOf(c)]);
      if (c === 'customer_id') return customerId;
      const fk = fkOf.get(c);
      if (fk && v != null) {
        const mapped = maps.get(`${fk.table}.${fk.to}`)?.get(v);
        if (mapped === undefined)
          throw new AppError('refused', 'This workspace file is damaged: a row points at one that is not in it.');
        return mapped;
      }
      return t.uniqueText.includes(c) ? freeUnique(db, t, c, v, customerId) : v;
    });
    const id = insert.run(...values).lastInsertRowid;
    if (t.rowId) map(maps, `${t.name}.${t.rowId}`).set(row[data.columns.indexOf(t.rowId)], Number(id));
    for (const c of t.uniqueText)
      map(maps, `${t.name}.${c}`).set(row[data.columns.indexOf(c)], values[cols.indexOf(c)]);
  }
}

function map(maps: IdMaps, key: string): Map<unknown, unknown> {
  let m = maps.get(key);
  if (!m) {
    m = new Map();
    maps.set(key, m);
  }
  return m;
}

type RangeRecord = Record<string, unknown>;

function describeRange(r: RangeRecord): string {
  const edge = (k: string) => (r[k] == null ? '–' : String(r[k]));
  return `critical ${edge('critical_min')}..${edge('critical_max')}, risk ${edge('risk_min')}..${edge('risk_max')}, healthy ${edge('healthy_min')}..${edge('healthy_max')}${r.higher_is_better ? '' : ' (lower is better)'}`;
}

/** The file's ranges that differ from this machine's (or that it does not have). */
export function rangeDifferences(db: Db, fileRanges: RangeRecord[]): RangeDifference[] {
  const local = new Map(
    (db.raw.prepare(`SELECT ${RANGE_FIELDS.join(', ')} FROM ${RANGES_TABLE}`).all() as RangeRecord[]).map((r) => [
      normalizeName(String(r.kpi_name)),
      r,
    ]),
  );
  const out: RangeDifference[] = [];
  for (const f of fileRanges) {
    const here = local.get(normalizeName(String(f.kpi_name)));
    if (here && RANGE_FIELDS.every((k) => k === 'kpi_name' || here[k] === f[k])) continue;
    out.push({ kpi: String(f.kpi_name), here: here ? describeRange(here) : null, inFile: describeRange(f) });
  }
  return out;
}

function replaceRanges(db: Db, fileRanges: RangeRecord[], differences: RangeDifference[]): void {
  const differ = new Set(differences.map((d) => normalizeName(d.kpi)));
  const now = new Date().toISOString();
  for (const r of fileRanges) {
    if (!differ.has(normalizeName(String(r.kpi_name)))) continue;
    const existing = (db.raw.prepare(`SELECT range_id, kpi_name FROM ${RANGES_TABLE}`).all() as RangeRecord[]).find(
      (x) => normalizeName(String(x.kpi_name)) === normalizeName(String(r.kpi_name)),
    );
    const fields = RANGE_FIELDS.filter((k) => k !== 'kpi_name');
    if (existing) {
      db.raw
        .prepare(
          `UPDATE ${RANGES_TABLE} SET ${fields.map((k) => `${k} = ?`).join(', ')}, updated_at = ? WHERE range_id = ?`,
        )
        .run(...fields.map((k) => r[k]), now, existing.range_id);
    } else {
      db.raw
        .prepare(
          `INSERT INTO ${RANGES_TABLE} (${RANGE_FIELDS.join(', ')}) VALUES (${RANGE_FIELDS.map(() => '?').join(', ')})`,
        )
        .run(...RANGE_FIELDS.map((k) => r[k]));
    }
  }
}

/** What a file holds and what importing it would do; nothing is written. */
export function inspectWorkspaceFile(
  db: Db,
  file: Uint8Array,
  opts: { fileName: string; passphrase?: string },
): WorkspaceFileInfo {
  const dump = parseDump(unsealWorkspace(file, opts.fileName, opts.passphrase), opts.fileName);
  assertSchemaKnown(db, dump, opts.fileName);
  return {
    workspace: dump.workspace.name,
    encrypted: Boolean(readHeader(file).header.encryption),
    accounts: dump.tables.accounts?.rows.length ?? 0,
    uploads: dump.tables.kpi_uploads?.rows.length ?? 0,
    importName: freeWorkspaceName(db, dump.workspace.name),
    rangeDifferences: rangeDifferences(db, dump.ranges ?? []),
  };
}

/** Imports a .kpiw file as a new workspace, all or nothing. */
export function importWorkspaceFile(
  db: Db,
  file: Uint8Array,
  opts: { fileName: string; passphrase?: string; name?: string; ranges?: RangesChoice },
): ImportSummary {
  const dump = parseDump(unsealWorkspace(file, opts.fileName, opts.passphrase), opts.fileName);
  assertSchemaKnown(db, dump, opts.fileName);
  const choice = opts.ranges ?? 'keep';
  return inTransaction(db, () => {
    const name = freeWorkspaceName(db, opts.name?.trim() || dump.workspace.name);
    const emailFree =
      dump.workspace.email && !db.raw.prepare('SELECT 1 FROM customers WHERE email = ?').get(dump.workspace.email);
    const customerId = Number(
      db.raw
        .prepare('INSERT INTO customers (customer_name, email, phone) VALUES (?, ?, ?)')
        .run(name, emailFree ? dump.workspace.email : null, dump.workspace.phone).lastInsertRowid,
    );
    const maps: IdMaps = new Map();
    for (const t of workspaceTables(db.raw)) {
      const data = dump.tables[t.name];
      if (data) insertTable(db, t, data, maps, customerId);
    }
    const differences = rangeDifferences(db, dump.ranges ?? []);
    if (differences.length && choice === 'replace') {
      replaceRanges(db, dump.ranges, differences);
      recomputeAllWorkspaces(db);
    } else if (differences.length) {
      recomputeScores(db, customerId);
    }
    return {
      workspaceId: customerId,
      name,
      accounts: dump.tables.accounts?.rows.length ?? 0,
      uploads: dump.tables.kpi_uploads?.rows.length ?? 0,
      rangeDifferences: differences,
      ranges: choice,
    };
  });
}
