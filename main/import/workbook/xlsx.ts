/**
 * Our own xlsx reader: the zip read entry by entry (only the parts the importer needs: the
 * workbook, its relationships, styles, shared strings and the worksheets), each inflated with a
 * cap on its size, and each part's XML read in one linear pass as it is inflated
 * (./xml-stream.ts: no part is held whole). Comments, drawings, charts, tables and the rest are
 * never inflated or parsed.
 */
import type { RawSheet } from '../../../shared/import/types';
import { isWorksheetPart, MAX_PART_BYTES, refuse } from './safety';
import { type SheetContext, sheetReader } from './sheet';
import { attr, decodeEntities, type XmlHandler } from './xml';
import { XmlStream } from './xml-stream';
import { inflateEntry, type ZipDirectory, type ZipEntry, ZipFormatError } from './zip';

export { isDateFormat, isoDateCell, readSheetXml, type SheetContext, serialDate } from './sheet';

/** Built-in number formats that matter: percents and dates (ECMA-376 18.8.30 and the East Asian ids). */
const BUILTIN_FORMATS: Record<number, string> = {
  9: '0%',
  10: '0.00%',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
};
for (const id of [27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]) {
  BUILTIN_FORMATS[id] = 'yyyy-mm-dd';
}

/**
 * Reads a part through an XML handler as it is inflated (./xml-stream.ts): false when there is no
 * such part. The part's size is capped while inflating: past its declared size or the part limit
 * the inflating stops (the handler sees no byte past the cap) and the file is refused.
 */
type Part = (name: string, h: XmlHandler) => Promise<boolean>;

function partReader(buf: Buffer, zip: ZipDirectory): Part {
  const byName = new Map<string, ZipEntry>();
  for (const e of zip.entries) if (!e.name.endsWith('/')) byName.set(e.name.replace(/^\/+/, '').toLowerCase(), e);
  return async (name, h) => {
    const e = byName.get(name.toLowerCase());
    if (!e) return false;
    const limit = Math.min(MAX_PART_BYTES, e.uncompressedSize);
    const xml = new XmlStream(h);
    let failure: { error: unknown } | null = null;
    let got: { size: number };
    try {
      // inflateEntry stops at the limit: the handler never sees a byte past it.
      got = await inflateEntry(buf, e, limit, false, (chunk) => {
        try {
          xml.write(chunk);
        } catch (error) {
          // A throw inside the inflating stream's event would not reach this promise.
          failure = { error };
          return false;
        }
      });
    } catch (err) {
      if (err instanceof ZipFormatError || err instanceof RangeError) throw refuse('damaged');
      throw err;
    }
    if (failure) throw (failure as { error: unknown }).error;
    if (got.size > limit) throw refuse('unpacked-too-large');
    xml.end();
    return true;
  };
}

