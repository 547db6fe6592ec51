import { beforeAll, describe, expect, it } from 'vitest';
import { readAndInterpret } from '../../../main/import/workbook';
import {
  MAX_ENTRY_RATIO,
  MAX_FILE_BYTES,
  MAX_UNPACKED_BYTES,
  MAX_ZIP_ENTRIES,
  REFUSAL_MESSAGES,
} from '../../../main/import/workbook/safety';
import { readZipDirectory } from '../../../main/import/workbook/zip';
import { NO_KPI_SHEET_MESSAGE, SKIP_HIDDEN, SKIP_NO_HEADER } from '../../../shared/import/interpret';
import {
  buildZip,
  deflatedPart,
  deflatedZeros,
  fixture,
  minimalXlsxParts,
  refusalOf,
  sample,
  type ZipPart,
} from './helpers';

/** Refusals must come within seconds: each test gets a short timeout (not a timing assertion). */
const QUICK = 15_000;

describe('bad inputs are refused with a message a CSM understands', () => {
  const cases: Array<[string, string, string]> = [
    ['an empty file', 'empty.xlsx', 'empty-file'],
    ['random bytes named .xlsx', 'random.xlsx', 'damaged'],
    ['a truncated xlsx', 'truncated.xlsx', 'damaged'],
    ['a Word document renamed .xlsx', 'word-renamed.xlsx', 'word-document'],
    ['a legacy .xls', 'legacy.xls', 'legacy-xls'],
    ['a password-protected xlsx', 'encrypted.xlsx', 'password-protected'],
    ['a workbook with no KPI sheet', 'no-kpi-sheet.xlsx', 'no-kpi-sheet'],
    ['a workbook with no header row in the first 20 rows', 'no-header-row.xlsx', 'no-kpi-sheet'],
  ];
  it.each(cases)(
    '%s (%s)',
    async (_label, name, code) => {
      const refusal = await refusalOf(fixture(name), name);
      expect(refusal.code).toBe(code);
      expect(refusal.message).toBe(
        code === 'no-kpi-sheet' ? NO_KPI_SHEET_MESSAGE : REFUSAL_MESSAGES[code as 'damaged'],
      );
    },
    QUICK,
  );

  it('gives the two OLE2 files their own messages, whatever their extension', async () => {
    expect((await refusalOf(fixture('legacy.xls'), 'kpis.xlsx')).message).toBe(
      'This is an old-style .xls file; save it as .xlsx in Excel and try again.',
    );
    expect((await refusalOf(fixture('encrypted.xlsx'), 'kpis.xlsx')).message).toBe(
      'This workbook is password-protected; remove the password in Excel and try again.',
    );
  });

  it('lists the skipped sheets of a workbook with no KPI sheet', async () => {
    const refusal = await refusalOf(fixture('no-kpi-sheet.xlsx'), 'no-kpi-sheet.xlsx');
    expect(refusal.details?.skipped).toEqual([
      { sheet: 'Instructions', reason: SKIP_NO_HEADER },
      { sheet: 'Summary', reason: SKIP_NO_HEADER },
      { sheet: 'Relationship Strength', reason: SKIP_HIDDEN },
    ]);
  });

  it('random bytes under another name are not a workbook', async () => {
    expect((await refusalOf(fixture('random.xlsx'), 'scores.bin')).code).toBe('not-a-workbook');
  });

  it('a file above the size limit', async () => {
    const big = Buffer.alloc(MAX_FILE_BYTES + 1);
    expect((await refusalOf(big, 'big.xlsx')).code).toBe('too-large');
  });

  it('zips that are other files', async () => {
    const xlsb = buildZip([deflatedPart('[Content_Types].xml', '<Types/>'), deflatedPart('xl/workbook.bin', 'x')]);
    expect((await refusalOf(xlsb, 'a.xlsx')).code).toBe('binary-workbook');
    const ods = buildZip([
      deflatedPart('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'),
      deflatedPart('content.xml', '<x/>'),
    ]);
    expect((await refusalOf(ods, 'a.xlsx')).code).toBe('opendocument');
    const pptx = buildZip([deflatedPart('ppt/presentation.xml', '<x/>')]);
    expect((await refusalOf(pptx, 'a.xlsx')).code).toBe('powerpoint-document');
    const other = buildZip([deflatedPart('readme.txt', 'hello')]);
    expect((await refusalOf(other, 'a.xlsx')).code).toBe('not-a-workbook');
  });

  it('text files that are not CSV', async () => {
    const html = Buffer.from('<html><body><table><tr><td>KPI</td><td>Data</td></tr></table></body></html>');
    expect((await refusalOf(html, 'export.xls')).code).toBe('web-page');
    const xml = Buffer.from(
      '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet/></Workbook>',
    );
    expect((await refusalOf(xml, 'export.xml')).code).toBe('xml-spreadsheet');
  });

  it('a workbook exceljs cannot load is refused as unreadable', async () => {
    const parts = minimalXlsxParts('<worksheet><sheetData>');
    parts[2] = deflatedPart('xl/workbook.xml', 'this is <<< not a workbook');
    expect((await refusalOf(buildZip(parts), 'broken.xlsx')).code).toBe('unreadable');
  });

  it('too many zip entries', async () => {
    const tiny = deflatedPart('x', '');
    const parts: ZipPart[] = [...minimalXlsxParts('<worksheet/>')];
    for (let i = 0; i <= MAX_ZIP_ENTRIES; i++) parts.push({ ...tiny, name: `xl/media/f${i}` });
    expect((await refusalOf(buildZip(parts), 'many.xlsx')).code).toBe('unpacked-too-large');
  });

  it('messages are one plain sentence each', () => {
    for (const message of [...Object.values(REFUSAL_MESSAGES), NO_KPI_SHEET_MESSAGE]) {
      expect(message).toMatch(/^[A-Z].*\.$/);
      expect(message.slice(0, -1)).not.toMatch(/\.\s/);
      expect(message).not.toMatch(/zip|OLE|exceljs|directory|stream|undefined|error/i);
    }
  });
});

