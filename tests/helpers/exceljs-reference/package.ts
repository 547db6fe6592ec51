/**
 * The xlsx package as exceljs gets it: only the parts that hold what the importer reads (cell
 * values, number formats, merged cells, sheet names and states, the 1904 flag). Comments, Excel
 * tables, drawings, charts, images, chart sheets, themes and document properties are left out,
 * and the worksheet elements pointing at them removed, so that no such decoration can make the
 * load fail (openpyxl writes absolute part names and drawings without the usual prefix, which
 * exceljs cannot follow). What exceljs would misread is read here instead: cells of type "d"
 * (ISO 8601 text) and formulas whose saved result is an empty string.
 */

import type { SheetScan } from '../../../main/import/workbook/safety';
import { entryData, inflateEntry, type ZipDirectory, type ZipEntry } from '../../../main/import/workbook/zip';
import type { Cell } from '../../../shared/import/types';
import { writeZip, type ZipOutPart } from '../zip-write';

const EMPTY: Cell = Object.freeze({ t: 'empty' }) as Cell;

export type PackageSheet = {
  name: string;
  kind: 'worksheet' | 'chartsheet' | 'other';
  hidden: boolean;
  /** the part's name in the zip, without a leading slash */
  part: string | null;
};

export type WorkbookPackage = {
  /** the bytes exceljs loads */
  bytes: Buffer;
  date1904: boolean;
  /** the sheets in workbook order; empty when xl/workbook.xml could not be made out */
  sheets: PackageSheet[];
  /** per worksheet name, cells exceljs misreads, by A1 reference */
  overrides: Map<string, Map<string, Cell>>;
};

/** Parts exceljs needs besides the worksheets. */
const KEPT_PARTS = new Set([
  '[Content_Types].xml',
  '_rels/.rels',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/styles.xml',
  'xl/sharedStrings.xml',
]);
const HYPERLINK_REL = /\/hyperlink$/;
/** Worksheet elements that refer to the parts left out (or to relationships). */
const DECORATION =
  /<(?:[\w.-]+:)?(drawing|legacyDrawing|legacyDrawingHF|picture|hyperlinks|tableParts)\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:[\w.-]+:)?\1\s*>)/g;
const MARKERS = /\st\s*=\s*["']d["']|<(?:[\w.-]+:)?v\s*(?:\/>|><\/)/g;
const PART_LIMIT = 8 * 1024 * 1024;

const plain = (name: string) => name.replace(/^\/+/, '');

function unescapeXml(s: string): string {
  return s.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (m, hex, dec, named) => {
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
    if (dec) return String.fromCodePoint(Number(dec));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[named.toLowerCase() as 'amp'] ?? m;
  });
}

/** An attribute of a start tag; `name` may be given with a prefix wildcard as '*:id'. */
function attr(tag: string, name: string): string | undefined {
  const key = name.startsWith('*:') ? `[\\w.-]+:${name.slice(2)}` : name;
  const m = new RegExp(`\\s${key}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? unescapeXml(m[1] ?? m[2] ?? '') : undefined;
}

const tags = (xml: string, element: string) => xml.match(new RegExp(`<(?:[\\w.-]+:)?${element}\\b[^>]*>`, 'g')) ?? [];

/** A relationship target as a part name: absolute ("/xl/tables/table1.xml") or relative to `dir`. */
function resolvePart(dir: string, target: string): string {
  const parts = (target.startsWith('/') ? target : `${dir}/${target}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out.join('/');
}

type Rel = { id: string; type: string; target: string; external: boolean };
function parseRels(xml: string): Rel[] {
  return tags(xml, 'Relationship').map((t) => ({
    id: attr(t, 'Id') ?? '',
    type: attr(t, 'Type') ?? '',
    target: attr(t, 'Target') ?? '',
    external: attr(t, 'TargetMode') === 'External',
  }));
}

/** "2025-01-01T00:00:00" (the text of a type "d" cell) as a date cell, else as text. */
export function isoDateCell(text: string): Cell {
  const t = text.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(t);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const d = new Date(Date.UTC(year, month - 1, day));
    if (d.getUTCMonth() === month - 1 && d.getUTCDate() === day) return { t: 'date', year, month, day };
  }
  return t === '' ? EMPTY : { t: 'text', v: t };
}

/**
 * Cells of a worksheet's XML (as latin1 text) that exceljs misreads: a type "d" cell (exceljs
 * takes "2025-01-01T00:00:00" for the number 2025) and a formula of type "str" whose saved
 * result is empty (exceljs gives it as a formula never calculated). Cells without an r="A1"
 * reference are left to exceljs.
 */
function misreadCells(xml: string): Map<string, Cell> {
  const out = new Map<string, Cell>();
  MARKERS.lastIndex = 0;
  for (let m = MARKERS.exec(xml); m; m = MARKERS.exec(xml)) {
    // The start tag of the cell holding the marker: a few tags back at most (<c>, <f>, <v>).
    let start = m[0].startsWith('<') ? m.index : xml.lastIndexOf('<', m.index);
    let steps = 0;
    while (start > 0 && !/^<(?:[\w.-]+:)?c[\s>]/.test(xml.slice(start, start + 40)) && steps++ < 4) {
      if (/^<\/?(?:[\w.-]+:)?(?:c|row|sheetData)[\s>]/.test(xml.slice(start, start + 40))) break;
      start = xml.lastIndexOf('<', start - 1);
    }
    if (!/^<(?:[\w.-]+:)?c[\s>]/.test(xml.slice(start, start + 40))) continue;
    const tagEnd = xml.indexOf('>', start);
    const tag = xml.slice(start, tagEnd + 1);
    const ref = attr(tag, 'r');
    if (!ref || tag.endsWith('/>')) continue;
    const close = /<\/(?:[\w.-]+:)?c\s*>/g;
    close.lastIndex = tagEnd;
    const end = close.exec(xml)?.index ?? xml.length;
    const content = xml.slice(tagEnd + 1, end);
    const type = attr(tag, 't');
    const value = /<(?:[\w.-]+:)?v>([^<]*)<\//.exec(content)?.[1] ?? '';
    const hasFormula = /<(?:[\w.-]+:)?f[\s>/]/.test(content);
    if (type === 'd') out.set(ref, isoDateCell(Buffer.from(unescapeXml(value), 'latin1').toString('utf8')));
    else if (type === 'str' && hasFormula && value === '') out.set(ref, EMPTY);
  }
  return out;
}

