/**
 * The check's count of cells and rows (main/import/workbook/safety.ts, sheetScanner): read byte by
 * byte, chunk by chunk, it counts the cell and row start tags a pattern over the whole text finds,
 * wherever the chunks are cut.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type SheetScan, sheetScanner } from '../../../main/import/workbook/safety';
import { entryData, readZipDirectory } from '../../../main/import/workbook/zip';
import { rng } from '../../helpers/workbooks';
import { SAMPLES } from './helpers';

/** The pattern the check used before, over the whole text. */
function reference(text: string): SheetScan {
  let cells = 0;
  let rows = 0;
  for (const m of text.matchAll(/<(?:[A-Za-z_][\w.-]*:)?(c|row)[\s/>]/g)) {
    if (m[1] === 'c') cells++;
    else rows++;
  }
  return { cells, rows };
}

function scanned(bytes: Buffer, sizes: number[]): SheetScan {
  const scan: SheetScan = { cells: 0, rows: 0 };
  const feed = sheetScanner(scan, { cells: 0, rows: 0 });
  for (let i = 0, k = 0; i < bytes.length; k++) {
    const n = sizes[k % sizes.length];
    feed(bytes.subarray(i, i + n));
    i += n;
  }
  return scan;
}

describe('sheetScanner: the cells and rows of a worksheet counted chunk by chunk', () => {
  it('counts the sample worksheets as the separate patterns do, in chunks of any size', () => {
    const buf = readFileSync(path.join(SAMPLES, 'acme-rollup-2025-09.xlsx'));
    for (const e of readZipDirectory(buf).entries.filter((x) => /^xl\/worksheets\/.*\.xml$/.test(x.name))) {
      const xml = inflateRawSync(entryData(buf, e));
      const expected = reference(xml.toString('latin1'));
      expect(expected.cells).toBeGreaterThan(100);
      for (const sizes of [[1], [3, 7], [39], [40], [41], [4096], [xml.length]])
        expect(scanned(xml, sizes)).toEqual(expected);
    }
  });

  it('counts cell and row tags with prefixes, odd spacing and look-alikes as the pattern does', () => {
    const rand = rng(11);
    const bits = [
      '<c r="A1"',
      ' t="d"',
      '<x:c ',
      '<row>',
      '<rows>',
      '<cc>',
      '<v/>',
      '<v ></v>',
      '<x:v/>',
      '<v>1</v>',
      " t = 'd'",
      '<c/>',
      '</c>',
      '<row/>',
      '<1:c ',
      '<x.y-z:row\t',
      '<_:c>',
      '<a:b:c ',
      '<c\u00a0',
      '<c\u000b',
      '<row\u0085',
      '<C ',
      '<ROW>',
      '<',
      ':',
      '>',
      ' ',
      '\n',
    ];
    for (let n = 0; n < 400; n++) {
      let text = '';
      const len = 1 + Math.floor(rand() * 30);
      for (let i = 0; i < len; i++) text += bits[Math.floor(rand() * bits.length)];
      const bytes = Buffer.from(text, 'latin1');
      const sizes = [1 + Math.floor(rand() * 9), 1 + Math.floor(rand() * 50)];
      expect(scanned(bytes, sizes), text).toEqual(reference(text));
    }
  });
});
