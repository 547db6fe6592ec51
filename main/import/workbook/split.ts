import { crc32 } from 'node:zlib';
import { entryData, readZipDirectory, type ZipEntry } from './zip';

/**
 * Splitting a large workbook's reading across two threads. exceljs reads a whole workbook at
 * once on one core; a copy of the file in which some worksheets are replaced by empty ones reads
 * only the others. Two such copies, read by two workers side by side, give every sheet exactly
 * once (the shared strings and styles are read by both). Kept entries are copied compressed, as
 * they are; the zip is rewritten with fresh headers and no data descriptors.
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
  const dir = readZipDirectory(buf);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of dir.entries) {
    const emptied = isWorksheet(e.name) && !keep.has(e.name);
    const data = emptied ? EMPTY_SHEET : entryData(buf, e);
    const entry: ZipEntry = emptied
      ? {
          ...e,
          method: 0,
          flags: 0,
          crc32: crc32(EMPTY_SHEET),
          compressedSize: EMPTY_SHEET.length,
          uncompressedSize: EMPTY_SHEET.length,
        }
      : { ...e, flags: e.flags & ~0x8 };
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.flags & 0x800, 6);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(0, 10);
    local.writeUInt32LE(entry.crc32 >>> 0, 14);
    local.writeUInt32LE(entry.compressedSize, 18);
    local.writeUInt32LE(entry.uncompressedSize, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.flags & 0x800, 8);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(entry.crc32 >>> 0, 16);
    central.writeUInt32LE(entry.compressedSize, 20);
    central.writeUInt32LE(entry.uncompressedSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(dir.entries.length, 8);
  end.writeUInt16LE(dir.entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
