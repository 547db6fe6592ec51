import { parentPort } from 'node:worker_threads';
import { isImportRefusal } from '../../shared/import/refusal';
import { forgetLastWorkbook, type ParseRequest, packMonths, parseInProcess, type WorkerFailure } from './parse';

/** The import's worker thread: reads and interprets files off the main process's thread. */
parentPort?.on('message', async (m: { seq: number; req: ParseRequest; forget?: boolean; ping?: boolean }) => {
  const { seq, req, forget, ping } = m;
  if (forget) {
    forgetLastWorkbook();
    return;
  }
  if (ping) {
    // The thread has loaded its code (exceljs and the importer): it is ready for a file.
    parentPort?.postMessage({ seq, pong: true });
    return;
  }
  try {
    const result = await parseInProcess(req, (phase) => parentPort?.postMessage({ seq, phase }));
    parentPort?.postMessage({ seq, result: packMonths(result) });
  } catch (e) {
    const failure: WorkerFailure = isImportRefusal(e)
      ? { refusal: { code: e.code, message: e.message, details: e.details } }
      : { message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined };
    parentPort?.postMessage({ seq, failure });
  }
});
