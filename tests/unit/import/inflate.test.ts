/**
 * inflateEntry hands each inflated chunk to its reader after zlib has been given the next piece
 * (the thread pool inflates while the chunk is read): every chunk is read, in order, before the
 * promise resolves; a reader saying stop ends the inflating; the size cap still holds.
 */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateEntry, readZipDirectory } from '../../../main/import/workbook/zip';
import { writeZip } from '../../helpers/zip-write';

/** A zip of one deflated entry holding `content`. */
function zipOf(content: Buffer) {
  const data = deflateRawSync(content);
  const copyOf = {
    name: 'x.xml',
    flags: 0,
    method: 8,
    crc32: 0,
    compressedSize: data.length,
    uncompressedSize: content.length,
    localHeaderOffset: 0,
  };
  const buf = writeZip([{ name: 'x.xml', data, copyOf }]);
  return { buf, entry: readZipDirectory(buf).entries[0] };
}

describe('inflateEntry with a reader of its chunks', () => {
  const content = Buffer.from(Array.from({ length: 200_000 }, (_, i) => `<c r="A${i}"><v>${i}</v></c>`).join(''));

  it('reads every chunk, in order, before it resolves', async () => {
    const { buf, entry } = zipOf(content);
    const seen: Buffer[] = [];
    const got = await inflateEntry(buf, entry, entry.uncompressedSize, true, (c) => {
      seen.push(Buffer.from(c));
      return true;
    });
    expect(seen.length).toBeGreaterThan(10);
    expect(Buffer.concat(seen).equals(content)).toBe(true);
    expect(got.size).toBe(content.length);
    expect(got.data?.equals(content)).toBe(true);
  });

  it('stops when the reader says so, and at the size cap', async () => {
    const { buf, entry } = zipOf(content);
    let calls = 0;
    const stopped = await inflateEntry(buf, entry, entry.uncompressedSize, false, () => ++calls < 3);
    expect(calls).toBe(3);
    expect(stopped.size).toBeLessThan(content.length);
    let read = 0;
    const capped = await inflateEntry(buf, entry, 100_000, false, (c) => {
      read += c.length;
      return true;
    });
    expect(capped.size).toBeGreaterThan(100_000);
    expect(read).toBeLessThanOrEqual(100_000);
  });
});
