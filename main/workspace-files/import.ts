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
import { heapKeeper } from '../heap';
import { recomputeAllWorkspaces, recomputeScores } from '../scoring/service';
import { readHeader, unsealWorkspacePieces } from './container';
import { DUMP_VERSION, type DumpHead, RANGE_FIELDS, type WorkspaceDump } from './export';
import { decodeCell, RANGES_TABLE, type TableInfo, workspaceTables } from './tables';

export type RangesChoice = 'keep' | 'replace';

export type { RangeDifference };
export type ImportSummary = WorkspaceFileImport;

/** One table of a dump: its columns, then its rows one at a time. */
interface DumpTable {
  name: string;
  columns: string[];
  rows(): Iterable<unknown[]>;
  /** How many rows, without reading them. */
  count(): number;
}

/** A dump as the import reads it: the head, then the tables in the order they were written (parents first). */
interface DumpReader {
  head: DumpHead;
  tables(): Iterable<DumpTable>;
}

const damagedDump = (fileName: string) =>
  new AppError('refused', `${fileName} is damaged: its contents cannot be read.`);
const notOurs = (fileName: string) => new AppError('refused', `${fileName} is not a KPI Dashboard workspace file.`);
const fromNewer = (fileName: string) =>
  new AppError('refused', `${fileName} was written by a newer version of KPI Dashboard; update the app to open it.`);
/** A table or column this machine does not have (its migrations were checked first). */
const NEWER_TABLES = 'This workspace file was written by a newer version of KPI Dashboard.';

function parseJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw damagedDump(fileName);
  }
}

function checkHead(head: DumpHead, fileName: string): DumpHead {
  if (head?.app !== 'KPI Dashboard' || !head.workspace?.name || !Array.isArray(head.migrations))
    throw notOurs(fileName);
  if (head.dumpVersion > DUMP_VERSION) throw fromNewer(fileName);
  return head;
}

/** A version 1 body: one JSON document (small by nature: larger workspaces could not be written so). */
function wholeDump(dump: WorkspaceDump, fileName: string): DumpReader {
  const head = checkHead(dump, fileName);
  if (typeof dump.tables !== 'object' || dump.tables === null) throw notOurs(fileName);
  return {
    head,
    *tables() {
      for (const [name, data] of Object.entries(dump.tables))
        yield { name, columns: data.columns, rows: () => data.rows, count: () => data.rows.length };
    },
  };
}

/** The lines of a body given piece by piece (a line cut between two pieces is joined). */
function* bodyLines(pieces: Iterable<Buffer>): Generator<string> {
  let carry: Buffer | null = null;
  for (const piece of pieces) {
    const buf: Buffer = carry ? Buffer.concat([carry, piece]) : piece;
    carry = null;
    let at = 0;
    for (let end = buf.indexOf(10, at); end >= 0; end = buf.indexOf(10, at)) {
      yield buf.toString('utf8', at, end);
      at = end + 1;
    }
    if (at < buf.length) carry = buf.subarray(at);
  }
  if (carry?.length) yield carry.toString('utf8');
}

const isRowLine = (line: IteratorResult<string>) => !line.done && line.value.charCodeAt(0) === 0x5b; /* [ */

/**
 * A version 2 body after its head: each table's line, then its rows' lines, read as they are
 * asked for (once); rows a reader does not ask for are skipped.
 */
function lineTables(lines: Iterator<string>, fileName: string): () => Iterable<DumpTable> {
  return function* tables() {
    let line = lines.next();
    while (!line.done) {
      const t = parseJson(line.value, fileName) as { table?: unknown; columns?: unknown };
      if (typeof t?.table !== 'string' || !Array.isArray(t.columns)) throw damagedDump(fileName);
      line = lines.next();
      yield {
        name: t.table,
        columns: t.columns as string[],
        *rows() {
          while (isRowLine(line)) {
            const row = parseJson((line as IteratorYieldResult<string>).value, fileName);
            if (!Array.isArray(row)) throw damagedDump(fileName);
            line = lines.next();
            yield row;
          }
        },
        count() {
          let n = 0;
          for (; isRowLine(line); line = lines.next()) n++;
          return n;
        },
      };
      while (isRowLine(line)) line = lines.next();
    }
  };
}

