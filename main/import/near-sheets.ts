import type { SheetPreview } from '../../shared/channels/import';
import { type InterpretedWorkbook, refusalSentence, type SkippedSheet } from '../../shared/import/interpret';
import { isImportRefusal } from '../../shared/import/refusal';
import { emptyPart } from './parse';

/**
 * A workbook none of whose sheets has a header row, where some sheet's row comes near one
 * ("Metric Name" over month columns): the preview shows those sheets with their columns to correct
 * instead of refusing the file, and the import stays blocked (the refusal's sentence, which the
 * command line prints) until a correction makes one of them a KPI sheet. Null for any other
 * failure, which stays a refusal.
 */
export function nearSheetsOnly(e: unknown, fileName: string): { wb: InterpretedWorkbook; blocked: string } | null {
  if (!isImportRefusal(e) || e.code !== 'no-kpi-sheet') return null;
  const skipped = e.details?.skipped ?? [];
  if (!skipped.some((s) => s.near)) return null;
  const wb = { ...emptyPart(/\.csv$/i.test(fileName) ? 'csv' : 'xlsx', false), skipped };
  return { wb, blocked: refusalSentence(e) };
}

/** The skipped sheets whose header row came near one, as the preview shows them: their columns, to correct. */
export function nearSheetPreviews(skipped: readonly SkippedSheet[]): SheetPreview[] {
  return skipped.flatMap((s) =>
    s.near
      ? [
          {
            name: s.sheet,
            category: s.sheet.trim(),
            headerRow: s.near.headerRow,
            mapping: s.near.mapping,
            signature: s.near.signature,
            remembered: false,
            hasAccountColumn: s.near.mapping.some((m) => m.field === 'account'),
            rowsRead: 0,
            kpiRows: 0,
            notes: [],
            months: [],
            sample: [],
          },
        ]
      : [],
  );
}
