import { inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAndInterpret } from '../../../main/import/workbook';
import {
  checkFile,
  MAX_CELLS,
  MAX_ENTRY_RATIO,
  MAX_FILE_BYTES,
  MAX_PART_BYTES,
  MAX_ROWS,
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

describe('hostile workbooks under the size limits (generated at run time)', () => {
  const sheetXml = (rows: string) =>
    `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;

  // Four sheets of about 20 MB of cells each, deflating at a ratio of real sheets, made once (the
  // refusal itself must come quickly).
  const SHEETS = 4;
  const PER_ROW = 20;
  let cellsBomb: Buffer;
  beforeAll(() => {
    const rowsPerSheet = Math.ceil((MAX_CELLS + 1) / PER_ROW / SHEETS);
    const parts: ZipPart[] = [];
    for (let n = 1; n <= SHEETS; n++) {
      const rows: string[] = [
        '<row r="1"><c r="A1" t="inlineStr"><is><t>KPI</t></is></c><c r="B1" t="inlineStr"><is><t>Data</t></is></c></row>',
      ];
      for (let r = 2; r <= rowsPerSheet + 1; r++) {
        const cells = [`<c r="A${r}" t="inlineStr"><is><t>K${r}</t></is></c>`];
        for (let c = 1; c < PER_ROW; c++)
          cells.push(`<c r="${String.fromCharCode(65 + c)}${r}"><v>${(r * 7 + c * 13) % 1000}</v></c>`);
        rows.push(`<row r="${r}">${cells.join('')}</row>`);
      }
      parts.push(deflatedPart(`xl/worksheets/sheet${n}.xml`, sheetXml(rows.join(''))));
    }
    cellsBomb = buildZip([...minimalXlsxParts(parts[0]), ...parts.slice(1)]);
  }, 120_000);

  it(
    'sheets of real-looking cells past the cell limit are refused, saying why',
    async () => {
      const bomb = cellsBomb;
      for (const entry of readZipDirectory(bomb).entries.filter((e) => e.name.includes('worksheets/'))) {
        // Honest sizes, well under the size limits, a compression ratio of real sheets.
        expect(entry.uncompressedSize).toBeLessThan(MAX_PART_BYTES);
        expect(entry.uncompressedSize / entry.compressedSize).toBeLessThan(MAX_ENTRY_RATIO);
      }
      const refusal = await refusalOf(bomb, 'cells.xlsx');
      expect(refusal.code).toBe('too-many-cells');
      expect(refusal.message).toBe(
        'This workbook has more than 3,000,000 cells or 200,000 rows, far more than a KPI workbook needs, so it was not opened; remove unused sheets, rows or data and try again.',
      );
    },
    QUICK,
  );

  it(
    'empty cells and rows count too',
    async () => {
      // Two sheets, each under the size from which the unpacking ratio is checked.
      const half = sheetXml(`<row>${'<c/>'.repeat(20)}</row>`.repeat(MAX_CELLS / 40 + 1));
      const cells = buildZip([...minimalXlsxParts(half), deflatedPart('xl/worksheets/sheet2.xml', half)]);
      expect((await refusalOf(cells, 'cells.xlsx')).code).toBe('too-many-cells');
      const rows = buildZip(minimalXlsxParts(sheetXml('<row/>'.repeat(MAX_ROWS + 1))));
      expect((await refusalOf(rows, 'rows.xlsx')).code).toBe('too-many-cells');
    },
    QUICK,
  );

  it(
    'a CSV file past the cell or row limit is refused with the same sentence, before it is all read',
    async () => {
      const sentence = REFUSAL_MESSAGES['too-many-cells'];
      const lines = Buffer.from('KPI,Data\n'.repeat(MAX_ROWS + 1));
      expect(lines.length).toBeLessThan(MAX_FILE_BYTES);
      const rows = await refusalOf(lines, 'lines.csv');
      expect([rows.code, rows.message]).toEqual(['too-many-cells', sentence]);
      const wide = `KPI,${Array.from({ length: 20 }, (_, i) => `M${i}`).join(',')}\n`;
      const fields = Buffer.from(wide.repeat(Math.ceil(MAX_CELLS / 21) + 1));
      const cells = await refusalOf(fields, 'fields.csv');
      expect([cells.code, cells.message]).toEqual(['too-many-cells', sentence]);
      // Just under both limits, the same shape is read.
      const under = Buffer.from(`KPI,Data\n${'Calls,3\n'.repeat(1000)}`);
      const { raw } = await readAndInterpret(under, 'under.csv');
      expect(raw.sheets[0].rows).toHaveLength(1001);
    },
    QUICK,
  );

  it(
    'a 1 MB file whose sheet unpacks to 60 MB of repeated rows (a ratio of a few hundred) is refused',
    async () => {
      const row = '<row><c t="inlineStr"><is><t>KPI</t></is></c><c><v>1</v></c></row>';
      const bomb = buildZip(minimalXlsxParts(sheetXml(row.repeat((60 * 1024 * 1024) / row.length))));
      expect(bomb.length).toBeLessThan(1024 * 1024);
      expect((await refusalOf(bomb, 'bomb.xlsx')).code).toBe('unpacked-too-large');
    },
    QUICK,
  );

  it('counts every cell and row, also across the chunks the sheets are inflated in', async () => {
    for (const [name, bytes] of [
      ['layout.xlsx', fixture('layout.xlsx')],
      ['acme.xlsx', sample('acme-rollup-2025-09.xlsx')],
    ] as const) {
      const checked = await checkFile(bytes, name);
      if (checked.kind !== 'xlsx') throw new Error(name);
      let cells = 0;
      let rows = 0;
      for (const e of readZipDirectory(bytes).entries) {
        if (!/^xl\/worksheets\/[^/]+\.xml$/.test(e.name)) continue;
        const h = e.localHeaderOffset;
        const start = h + 30 + bytes.readUInt16LE(h + 26) + bytes.readUInt16LE(h + 28);
        const xml = inflateRawSync(bytes.subarray(start, start + e.compressedSize)).toString('latin1');
        cells += xml.match(/<c[\s>/]/g)?.length ?? 0;
        rows += xml.match(/<row[\s>/]/g)?.length ?? 0;
      }
      expect(cells, name).toBeGreaterThan(100);
      const scans = [...checked.sheets.values()];
      expect(
        scans.reduce((n, s) => n + s.cells, 0),
        name,
      ).toBe(cells);
      expect(
        scans.reduce((n, s) => n + s.rows, 0),
        name,
      ).toBe(rows);
    }
  });
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
