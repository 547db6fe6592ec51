import { entryData, readZipDirectory, writeZip } from './zip';

/**
 * Splitting a large workbook's reading across two threads. exceljs reads a whole workbook at
 * once on one core; a copy of the file in which some worksheets are replaced by empty ones reads
 * only the others. Two such copies, read by two workers side by side, give every sheet exactly
 * once (the shared strings and styles are read by both). Kept entries are copied compressed, as
 * they are.
 */
const EMPTY_SHEET = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>',
);

const isWorksheet = (name: string) => /^\/?xl\/worksheets\/[^/]+\.xml$/i.test(name);

/** The worksheet parts of an xlsx with their compressed sizes, or null when it cannot be split. */
export function worksheetParts(buf: Buffer): Array<{ name: string; size: number }> | null {
  const dir = readZipDirectory(buf);
  if (dir.zip64) return null;
  return dir.entries.filter((e) => isWorksheet(e.name)).map((e) => ({ name: e.name, size: e.compressedSize }));
}

/** Two groups of worksheet parts of about the same compressed size (largest first, greedy). */
export function balance(parts: Array<{ name: string; size: number }>): [Set<string>, Set<string>] {
  const groups: [Set<string>, Set<string>] = [new Set(), new Set()];
  const load = [0, 0];
  for (const p of [...parts].sort((a, b) => b.size - a.size)) {
    const i = load[0] <= load[1] ? 0 : 1;
    groups[i].add(p.name);
    load[i] += p.size;
  }
  return groups;
}

/** A copy of the xlsx in which every worksheet not in `keep` is empty. */
export function withOnlySheets(buf: Buffer, keep: Set<string>): Buffer {
  return writeZip(
    readZipDirectory(buf).entries.map((e) =>
      isWorksheet(e.name) && !keep.has(e.name)
        ? { name: e.name, data: EMPTY_SHEET }
        : { name: e.name, data: entryData(buf, e), copyOf: e },
    ),
  );
}