/** A relationship target as a part name: absolute or relative to `dir`. */
function resolvePart(dir: string, target: string): string {
  const out: string[] = [];
  for (const p of (target.startsWith('/') ? target : `${dir}/${target}`).split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out.join('/');
}

type SheetEntry = { name: string; kind: 'worksheet' | 'chartsheet' | 'other'; hidden: boolean; part: string | null };

type Rels = Map<string, { type: string; target: string; external: boolean }>;

/** The relationships of a part, by id. */
function relsReader() {
  const rels = new Map<string, { type: string; target: string; external: boolean }>();
  const handler: XmlHandler = {
    open(name, tag) {
      if (name !== 'Relationship') return;
      rels.set(attr(tag, 'Id') ?? '', {
        type: attr(tag, 'Type') ?? '',
        target: attr(tag, 'Target') ?? '',
        external: attr(tag, 'TargetMode') === 'External',
      });
    },
    close() {},
    text() {},
  };
  return { handler, rels };
}

/** The workbook part: its date system and sheets, each resolved through the relationships once they are read. */
function workbookReader() {
  let date1904 = false;
  let root = false;
  const tags: Array<{ id: string; name: string; state: string | undefined }> = [];
  const handler: XmlHandler = {
    open(name, tag) {
      if (name === 'workbook') root = true;
      if (name === 'workbookPr') date1904 = /^(?:1|true)$/i.test((attr(tag, 'date1904') ?? '').trim());
      if (name !== 'sheet') return;
      tags.push({ id: attr(tag, 'id') ?? '', name: attr(tag, 'name') ?? '', state: attr(tag, 'state') });
    },
    close() {},
    text() {},
  };
  const result = (rels: Rels, dir: string): { date1904: boolean; sheets: SheetEntry[] } => {
    // A workbook part with no <workbook> element is not one (exceljs refused it as unreadable).
    if (!root) throw refuse('unreadable');
    const sheets = tags.map((t): SheetEntry => {
      const rel = rels.get(t.id);
      const type = rel?.type.split('/').pop() ?? '';
      return {
        name: t.name,
        kind: type === 'worksheet' ? 'worksheet' : type === 'chartsheet' ? 'chartsheet' : 'other',
        hidden: t.state === 'hidden' || t.state === 'veryHidden',
        part: rel && !rel.external ? resolvePart(dir, rel.target) : null,
      };
    });
    return { date1904, sheets };
  };
  return { handler, result };
}

/** Per cell style index (cellXfs), its number format. */
function stylesReader() {
  const custom = new Map<number, string>();
  const formats: Array<string | undefined> = [];
  let inCellXfs = false;
  const handler: XmlHandler = {
    open(name, tag) {
      if (name === 'numFmt') custom.set(Number(attr(tag, 'numFmtId')), attr(tag, 'formatCode') ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attr(tag, 'numFmtId') ?? 0);
        formats.push(custom.get(id) ?? BUILTIN_FORMATS[id]);
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  };
  return { handler, formats };
}

/** The shared strings: each <si>'s <t> runs joined, phonetic runs (<rPh>) left out. */
function sharedStringsReader() {
  const out: string[] = [];
  let cur: string | null = null;
  let inT = false;
  let inPh = 0;
  const handler: XmlHandler = {
    open(name, _tag, selfClosing) {
      if (name === 'si') cur = '';
      else if (name === 'rPh') inPh++;
      else if (name === 't' && !selfClosing) inT = true;
    },
    close(name) {
      if (name === 'si') {
        out.push(cur ?? '');
        cur = null;
      } else if (name === 'rPh') inPh = Math.max(0, inPh - 1);
      else if (name === 't') inT = false;
    },
    text(raw, cdata) {
      if (inT && !inPh && cur !== null) cur += cdata ? raw : decodeEntities(raw);
    },
  };
  return { handler, strings: out };
}

/** The part a relationship of this type points to (the last word of its type: "styles"), or null. */
function related(rels: Rels, dir: string, type: string): string | null {
  for (const rel of rels.values())
    if (!rel.external && rel.type.split('/').pop() === type) return resolvePart(dir, rel.target);
  return null;
}

/**
 * The workbook part's name and its relationships, found as the package says (its root
 * relationships' officeDocument: not every tool names it xl/workbook.xml), else the usual name.
 */
async function workbookPart(part: Part): Promise<{ name: string; dir: string; rels: Rels }> {
  const root = relsReader();
  await part('_rels/.rels', root.handler);
  return workbookAt(part, related(root.rels, '', 'officeDocument') ?? USUAL_WORKBOOK);
}

const USUAL_WORKBOOK = 'xl/workbook.xml';

/** A workbook part's name, folder and relationships. */
async function workbookAt(part: Part, name: string): Promise<{ name: string; dir: string; rels: Rels }> {
  const slash = name.lastIndexOf('/');
  const dir = name.slice(0, Math.max(0, slash));
  const rels = relsReader();
  await part(`${dir ? `${dir}/` : ''}_rels/${name.slice(slash + 1)}.rels`, rels.handler);
  return { name, dir, rels: rels.rels };
}

/** The workbook's date system first, then its sheets in workbook order, each read when asked for. */
export async function* streamXlsx(buf: Buffer, zip: ZipDirectory): AsyncGenerator<{ date1904: boolean } | RawSheet> {
  const part = partReader(buf, zip);
  let book = await workbookPart(part);
  const wb = workbookReader();
  let found = await part(book.name, wb.handler);
  // Relationships naming a part that is not there: the usual name, read as before they were.
  if (!found && book.name !== USUAL_WORKBOOK) {
    book = await workbookAt(part, USUAL_WORKBOOK);
    found = await part(book.name, wb.handler);
  }
  if (!found) throw refuse('not-a-workbook');
  const { date1904, sheets } = wb.result(book.rels, book.dir);
  yield { date1904 };
  const inBook = (type: string, usual: string) => related(book.rels, book.dir, type) ?? resolvePart(book.dir, usual);
  const shared = sharedStringsReader();
  await part(inBook('sharedStrings', 'sharedStrings.xml'), shared.handler);
  const styles = stylesReader();
  await part(inBook('styles', 'styles.xml'), styles.handler);
  const ctx: SheetContext = { shared: shared.strings, formats: styles.formats, date1904 };
  for (const s of sheets) {
    if (s.kind === 'chartsheet') {
      yield { name: s.name, hidden: s.hidden, rows: [], merges: [], chart: true };
      continue;
    }
    if (s.kind !== 'worksheet' || !s.part) continue;
    // Only a part the check counted against the cell limits (safety.ts): never one placed elsewhere.
    if (!isWorksheetPart(s.part)) throw refuse('unreadable');
    const reader = sheetReader(s.name, s.hidden, ctx);
    if (await part(s.part, reader.handler)) yield reader.sheet();
  }
}
