import type { ExportFile } from '../../shared/channels/common';
import { saveFile } from '../api';
import { reportError, useApp } from '../store';

/** Saves a file built in the main process (xlsx, CSV) where the user chooses. */
export async function saveExport(file: Promise<ExportFile>): Promise<void> {
  try {
    const f = await file;
    if (await saveFile(f.fileName, f.bytes)) useApp.getState().toast('success', `Saved ${f.fileName}.`);
  } catch (e) {
    reportError(e);
  }
}