/** The dump inside a file's unpacked body, in either layout. */
function readDump(pieces: Iterable<Buffer>, fileName: string): DumpReader {
  const lines = bodyLines(pieces);
  const first = lines.next();
  if (first.done) throw damagedDump(fileName);
  const doc = parseJson(first.value, fileName) as WorkspaceDump;
  if (doc && typeof doc === 'object' && 'tables' in doc) return wholeDump(doc, fileName);
  return { head: checkHead(doc, fileName), tables: lineTables(lines, fileName) };
}

function assertSchemaKnown(db: Db, dump: DumpHead, fileName: string): void {
  const here = new Set(
    (db.raw.prepare('SELECT name FROM kysely_migration').all() as Array<{ name: string }>).map((m) => m.name),
  );
  if (dump.migrations.some((m) => !here.has(m))) throw fromNewer(fileName);
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

/** Inserts a table's rows under new ids, references followed; returns how many. */
function insertTable(db: Db, t: TableInfo, data: DumpTable, maps: IdMaps, customerId: number): number {
  const unknown = data.columns.filter((c) => !t.columns.includes(c));
  if (unknown.length) throw new AppError('refused', NEWER_TABLES);
  const cols = data.columns.filter((c) => c !== t.rowId);
  const insert = db.raw.prepare(
    `INSERT INTO "${t.name}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
  );
  const fkOf = new Map(t.foreignKeys.map((f) => [f.from, f]));
  // Millions of rows parsed in one synchronous transaction: their garbage is collected as it goes (see main/heap.ts).
  const heap = heapKeeper();
  let n = 0;
  for (const row of data.rows()) {
    if (++n % 10_000 === 0) heap.check();
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
  return n;
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
  const dump = readDump(unsealWorkspacePieces(file, opts.fileName, opts.passphrase), opts.fileName);
  const { head } = dump;
  assertSchemaKnown(db, head, opts.fileName);
  const counts = new Map<string, number>();
  for (const t of dump.tables()) if (t.name === 'accounts' || t.name === 'kpi_uploads') counts.set(t.name, t.count());
  return {
    workspace: head.workspace.name,
    encrypted: Boolean(readHeader(file).header.encryption),
    accounts: counts.get('accounts') ?? 0,
    uploads: counts.get('kpi_uploads') ?? 0,
    importName: freeWorkspaceName(db, head.workspace.name),
    rangeDifferences: rangeDifferences(db, head.ranges ?? []),
  };
}

/** Imports a .kpiw file as a new workspace, all or nothing. */
export function importWorkspaceFile(
  db: Db,
  file: Uint8Array,
  opts: { fileName: string; passphrase?: string; name?: string; ranges?: RangesChoice },
): ImportSummary {
  const dump = readDump(unsealWorkspacePieces(file, opts.fileName, opts.passphrase), opts.fileName);
  const { head } = dump;
  assertSchemaKnown(db, head, opts.fileName);
  const choice = opts.ranges ?? 'keep';
  return inTransaction(db, () => {
    const name = freeWorkspaceName(db, opts.name?.trim() || head.workspace.name);
    const emailFree =
      head.workspace.email && !db.raw.prepare('SELECT 1 FROM customers WHERE email = ?').get(head.workspace.email);
    const customerId = Number(
      db.raw
        .prepare('INSERT INTO customers (customer_name, email, phone) VALUES (?, ?, ?)')
        .run(name, emailFree ? head.workspace.email : null, head.workspace.phone).lastInsertRowid,
    );
    const maps: IdMaps = new Map();
    const local = new Map(workspaceTables(db.raw).map((t) => [t.name, t]));
    const counts = new Map<string, number>();
    // In the file's order, parents before the rows pointing at them (as it was written).
    for (const data of dump.tables()) {
      const t = local.get(data.name);
      if (!t) throw new AppError('refused', NEWER_TABLES);
      counts.set(t.name, insertTable(db, t, data, maps, customerId));
    }
    const differences = rangeDifferences(db, head.ranges ?? []);
    if (differences.length && choice === 'replace') {
      replaceRanges(db, head.ranges, differences);
      recomputeAllWorkspaces(db);
    } else if (differences.length) {
      recomputeScores(db, customerId);
    }
    return {
      workspaceId: customerId,
      name,
      accounts: counts.get('accounts') ?? 0,
      uploads: counts.get('kpi_uploads') ?? 0,
      rangeDifferences: differences,
      ranges: choice,
    };
  });
}
