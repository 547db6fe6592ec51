/**
 * Reads a workbook or CSV file into a plain RawWorkbook (no exceljs objects), after the safety
 * checks of ./safety.ts. xlsx files are read by our own reader (./xlsx.ts).
 */
import type { Cell, RawSheet, RawWorkbook } from '../../../shared/import/types';
import { csvToSheet } from './csv';
import { checkFile, ImportRefusal, refuse } from './safety';
import { streamXlsx } from './xlsx';

export type { Cell, RawSheet, RawWorkbook } from '../../../shared/import/types';

export { isPercentFormat } from './percent';

/** What streamWorkbook yields first: the kind of file and its date system. */
export type WorkbookHead = { kind: RawWorkbook['kind']; date1904: boolean };

/**
 * Reads a workbook (.xlsx) or CSV file sheet by sheet, after the safety checks: first its head
 * (kind and date system), then each sheet as it is read, so that a caller holding one sheet at a
 * time never holds every cell of the workbook. Throws ImportRefusal when the file is refused by
 * the safety checks or cannot be read.
 */
export async function* streamWorkbook(
  bytes: Buffer | Uint8Array,
  fileName: string,
): AsyncGenerator<WorkbookHead | RawSheet, void, undefined> {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const checked = await checkFile(buf, fileName);
  if (checked.kind === 'csv') {
    yield { kind: 'csv', date1904: false };
    yield csvToSheet(buf, fileName);
    return;
  }
  try {
    for await (const item of streamXlsx(buf, checked.zip)) {
      yield 'rows' in item ? item : { kind: 'xlsx', date1904: item.date1904 };
    }
  } catch (e) {
    if (e instanceof ImportRefusal) throw e;
    throw refuse('unreadable');
  }
}

export const isWorkbookHead = (item: WorkbookHead | RawSheet): item is WorkbookHead => !('rows' in item);

/**
 * Reads a whole workbook (.xlsx) or CSV file. Throws ImportRefusal when the file is refused by the
 * safety checks or cannot be read.
 */
export async function readWorkbook(bytes: Buffer | Uint8Array, fileName: string): Promise<RawWorkbook> {
  const wb: RawWorkbook = { kind: 'xlsx', date1904: false, sheets: [] };
  for await (const item of streamWorkbook(bytes, fileName)) {
    if (isWorkbookHead(item)) Object.assign(wb, item);
    else wb.sheets.push(item);
  }
  return wb;
}

/**
 * The cells of the first visible sheet of a file (a reference-range list): the sheets after it are
 * never read.
 */
export async function readFirstSheet(bytes: Buffer | Uint8Array, fileName: string): Promise<Cell[][]> {
  let first: RawSheet | null = null;
  for await (const item of streamWorkbook(bytes, fileName)) {
    if (isWorkbookHead(item) || item.chart) continue;
    first ??= item;
    if (!item.hidden) return item.rows;
  }
  return first?.rows ?? [];
}
