/**
 * Checks a file before any workbook library sees it, and refuses what the importer will not take:
 * empty or oversized files, legacy .xls and password-protected workbooks, files that are not a
 * workbook, damaged or truncated zips, and zip bombs (a small file that unpacks to gigabytes).
 * Every refusal is an ImportRefusal whose message a CSM can act on; all come within seconds.
 */
import { ImportRefusal, type RefusalCode } from '../../../shared/import/refusal';
import { inflateEntry, readZipDirectory, type ZipDirectory, ZipFormatError } from './zip';

export { ImportRefusal, isImportRefusal, type RefusalCode } from '../../../shared/import/refusal';

/** The largest file accepted. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/**
 * The largest total unpacked size of an xlsx (declared and actual), and of any one part of it.
 * The benchmark's 500-account roll-up (670,000 cells) unpacks to 22 MB, 4.5 MB per sheet; one
 * sheet holding all of it, as openpyxl or LibreOffice write it, is about 25 MB.
 */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
export const MAX_PART_BYTES = 64 * 1024 * 1024;
/** The most entries an xlsx zip may have. */
export const MAX_ZIP_ENTRIES = 10_000;
/** A single entry unpacking to more than this many times its packed size is refused ... */
export const MAX_ENTRY_RATIO = 100;
/** ... when it unpacks to more than this. (Real sheets compress 5-30 times.) */
export const RATIO_CHECK_MIN_BYTES = 8 * 1024 * 1024;
/**
 * The most cells (<c> elements, or fields of a CSV file) and rows (<row> elements, or lines) a
 * file may hold, counted while the parts are checked, before any cell is read. The import reads
 * and interprets one sheet at a time, so its memory grows with the largest sheet and the KPI rows
 * kept for the store, not with every cell: a 2,000-account roll-up (67 KPIs x 12 months, 2.7
 * million cells with the text columns, 134,000 rows) imports. The hostile-file limits (file and
 * unpacked sizes, the unpacking ratio) bound what one sheet can hold.
 */
export const MAX_CELLS = 3_000_000;
export const MAX_ROWS = 200_000;

const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

export const REFUSAL_MESSAGES: Readonly<Record<Exclude<RefusalCode, 'no-kpi-sheet'>, string>> = Object.freeze({
  'empty-file': 'This file is empty; choose the saved workbook and try again.',
  'too-large': `This file is larger than ${MB(MAX_FILE_BYTES)}, far more than a KPI workbook needs; remove unused sheets or data and try again.`,
  'legacy-xls': 'This is an old-style .xls file; save it as .xlsx in Excel and try again.',
  'password-protected': 'This workbook is password-protected; remove the password in Excel and try again.',
  'old-office-file': 'This is an old-style Office file, not an Excel workbook; choose the .xlsx file and try again.',
  'not-a-workbook': 'This file is not an Excel workbook (.xlsx) or a CSV file; choose the KPI workbook and try again.',
  'word-document': 'This is a Word document, not an Excel workbook; choose the .xlsx file and try again.',
  'powerpoint-document':
    'This is a PowerPoint presentation, not an Excel workbook; choose the .xlsx file and try again.',
  opendocument: 'This is an OpenDocument file, not an Excel workbook; save it as .xlsx and try again.',
  'binary-workbook': 'This workbook is saved in the binary .xlsb format; save it as .xlsx in Excel and try again.',
  'web-page':
    'This file is a web page with a spreadsheet name, not a real workbook; open it in Excel, save it as .xlsx and try again.',
  'xml-spreadsheet': 'This is an Excel 2003 XML spreadsheet; open it in Excel, save it as .xlsx and try again.',
  damaged:
    'This workbook is damaged or incomplete, perhaps because it did not finish downloading; get a fresh copy or save it again in Excel and try again.',
  'unpacked-too-large':
    'This workbook unpacks to far more data than a KPI workbook holds, so it was not opened; remove unused sheets or data and try again.',
  'too-many-cells': `This workbook has more than ${MAX_CELLS.toLocaleString('en-US')} cells or ${MAX_ROWS.toLocaleString('en-US')} rows, far more than a KPI workbook needs, so it was not opened; remove unused sheets, rows or data and try again.`,
  unreadable: 'This workbook could not be read; open it in Excel, save it again as .xlsx and try again.',
});

export function refuse(code: Exclude<RefusalCode, 'no-kpi-sheet'>): ImportRefusal {
  return new ImportRefusal(code, REFUSAL_MESSAGES[code]);
}

