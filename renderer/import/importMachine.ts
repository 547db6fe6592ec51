import type { ImportPreview, ImportReport } from '../../shared/channels/import';

/**
 * The import screen's stages and how events move between them: a pure state machine, tested
 * without a browser (tests/unit/renderer/importMachine.test.ts). The screen dispatches events.
 */
export type Stage =
  | { kind: 'idle' }
  | { kind: 'working'; label: string; jobId: string; phase: string; commit: boolean }
  /** `updating`: the preview is being made again after a mapping change; `problem`: why that failed. */
  | { kind: 'preview'; preview: ImportPreview; updating: boolean; problem: string | null }
  | { kind: 'report'; report: ImportReport }
  | { kind: 'refused'; message: string };

export type ImportEvent =
  /** A file is being read, previewed or stored: the progress card. */
  | { type: 'start'; label: string; jobId: string; commit: boolean }
  /** The worker reached a phase of the job shown. */
  | { type: 'progress'; phase: string }
  /** A mapping changed: the preview stays on screen, marked as updating. */
  | { type: 'updating' }
  | { type: 'previewed'; preview: ImportPreview }
  /** The preview failed: after a mapping change (`inPlace`) the problem shows on the preview. */
  | { type: 'previewFailed'; inPlace: boolean; message: string; problem: string }
  | { type: 'reported'; report: ImportReport }
  /** Storing failed: back to the preview it started from. */
  | { type: 'commitFailed'; preview: ImportPreview }
  | { type: 'cancelled' }
  | { type: 'refused'; message: string };

export const IDLE: Stage = { kind: 'idle' };

export function importMachine(s: Stage, e: ImportEvent): Stage {
  switch (e.type) {
    case 'start':
      return { kind: 'working', label: e.label, jobId: e.jobId, phase: 'reading', commit: e.commit };
    case 'progress':
      return s.kind === 'working' ? { ...s, phase: e.phase } : s;
    case 'updating':
      return s.kind === 'preview' ? { ...s, updating: true, problem: null } : s;
    case 'previewed':
      return { kind: 'preview', preview: e.preview, updating: false, problem: null };
    case 'previewFailed':
      if (e.inPlace && s.kind === 'preview') return { ...s, updating: false, problem: e.problem };
      return { kind: 'refused', message: e.message };
    case 'reported':
      return { kind: 'report', report: e.report };
    case 'commitFailed':
      return { kind: 'preview', preview: e.preview, updating: false, problem: null };
    case 'cancelled':
      return IDLE;
    case 'refused':
      return { kind: 'refused', message: e.message };
  }
}

/**
 * The period kept after a new preview: any month chosen stays chosen (the picker offers every
 * month, not only the file's); before a choice, the file's default. A default given while no
 * sheet could be read (a sheet's columns still to correct) was not the file's: the new one replaces it.
 */
export function keptPeriod(
  chosen: string,
  preview: Pick<ImportPreview, 'defaultPeriod'>,
  previous?: Pick<ImportPreview, 'defaultPeriod' | 'sheets'> | null,
): string {
  const unread = previous && previous.sheets.length === 0 && chosen === previous.defaultPeriod;
  return /^\d{4}-\d{2}$/.test(chosen) && !unread ? chosen : preview.defaultPeriod;
}