describe('zip bombs (generated at run time, never written to disk)', () => {
  // 200 MB of zeros deflate to about 200 KB.
  let zeros: { payload: Buffer; crc: number };
  const SIZE = 200 * 1024 * 1024;
  beforeAll(async () => {
    zeros = await deflatedZeros(SIZE);
  }, 60_000);

  const sheet = (name: string, declaredSize: number): ZipPart => ({
    name,
    payload: zeros.payload,
    method: 8,
    crc: zeros.crc,
    declaredSize,
  });

  it(
    'a small xlsx that unpacks to 400 MB (declared) is refused',
    async () => {
      const parts = [
        ...minimalXlsxParts(sheet('xl/worksheets/sheet1.xml', SIZE)),
        sheet('xl/worksheets/sheet2.xml', SIZE),
      ];
      const bomb = buildZip(parts);
      expect(bomb.length).toBeLessThan(1024 * 1024);
      expect(readZipDirectory(bomb).totalUncompressed).toBeGreaterThan(MAX_UNPACKED_BYTES);
      expect((await refusalOf(bomb, 'bomb.xlsx')).code).toBe('unpacked-too-large');
    },
    QUICK,
  );

  it(
    'a single entry with an absurd compression ratio is refused, even under the total limit',
    async () => {
      expect(SIZE / zeros.payload.length).toBeGreaterThan(MAX_ENTRY_RATIO);
      const bomb = buildZip(minimalXlsxParts(sheet('xl/worksheets/sheet1.xml', SIZE)));
      expect((await refusalOf(bomb, 'bomb.xlsx')).code).toBe('unpacked-too-large');
    },
    QUICK,
  );

  it(
    'an entry that unpacks to more than its declared size is refused as soon as it passes it',
    async () => {
      const bomb = buildZip(minimalXlsxParts(sheet('xl/worksheets/sheet1.xml', 1000)));
      expect((await refusalOf(bomb, 'liar.xlsx')).code).toBe('damaged');
    },
    QUICK,
  );
});

describe('zip structure', () => {
  /** The sample's entries, re-packed by our own writer. */
  function repack(bytes: Buffer, zip64: boolean): Buffer {
    const dir = readZipDirectory(bytes);
    const parts: ZipPart[] = dir.entries.map((e) => {
      const h = e.localHeaderOffset;
      const start = h + 30 + bytes.readUInt16LE(h + 26) + bytes.readUInt16LE(h + 28);
      return {
        name: e.name,
        payload: bytes.subarray(start, start + e.compressedSize),
        method: e.method as 0 | 8,
        crc: e.crc32,
        declaredSize: e.uncompressedSize,
      };
    });
    return buildZip(parts, { zip64 });
  }

  it('a ZIP64 workbook is read', async () => {
    const name = 'techcorp-solutions-2025-09.xlsx';
    const bytes = repack(sample(name), true);
    expect(readZipDirectory(bytes).zip64).toBe(true);
    const { workbook } = await readAndInterpret(bytes, name);
    expect(workbook.sheets.flatMap((s) => s.rows)).toHaveLength(67);
  });

  it('a central directory pointing outside the file is damaged', async () => {
    const bytes = Buffer.from(fixture('layout.xlsx'));
    const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    bytes.writeUInt32LE(bytes.length, eocd + 16);
    expect((await refusalOf(bytes, 'layout.xlsx')).code).toBe('damaged');
  });
});
