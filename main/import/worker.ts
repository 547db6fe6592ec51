import { parentPort } from 'node:worker_threads';
import { isImportRefusal } from '../../shared/import/refusal';
import type { Cell } from '../../shared/import/types';
import { type ParseRequest, packMonths, readParts } from './parse';
import type { WorkerFailure } from './threads';
import { readFirstSheet } from './workbook/read';

/**
 * The import's worker thread: reads and interprets files off the main process's thread. Each sheet
 * is sent as soon as it is interpreted, and not kept: the main process puts the sheets together
 * (and keeps a preview's workbook for its commit).
 */
type Message = {
  seq: number;
  req: ParseRequest;
  ranges?: { bytes: Uint8Array; fileName: string };
  ping?: boolean;
};

parentPort?.on('message', async (m: Message) => {
  const { seq, req, ranges, ping } = m;
  if (ping) {
    // The thread has loaded its code (the reader and the interpreter): it is ready for a file.
    parentPort?.postMessage({ seq, pong: true });
    return;
  }
  try {
    if (ranges) {
      // A reference-range list: the cells of its first visible sheet.
      const rows: Cell[][] = await readFirstSheet(ranges.bytes, ranges.fileName);
      parentPort?.postMessage({ seq, rows });
      return;
    }
    const end = await readParts(
      req,
      (part) => parentPort?.postMessage({ seq, part: packMonths(part) }),
      (phase) => parentPort?.postMessage({ seq, phase }),
    );
    parentPort?.postMessage({ seq, end });
  } catch (e) {
    const failure: WorkerFailure = isImportRefusal(e)
      ? { refusal: { code: e.code, message: e.message, details: e.details } }
      : { message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined };
    parentPort?.postMessage({ seq, failure });
  }
});
