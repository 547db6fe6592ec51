/**
 * The plain, library-free shape of a workbook as read from a file: what `main/import/workbook`
 * produces and what `interpretWorkbook` consumes. No exceljs objects, so it can cross a worker or
 * IPC boundary and be tested without files.
 */

/** One cell, typed the way the value rules need it. A formula is given as its cached result. */
export type Cell =
  | { t: 'empty' }
  | { t: 'number'; v: number /** the cell's number format contains '%' */; percent: boolean }
  | {
      t: 'text';
      v: string;
      /**
       * The text with its number in the point convention, where a decimal-comma CSV file wrote it
       * otherwise ("4.5" for "4,5", "1234.50 €" for "1.234,50 €"): what its value is read from.
       * `v` stays the file's text (what is shown and kept as text).
       */
      point?: string;
    }
  | { t: 'date'; year: number; month: number; day: number }
  | { t: 'error' /** e.g. '#DIV/0!' */; v: string }
  | { t: 'formula-no-result'; formula: string }
  | { t: 'bool'; v: boolean };

/** A merged range, 1-based and inclusive; only its top-left cell (the master) holds the value. */
export type MergedRange = { top: number; left: number; bottom: number; right: number };

export type RawSheet = {
  name: string;
  hidden: boolean;
  /** rows[0] is Excel row 1, rows[r][0] is column A. Rows may be ragged: a missing cell is empty. */
  rows: Cell[][];
  merges: MergedRange[];
  /** A chart sheet: no cells; listed among the skipped sheets. */
  chart?: boolean;
};

export type RawWorkbook = {
  kind: 'xlsx' | 'csv';
  /** The workbook uses the 1904 date system (dates in `sheets` are already corrected). */
  date1904: boolean;
  sheets: RawSheet[];
};

export const EMPTY_CELL: Cell = Object.freeze({ t: 'empty' }) as Cell;

/** The cell at 1-based row and column, or an empty cell. */
export function cellAt(sheet: Pick<RawSheet, 'rows'>, row: number, col: number): Cell {
  return sheet.rows[row - 1]?.[col - 1] ?? EMPTY_CELL;
}
