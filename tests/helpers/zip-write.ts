/**
 * Writing a zip, for tests that build workbooks by hand from another one's entries (the app only
 * reads zips: main/import/workbook/zip.ts).
 */
import { crc32 } from 'node:zlib';
import type { ZipEntry } from '../../main/import/workbook/zip';

const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const SIG_EOCD = 0x06054b50;

/** One entry of a zip to write: `data` is the compressed bytes of `copyOf`, or new content to store. */
export type ZipOutPart = { name: string; data: Buffer; copyOf?: ZipEntry };

/** The fields a local and a central header share, from the flags on (names in UTF-8, no time). */
function writeEntryFields(
  header: Buffer,
  at: number,
  f: { method: number; crc: number; compressedSize: number; size: number; nameLength: number },
) {
  header.writeUInt16LE(0x800, at);
  header.writeUInt16LE(f.method, at + 2);
  header.writeUInt32LE(0, at + 4);
  header.writeUInt32LE(f.crc >>> 0, at + 8);
  header.writeUInt32LE(f.compressedSize, at + 12);
  header.writeUInt32LE(f.size, at + 16);
  header.writeUInt16LE(f.nameLength, at + 20);
}

/**
 * Writes a zip of the given parts (no ZIP64: the parts are small enough after the safety checks).
 * A copied part keeps its compressed bytes; a part with new content is stored uncompressed, which
 * costs the reader nothing. Headers are fresh, with no data descriptors.
 */
export function writeZip(parts: ZipOutPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const e = p.copyOf;
    const method = e ? e.method : 0;
    const crc = e ? e.crc32 : crc32(p.data);
    const size = e ? e.uncompressedSize : p.data.length;
    const name = Buffer.from(p.name, 'utf8');
    const fields = { method, crc, compressedSize: p.data.length, size, nameLength: name.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(20, 4);
    writeEntryFields(local, 6, fields);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(SIG_CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    writeEntryFields(central, 8, fields);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    centrals.push(central, name);
    offset += 30 + name.length + p.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_EOCD, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