/** What the check saw of one worksheet part while inflating it: its cell and row start tags. */
export type SheetScan = { cells: number; rows: number };

export type CheckedFile = { kind: 'xlsx'; zip: ZipDirectory; sheets: Map<string, SheetScan> } | { kind: 'csv' };

/**
 * The parts counted against the cell and row limits: the worksheets where every tool writes them
 * (xl/worksheets/), and any other XML part that is not one of a workbook's known other parts, so
 * that a worksheet the workbook's relationships place elsewhere is counted too (xlsx.ts reads
 * no worksheet part this check did not count).
 */
const NOT_A_WORKSHEET =
  /^(?:\[content_types\]\.xml|(?:.*\/)?_rels\/.*|docprops\/.*|customxml\/.*|xl\/(?:theme|drawings|charts|media|embeddings|externallinks|pivotcache|pivottables|tables|querytables|richdata|persons|threadedcomments|ctrlprops|activex|model|slicers|slicercaches|timelines|printersettings)\/.*|(?:xl\/)?(?:sharedstrings|styles|calcchain|connections|metadata|volatiledependencies|comments\d*|workbook\d*)\.xml)$/;
export const isWorksheetPart = (name: string) => {
  const n = name.replace(/^\/+/, '').toLowerCase();
  return n.endsWith('.xml') && (n.startsWith('xl/worksheets/') || !NOT_A_WORKSHEET.test(n));
};

/**
 * A cell or row start tag (group 1), the character after its name looked at, not taken. The
 * pattern cannot backtrack beyond a tag's name: a prefix is a run of name characters and a colon.
 */
const SCAN = /<(?:[A-Za-z_][\w.-]*:)?(c|row)(?=[\s/>])/g;
/** Longer than any start tag counted above, so a tag split between two chunks is seen in the second. */
const CARRY = 40;

/** Counts cells and rows of a worksheet part chunk by chunk; false once the workbook is over the limits. */
export function sheetScanner(scan: SheetScan, totals: { cells: number; rows: number }) {
  let carry = '';
  return (chunk: Buffer): boolean => {
    const text = carry + chunk.toString('latin1');
    SCAN.lastIndex = 0;
    for (let m = SCAN.exec(text); m; m = SCAN.exec(text)) {
      // A tag ending within the carried tail (with the character after it) was counted with the previous chunk.
      if (m.index + m[0].length + 1 <= carry.length) continue;
      if (m[1] === 'c') scan.cells++;
      else scan.rows++;
    }
    carry = text.slice(-CARRY);
    return totals.cells + scan.cells <= MAX_CELLS && totals.rows + scan.rows <= MAX_ROWS;
  };
}

const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

function extension(fileName: string): string {
  const m = /\.([^./\\]+)$/.exec(fileName.trim());
  return m ? m[1].toLowerCase() : '';
}

/** An OLE2 compound file: a legacy Office file, or an encrypted OOXML file (Excel's password protection). */
function refuseCompoundFile(buf: Buffer): never {
  if (buf.includes(utf16('EncryptedPackage')) || buf.includes(utf16('EncryptionInfo'))) {
    throw refuse('password-protected');
  }
  if (buf.includes(utf16('Workbook')) || buf.includes(utf16('Book'))) throw refuse('legacy-xls');
  throw refuse('old-office-file');
}

/** Text content: no NUL bytes in the first 64 KB (unless it is UTF-16 with a byte-order mark). */
function looksLikeText(buf: Buffer): boolean {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) return true;
  const head = buf.subarray(0, 64 * 1024);
  if (head.includes(0)) return false;
  // Mostly printable: control bytes other than tab, CR, LF, form feed are rare in real text.
  let control = 0;
  for (const b of head) if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  return control <= head.length / 100;
}

