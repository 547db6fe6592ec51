/**
 * A minimal reader of a zip file's central directory, so that a workbook's declared sizes can be
 * checked before any unzipping library sees it, and single entries can be inflated with a limit.
 */
import { createInflateRaw } from 'node:zlib';

export type ZipEntry = {
  name: string;
  flags: number;
  /** 0 stored, 8 deflate */
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
};

export type ZipDirectory = {
  /** empty when `declaredCount` is above the `maxEntries` asked for */
  entries: ZipEntry[];
  /** the number of entries the end record declares */
  declaredCount: number;
  /** sum of the declared uncompressed sizes */
  totalUncompressed: number;
  zip64: boolean;
};

/** The bytes are not a readable zip: missing end record, directory out of bounds, bad signatures. */
export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;

function u64(buf: Buffer, at: number): number {
  const n = buf.readBigUInt64LE(at);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('64-bit size out of range');
  return Number(n);
}

function findEndRecord(buf: Buffer): number {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD && i + 22 + buf.readUInt16LE(i + 20) <= buf.length) return i;
  }
  throw new ZipFormatError('end of central directory not found');
}

/** Reads the central directory. Throws ZipFormatError when the zip is damaged or truncated. */
export function readZipDirectory(buf: Buffer, maxEntries = Number.POSITIVE_INFINITY): ZipDirectory {
  if (buf.length < 22) throw new ZipFormatError('too short');
  const eocd = findEndRecord(buf);
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  let cdEndLimit = eocd;
  let zip64 = false;
  if (count === U16_MAX || cdSize === U32_MAX || cdOffset === U32_MAX) {
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== SIG_ZIP64_LOCATOR) throw new ZipFormatError('zip64 locator missing');
    const rec = u64(buf, loc + 8);
    if (rec + 56 > loc || buf.readUInt32LE(rec) !== SIG_ZIP64_EOCD) throw new ZipFormatError('zip64 record missing');
    count = u64(buf, rec + 32);
    cdSize = u64(buf, rec + 40);
    cdOffset = u64(buf, rec + 48);
    cdEndLimit = rec;
    zip64 = true;
  }
  if (count > maxEntries) return { entries: [], declaredCount: count, totalUncompressed: 0, zip64 };
  if (cdOffset + cdSize > cdEndLimit) throw new ZipFormatError('central directory out of bounds');

  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  const end = cdOffset + cdSize;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || buf.readUInt32LE(p) !== SIG_CENTRAL) throw new ZipFormatError('bad central directory entry');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc32 = buf.readUInt32LE(p + 16);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localHeaderOffset = buf.readUInt32LE(p + 42);
    const nameEnd = p + 46 + nameLen;
    if (nameEnd + extraLen + commentLen > end) throw new ZipFormatError('central directory entry out of bounds');
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, nameEnd);
    if (uncompressedSize === U32_MAX || compressedSize === U32_MAX || localHeaderOffset === U32_MAX) {
      // ZIP64 extended information extra field (0x0001): the 64-bit values, in this order, of
      // those fields that are 0xFFFFFFFF in the record.
      let e = nameEnd;
      let found = false;
      while (e + 4 <= nameEnd + extraLen) {
        const id = buf.readUInt16LE(e);
        const size = buf.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          const need = (v: number) => v === U32_MAX;
          if (need(uncompressedSize) && q + 8 <= e + 4 + size) {
            uncompressedSize = u64(buf, q);
            q += 8;
          }
          if (need(compressedSize) && q + 8 <= e + 4 + size) {
            compressedSize = u64(buf, q);
            q += 8;
          }
          if (need(localHeaderOffset) && q + 8 <= e + 4 + size) localHeaderOffset = u64(buf, q);
          found = true;
          break;
        }
        e += 4 + size;
      }
      if (!found) throw new ZipFormatError('zip64 extra field missing');
      zip64 = true;
    }
    entries.push({ name, flags, method, crc32, compressedSize, uncompressedSize, localHeaderOffset });
    total += uncompressedSize;
    p = nameEnd + extraLen + commentLen;
  }
  return { entries, declaredCount: count, totalUncompressed: total, zip64 };
}

/** The compressed bytes of an entry, after checking its local header lies within the file. */
export function entryData(buf: Buffer, entry: ZipEntry): Buffer {
  const h = entry.localHeaderOffset;
  if (h + 30 > buf.length || buf.readUInt32LE(h) !== SIG_LOCAL) throw new ZipFormatError('bad local header');
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw new ZipFormatError('entry data out of bounds');
  return buf.subarray(start, end);
}

/**
 * Inflates an entry, stopping as soon as the output passes `limit` bytes, or when `onChunk` returns
 * false. Resolves with the bytes (when `keep`) and the size; the size is `limit + 1` or more when
 * the limit was passed.
 */
export function inflateEntry(
  buf: Buffer,
  entry: ZipEntry,
  limit: number,
  keep: boolean,
  onChunk?: (chunk: Buffer) => boolean | undefined,
): Promise<{ size: number; data: Buffer | null }> {
  const data = entryData(buf, entry);
  if (entry.method === 0) {
    const stored = data.subarray(0, limit + 1);
    // As when inflating: no chunk past the limit is handed on.
    if (data.length <= limit) onChunk?.(stored);
    return Promise.resolve({ size: data.length, data: keep ? stored : null });
  }
  if (entry.method !== 8) return Promise.reject(new ZipFormatError(`compression method ${entry.method}`));
  return new Promise((resolve, reject) => {
    const z = createInflateRaw({ chunkSize: 64 * 1024 });
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      resolve({ size, data: keep ? Buffer.concat(chunks) : null });
    };
    // Each chunk is handed to onChunk in a microtask, once zlib has been given the next piece of
    // input: the thread pool inflates it while this thread reads the chunk.
    let queued = 0;
    let ended = false;
    const read = (chunk: Buffer) => {
      queued--;
      if (settled) return;
      if (onChunk?.(chunk) === false) {
        finish();
        z.destroy();
      } else if (ended && queued === 0) finish();
    };
    z.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (keep) chunks.push(chunk);
      if (size > limit) {
        finish();
        z.destroy();
      } else if (onChunk) {
        queued++;
        queueMicrotask(() => read(chunk));
      }
    });
    z.on('end', () => {
      ended = true;
      if (queued === 0) finish();
    });
    z.on('error', (err) => {
      if (settled) return;
      settled = true;
      reject(new ZipFormatError(`inflate failed: ${err.message}`));
    });
    z.end(data);
  });
}
