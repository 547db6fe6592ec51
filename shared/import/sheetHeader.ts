/**
 * Where a sheet's header row is and what its columns are taken for (spec: "The header row"), as
 * the user chose it, as found, or as a mapping they corrected before completes it; else why the
 * sheet is skipped.
 */
import {
  applyRememberedMapping,
  type ColumnMapping,
  detectHeaderRow,
  detectMapping,
  HEADER_SEARCH_ROWS,
  headerSignature,
  headerText,
  isUsableMapping,
  normalizeHeader,
  scanHeaderRows,
  withMonthsBelow,
} from './columns';
import {
  type InterpretOptions,
  SKIP_BAD_MAPPING,
  SKIP_CHART,
  SKIP_HIDDEN,
  SKIP_NO_HEADER,
  type SkippedSheet,
} from './interpret';
import { cellAt, type RawSheet } from './types';
import { fileNameYear } from './yearless';

export type SheetHeader = { headerRow: number; mapping: ColumnMapping; detected: boolean } | { skipped: SkippedSheet };

/** The row (1-based, within the first 20) whose headers match a user mapping's header texts. */
function findRowForMapping(sheet: RawSheet, mapping: ColumnMapping): number | null {
  const limit = Math.min(sheet.rows.length, HEADER_SEARCH_ROWS);
  for (let r = 1; r <= limit; r++) {
    if (
      mapping.length > 0 &&
      mapping.every((m) => normalizeHeader(headerText(cellAt(sheet, r, m.col))) === normalizeHeader(m.header))
    ) {
      return r;
    }
  }
  return null;
}

/**
 * A sheet's header row and mapping: the user's row or mapping for it; else the header row found,
 * or the row nearest one (nearHeader), with the mapping the user corrected before for the same
 * headers if any. A sheet whose nearest row stays short of a header is skipped with that row, for
 * the user to correct (`near`); hidden and chart sheets are skipped.
 */
export function sheetHeader(sheet: RawSheet, options: InterpretOptions): SheetHeader {
  const skip = (reason: string, near?: SkippedSheet['near']) => ({
    skipped: near ? { sheet: sheet.name, reason, near } : { sheet: sheet.name, reason },
  });
  if (sheet.chart) return skip(SKIP_CHART);
  if (sheet.hidden) return skip(SKIP_HIDDEN);
  const userMapping = options.mappings?.[sheet.name];
  // Month headers without their year take the file name's where no title row gives one.
  const fileYear = () => (options.fileName ? fileNameYear(options.fileName) : null);
  const userRow = options.headerRows?.[sheet.name];
  let headerRow: number | null = null;
  let mapping: ColumnMapping | null = null;
  let detected = false;
  if (userRow !== undefined) {
    headerRow = userRow;
    mapping =
      userMapping ?? withMonthsBelow(sheet.rows, userRow, detectMapping(sheet.rows, userRow, fileYear), fileYear);
  } else if (userMapping) {
    headerRow = detectHeaderRow(sheet.rows)?.row ?? findRowForMapping(sheet, userMapping);
    mapping = userMapping;
  } else {
    const scan = scanHeaderRows(sheet.rows, HEADER_SEARCH_ROWS, fileYear);
    const near = scan.found ? null : scan.near;
    const at = scan.found ?? near;
    if (!at) return skip(SKIP_NO_HEADER);
    const headerCells = sheet.rows[at.row - 1] ?? [];
    const signature = headerSignature(headerCells.map((c) => headerText(c)));
    const remembered = options.rememberedMappings?.[signature];
    headerRow = at.row;
    mapping = remembered
      ? // The scan's own mapping of the row is the detection the remembered one completes.
        withMonthsBelow(sheet.rows, at.row, applyRememberedMapping(headerCells, remembered, at.mapping), fileYear)
      : at.mapping;
    detected = !remembered;
    if (near && !isUsableMapping(mapping))
      return skip(near.hint, { headerRow: near.row, mapping: near.mapping, signature });
  }
  if (headerRow === null || mapping === null) return skip(SKIP_NO_HEADER);
  if (!isUsableMapping(mapping)) return skip(userMapping || userRow ? SKIP_BAD_MAPPING : SKIP_NO_HEADER);
  return { headerRow, mapping, detected };
}