async function checkZip(buf: Buffer): Promise<{ zip: ZipDirectory; sheets: Map<string, SheetScan> }> {
  let dir: ZipDirectory;
  try {
    dir = readZipDirectory(buf, MAX_ZIP_ENTRIES);
  } catch (e) {
    if (e instanceof ZipFormatError || e instanceof RangeError) throw refuse('damaged');
    throw e;
  }
  if (dir.declaredCount > MAX_ZIP_ENTRIES) throw refuse('unpacked-too-large');
  if (dir.totalUncompressed > MAX_UNPACKED_BYTES) throw refuse('unpacked-too-large');
  for (const e of dir.entries) {
    if (
      e.uncompressedSize > MAX_PART_BYTES ||
      (e.uncompressedSize > RATIO_CHECK_MIN_BYTES &&
        e.uncompressedSize > MAX_ENTRY_RATIO * Math.max(1, e.compressedSize))
    ) {
      throw refuse('unpacked-too-large');
    }
  }
  const names = new Set(dir.entries.map((e) => e.name.replace(/^\/+/, '')));
  // A package whose workbook is not xl/workbook.xml is found through its relationships (xlsx.ts).
  if (!names.has('xl/workbook.xml')) {
    if (names.has('xl/workbook.bin')) throw refuse('binary-workbook');
    if (names.has('word/document.xml')) throw refuse('word-document');
    if (names.has('ppt/presentation.xml')) throw refuse('powerpoint-document');
    if (names.has('mimetype') || names.has('content.xml')) throw refuse('opendocument');
    if (!names.has('_rels/.rels')) throw refuse('not-a-workbook');
  }
  if (dir.entries.some((e) => e.flags & 0x1)) throw refuse('password-protected');
  if (dir.entries.some((e) => e.method !== 0 && e.method !== 8)) throw refuse('unreadable');
  // The declared sizes can lie: inflate every entry (discarding the output) and stop at the first
  // byte past its declared size, so the unzipping library never inflates more than was checked.
  // Worksheets are scanned on the way: their cells and rows are counted against the limits.
  const sheets = new Map<string, SheetScan>();
  const totals = { cells: 0, rows: 0 };
  for (const e of dir.entries) {
    let size: number;
    const scan: SheetScan = { cells: 0, rows: 0 };
    const worksheet = isWorksheetPart(e.name);
    try {
      ({ size } = await inflateEntry(
        buf,
        e,
        e.uncompressedSize,
        false,
        worksheet ? sheetScanner(scan, totals) : undefined,
      ));
    } catch (err) {
      if (err instanceof ZipFormatError || err instanceof RangeError) throw refuse('damaged');
      throw err;
    }
    if (size > e.uncompressedSize) throw refuse('damaged');
    if (!worksheet) continue;
    totals.cells += scan.cells;
    totals.rows += scan.rows;
    if (totals.cells > MAX_CELLS || totals.rows > MAX_ROWS) throw refuse('too-many-cells');
    sheets.set(e.name, scan);
  }
  return { zip: dir, sheets };
}

/**
 * Checks a file and says how to read it: an xlsx (with its checked zip directory) or a CSV file.
 * Throws ImportRefusal for anything else.
 */
export async function checkFile(bytes: Buffer | Uint8Array, fileName: string): Promise<CheckedFile> {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length === 0) throw refuse('empty-file');
  if (buf.length > MAX_FILE_BYTES) throw refuse('too-large');
  if (buf.length >= 8 && buf.subarray(0, 8).equals(OLE2_MAGIC)) refuseCompoundFile(buf);
  if (
    buf.length >= 4 &&
    buf[0] === 0x50 &&
    buf[1] === 0x4b &&
    (buf[2] === 3 || buf[2] === 5) &&
    buf[3] === buf[2] + 1
  ) {
    return { kind: 'xlsx', ...(await checkZip(buf)) };
  }
  const ext = extension(fileName);
  if (looksLikeText(buf)) {
    const head = buf
      .subarray(0, 4096)
      .toString('latin1')
      .replace(/^\u00ef\u00bb\u00bf/, '')
      .trimStart()
      .toLowerCase();
    if (/^<!doctype html|^<html|^<table|^<head/.test(head)) throw refuse('web-page');
    if (head.startsWith('<?xml')) {
      if (head.includes('urn:schemas-microsoft-com:office:spreadsheet')) throw refuse('xml-spreadsheet');
      throw refuse('not-a-workbook');
    }
    if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return { kind: 'csv' };
    // A CSV saved under another name: its first line has separators.
    const firstLine = head.split(/\r\n|\n|\r/, 1)[0] ?? '';
    if (/[,;\t]/.test(firstLine)) return { kind: 'csv' };
    throw refuse('not-a-workbook');
  }
  if (ext === 'xlsx' || ext === 'xlsm' || ext === 'xltx' || ext === 'xltm') {
    // It was meant to be a workbook but its beginning is not a zip's: a damaged file.
    throw refuse('damaged');
  }
  throw refuse('not-a-workbook');
}