async function inflateText(buf: Buffer, entry: ZipEntry): Promise<string> {
  const { data } = await inflateEntry(buf, entry, Math.max(entry.uncompressedSize, PART_LIMIT), true);
  return data ? data.toString('latin1') : '';
}

/**
 * A worksheet with cells exceljs misreads: of type "d" (ISO 8601 date text, as openpyxl writes
 * with iso_dates=True), or with an empty <v> (a formula whose saved result is an empty string, or
 * one never calculated).
 */
async function misreadByExceljs(buf: Buffer, e: ZipEntry): Promise<boolean> {
  const xml = await inflateText(buf, e);
  return /\st\s*=\s*["']d["']/.test(xml) || /<(?:[A-Za-z_][\w.-]*:)?v\s*(?:\/>|><\/)/.test(xml);
}

/**
 * Rewrites a checked xlsx for exceljs (see above). `sheets` is what the safety check saw of each
 * worksheet part.
 */
export async function preparePackage(
  buf: Buffer,
  zip: ZipDirectory,
  scans: Map<string, SheetScan>,
): Promise<WorkbookPackage> {
  const byName = new Map<string, ZipEntry>();
  for (const e of zip.entries) if (!e.name.endsWith('/')) byName.set(plain(e.name), e);
  const text = async (name: string) => {
    const e = byName.get(name);
    return e ? inflateText(buf, e) : '';
  };

  const workbookXml = await text('xl/workbook.xml');
  const pr = tags(workbookXml, 'workbookPr')[0] ?? '';
  const date1904 = /^(?:1|true)$/i.test(attr(pr, 'date1904') ?? '');
  const workbookRels = new Map(parseRels(await text('xl/_rels/workbook.xml.rels')).map((r) => [r.id, r]));
  const sheets: PackageSheet[] = tags(workbookXml, 'sheet').map((t) => {
    const rel = workbookRels.get(attr(t, '*:id') ?? '');
    const type = rel?.type.split('/').pop() ?? '';
    const state = attr(t, 'state');
    return {
      name: attr(t, 'name') ?? '',
      kind: type === 'worksheet' ? 'worksheet' : type === 'chartsheet' ? 'chartsheet' : 'other',
      hidden: state === 'hidden' || state === 'veryHidden',
      part: rel && !rel.external ? resolvePart('xl', rel.target) : null,
    };
  });
  const worksheetParts = new Set(sheets.filter((s) => s.kind === 'worksheet' && s.part).map((s) => s.part as string));
  // Without a readable list of sheets every worksheet part is kept, as exceljs would read them.
  if (!sheets.length) for (const name of scans.keys()) worksheetParts.add(plain(name));

  const out: ZipOutPart[] = [];
  const overrides = new Map<string, Map<string, Cell>>();
  let changed = false;
  for (const [name, e] of byName) {
    if (KEPT_PARTS.has(name)) {
      out.push({ name: e.name, data: entryData(buf, e), copyOf: e });
      continue;
    }
    if (!worksheetParts.has(name)) {
      // A worksheet's relationships are handled with the worksheet; anything else is left out.
      const owner = /^(.*)\/_rels\/([^/]+)\.rels$/.exec(name);
      if (!owner || !worksheetParts.has(`${owner[1]}/${owner[2]}`)) changed = true;
      continue;
    }
    const relsName = name.replace(/([^/]+)$/, '_rels/$1.rels');
    const relsEntry = byName.get(relsName);
    const rels = relsEntry ? parseRels(await inflateText(buf, relsEntry)) : [];
    const decorated = rels.some((r) => !HYPERLINK_REL.test(r.type));
    const misread = await misreadByExceljs(buf, e);
    if (!decorated && !misread) {
      out.push({ name: e.name, data: entryData(buf, e), copyOf: e });
      if (relsEntry) out.push({ name: relsEntry.name, data: entryData(buf, relsEntry), copyOf: relsEntry });
      continue;
    }
    let xml = await inflateText(buf, e);
    if (misread) {
      const cells = misreadCells(xml);
      const sheet = sheets.find((s) => s.part === name);
      if (cells.size && sheet) overrides.set(sheet.name, cells);
    }
    if (!decorated) {
      out.push({ name: e.name, data: entryData(buf, e), copyOf: e });
      if (relsEntry) out.push({ name: relsEntry.name, data: entryData(buf, relsEntry), copyOf: relsEntry });
      continue;
    }
    // Drop the relationships and the elements that use them (hyperlink cells keep their text).
    const tail = Math.max(0, xml.lastIndexOf('sheetData'));
    xml = xml.slice(0, tail) + xml.slice(tail).replace(DECORATION, '');
    out.push({ name: e.name, data: Buffer.from(xml, 'latin1') });
    changed = true;
  }
  return { bytes: changed ? writeZip(out) : buf, date1904, sheets, overrides };
}
