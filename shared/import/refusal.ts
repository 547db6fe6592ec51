import type { SkippedSheet } from './interpret';

/**
 * A file the importer will not take. `message` is one sentence a Customer Success Manager can act
 * on; `code` is stable for the program (tests, logs, the IPC error mapping).
 */
export type RefusalCode =
  | 'empty-file'
  | 'too-large'
  | 'legacy-xls'
  | 'password-protected'
  | 'old-office-file'
  | 'not-a-workbook'
  | 'word-document'
  | 'powerpoint-document'
  | 'opendocument'
  | 'binary-workbook'
  | 'web-page'
  | 'xml-spreadsheet'
  | 'damaged'
  | 'unpacked-too-large'
  | 'too-many-cells'
  | 'unreadable'
  | 'no-kpi-sheet';

export class ImportRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    /** Extra facts for the report, e.g. the skipped sheets of a workbook with no KPI sheet. */
    readonly details?: { skipped?: SkippedSheet[] },
  ) {
    super(message);
    this.name = 'ImportRefusal';
  }
}

export function isImportRefusal(e: unknown): e is ImportRefusal {
  return e instanceof ImportRefusal;
}
