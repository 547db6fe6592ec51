// The hostile and malformed files of bench:import, made at run time (never written to the repo):
// each must be read or refused within seconds.
import fs from 'node:fs';
import path from 'node:path';
import { MAX_CELLS, MAX_ROWS } from '../main/import/workbook/safety';
import {
  buildZip,
  deflatedPart,
  deflatedZeros,
  minimalXlsxParts,
  SAMPLES,
  type ZipPart,
} from '../tests/unit/import/helpers';

const sheetXml = (body: string) =>
  `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}`;
const sheet = (body: string) => buildZip(minimalXlsxParts(sheetXml(body)));

/** Four sheets of real-looking cells, past the cell limit together. */
function cellsPastLimit(): Buffer {
  const parts: ZipPart[] = [];
  const perSheet = Math.ceil((MAX_CELLS + 1) / 20 / 4);
  for (let n = 1; n <= 4; n++) {
    const rows: string[] = [];
    for (let r = 1; r <= perSheet; r++) {
      const cells = [`<c r="A${r}" t="inlineStr"><is><t>K${r}</t></is></c>`];
      for (let c = 1; c < 20; c++)
        cells.push(`<c r="${String.fromCharCode(65 + c)}${r}"><v>${(r * 7 + c) % 997}</v></c>`);
      rows.push(`<row r="${r}">${cells.join('')}</row>`);
    }
    parts.push(deflatedPart(`xl/worksheets/sheet${n}.xml`, `${sheetXml(rows.join(''))}</sheetData></worksheet>`));
  }
  return buildZip([...minimalXlsxParts(parts[0]), ...parts.slice(1)]);
}

/**
 * Rows of 8,000 month names without a year under a year (7 MB unpacked, under the ratio check), each a candidate header row: every
 * candidate looks for the year above its months (the title rows, a row of years).
 */
function monthRows(): string {
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const rows: string[] = [];
  for (let r = 1; r <= 20; r++) {
    const cells = ['<c t="inlineStr"><is><t>KPI</t></is></c>'];
    for (let c = 1; c < 8_000; c++) cells.push(`<c t="inlineStr"><is><t>${names[c % 12]}</t></is></c>`);
    rows.push(
      r % 2 ? '<row><c t="inlineStr"><is><t>KPIs 2025</t></is></c><c><v>2025</v></c></row>' : '',
      `<row>${cells.join('')}</row>`,
    );
  }
  return rows.join('');
}

export async function hostileFiles(): Promise<Array<{ name: string; fileName: string; bytes: Buffer }>> {
  const zeros = await deflatedZeros(200 * 1024 * 1024);
  const zeroSheet = (name: string, declaredSize: number): ZipPart => ({
    name,
    payload: zeros.payload,
    method: 8,
    crc: zeros.crc,
    declaredSize,
  });
  const techcorp = fs.readFileSync(path.join(SAMPLES, 'techcorp-solutions-2025-09.xlsx'));
  const flipped = Buffer.from(techcorp);
  for (let i = 1; i <= 8; i++) flipped[Math.floor((flipped.length * i) / 9)] ^= 0x10;
  const row = '<row><c t="inlineStr"><is><t>KPI</t></is></c><c><v>1</v></c></row>';
  const garbageStyles = minimalXlsxParts('<worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>');
  garbageStyles.push(deflatedPart('xl/styles.xml', `<styleSheet>${'<cellXfs><xf numFmtId="9">'.repeat(50_000)}`));
  const wide = `KPI,${Array.from({ length: 20 }, (_, i) => `M${i}`).join(',')}\n`;
  return [
    {
      name: '16 KB sheet of 200,000 unclosed date cells',
      fileName: 'dates.xlsx',
      bytes: sheet(`<row r="1">${'<c t="d"><v>2025-01-01'.repeat(200_000)}`),
    },
    {
      name: 'zip bomb: 400 MB of zeros declared in 400 KB',
      fileName: 'bomb.xlsx',
      bytes: buildZip([
        ...minimalXlsxParts(zeroSheet('xl/worksheets/sheet1.xml', 200 * 1024 * 1024)),
        zeroSheet('xl/worksheets/sheet2.xml', 200 * 1024 * 1024),
      ]),
    },
    {
      name: 'entry lying about its size (1 KB declared, 200 MB inside)',
      fileName: 'liar.xlsx',
      bytes: buildZip(minimalXlsxParts(zeroSheet('xl/worksheets/sheet1.xml', 1000))),
    },
    {
      name: '1 MB sheet of repeated rows unpacking to 60 MB',
      fileName: 'ratio.xlsx',
      bytes: sheet(row.repeat((60 * 1024 * 1024) / row.length)),
    },
    {
      name: `sheets of real-looking cells past ${MAX_CELLS.toLocaleString('en-US')} cells`,
      fileName: 'cells.xlsx',
      bytes: cellsPastLimit(),
    },
    {
      name: `CSV of ${(MAX_ROWS + 1).toLocaleString('en-US')} lines`,
      fileName: 'lines.csv',
      bytes: Buffer.from('KPI,Data\n'.repeat(MAX_ROWS + 1)),
    },
    {
      name: 'CSV past the cell limit',
      fileName: 'fields.csv',
      bytes: Buffer.from(wide.repeat(Math.ceil(MAX_CELLS / 21) + 1)),
    },
    {
      name: 'deep nesting (100,000 open rows)',
      fileName: 'deep.xlsx',
      bytes: sheet(`${'<row><c><is>'.repeat(100_000)}<t>deep</t>`),
    },
    { name: '500,000 unclosed unknown tags', fileName: 'tags.xlsx', bytes: sheet('<x>'.repeat(500_000)) },
    { name: 'styles nested without end', fileName: 'styles.xlsx', bytes: buildZip(garbageStyles) },
    {
      name: 'sample workbook truncated at half',
      fileName: 'half.xlsx',
      bytes: techcorp.subarray(0, techcorp.length >> 1),
    },
    { name: 'sample workbook with 8 flipped bytes', fileName: 'flipped.xlsx', bytes: flipped },
    {
      name: '20 header-like rows of 8,000 month names without a year',
      fileName: 'months.xlsx',
      bytes: sheet(`${monthRows()}</sheetData></worksheet>`),
    },
  ];
}
