/** Reading KPI workbooks and CSV files: safety checks, exceljs reading, interpretation. */
import { type InterpretedWorkbook, type InterpretOptions, interpretWorkbook } from '../../../shared/import/interpret';
import type { RawWorkbook } from '../../../shared/import/types';
import { readWorkbook } from './read';

export { isPercentFormat, readWorkbook } from './read';
export {
  checkFile,
  ImportRefusal,
  isImportRefusal,
  MAX_CELLS,
  MAX_ENTRY_RATIO,
  MAX_FILE_BYTES,
  MAX_PART_BYTES,
  MAX_ROWS,
  MAX_UNPACKED_BYTES,
  MAX_ZIP_ENTRIES,
  REFUSAL_MESSAGES,
  type RefusalCode,
} from './safety';

/** Reads a file and interprets it; throws ImportRefusal for a refused file or one with no KPI sheet. */
export async function readAndInterpret(
  bytes: Buffer | Uint8Array,
  fileName: string,
  options?: InterpretOptions,
): Promise<{ raw: RawWorkbook; workbook: InterpretedWorkbook }> {
  const raw = await readWorkbook(bytes, fileName);
  return { raw, workbook: interpretWorkbook(raw, options) };
}
