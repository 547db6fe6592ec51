import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { readAndInterpret } from '../../../main/import/workbook';
import { ImportRefusal } from '../../../main/import/workbook/safety';
import type { InterpretedWorkbook, Issue, KpiRow } from '../../../shared/import/interpret';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES = path.join(REPO, 'tests/fixtures/messy');
export const SAMPLES = path.resolve(REPO, '../shared/samples');

/** The .xlsx files under a folder (none when it does not exist). */
export const xlsxIn = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.xlsx'))
        .map((f) => path.join(dir, f))
    : [];

export const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
export const sample = (name: string) => readFileSync(path.join(SAMPLES, name));

export async function interpretFixture(name: string): Promise<InterpretedWorkbook> {
  return (await readAndInterpret(fixture(name), name)).workbook;
}

/** The refusal a file gets; fails when the file is accepted. */
export async function refusalOf(bytes: Buffer, fileName: string): Promise<ImportRefusal> {
  try {
    await readAndInterpret(bytes, fileName);
  } catch (e) {
    if (e instanceof ImportRefusal) return e;
    throw e;
  }
  throw new Error(`${fileName} was accepted`);
}

export function rowNamed(wb: InterpretedWorkbook, name: string, account?: string): KpiRow {
  const row = wb.sheets
    .flatMap((s) => s.rows)
    .find((r) => r.fields.kpi_parameter === name && (account === undefined || r.account === account));
  if (!row) throw new Error(`no KPI row "${name}"`);
  return row;
}

export function issuesAt(wb: InterpretedWorkbook, sheet: string, row: number): Issue[] {
  return wb.issues.filter((i) => i.sheet === sheet && i.row === row);
}

// ---------------------------------------------------------------------------------------------
// A small zip writer for hostile and ZIP64 test files.
// ---------------------------------------------------------------------------------------------

export type ZipPart = {
  name: string;
  /** the entry's payload as stored in the zip (deflated when method is 8) */
  payload: Buffer;
  method: 0 | 8;
  crc: number;
  /** the uncompressed size written in the headers (may lie) */
  declaredSize: number;
};

export function deflatedPart(name: string, content: string | Buffer): ZipPart {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, payload: deflateRawSync(data), method: 8, crc: crc32(data), declaredSize: data.length };
}

/** A zip of the given parts; with zip64, every size and offset goes through the ZIP64 records. */
export function buildZip(parts: ZipPart[], opts: { zip64?: boolean } = {}): Buffer {
  const zip64 = !!opts.zip64;
  const M32 = 0xffffffff;
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const localExtra = zip64 ? Buffer.alloc(20) : Buffer.alloc(0);
    if (zip64) {
      localExtra.writeUInt16LE(1, 0);
      localExtra.writeUInt16LE(16, 2);
      localExtra.writeBigUInt64LE(BigInt(p.declaredSize), 4);
      localExtra.writeBigUInt64LE(BigInt(p.payload.length), 12);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(zip64 ? 45 : 20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(p.method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(zip64 ? M32 : p.payload.length, 18);
    local.writeUInt32LE(zip64 ? M32 : p.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    chunks.push(local, name, localExtra, p.payload);

    const cExtra = zip64 ? Buffer.alloc(28) : Buffer.alloc(0);
    if (zip64) {
      cExtra.writeUInt16LE(1, 0);
      cExtra.writeUInt16LE(24, 2);
      cExtra.writeBigUInt64LE(BigInt(p.declaredSize), 4);
      cExtra.writeBigUInt64LE(BigInt(p.payload.length), 12);
      cExtra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(45, 4);
    c.writeUInt16LE(zip64 ? 45 : 20, 6);
    c.writeUInt16LE(0x800, 8);
    c.writeUInt16LE(p.method, 10);
    c.writeUInt16LE(0, 12);
    c.writeUInt16LE(0x21, 14);
    c.writeUInt32LE(p.crc >>> 0, 16);
    c.writeUInt32LE(zip64 ? M32 : p.payload.length, 20);
    c.writeUInt32LE(zip64 ? M32 : p.declaredSize, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt16LE(cExtra.length, 30);
    c.writeUInt32LE(zip64 ? M32 : offset, 42);
    central.push(c, name, cExtra);
    offset += local.length + name.length + localExtra.length + p.payload.length;
  }
  const cd = Buffer.concat(central);
  const tail: Buffer[] = [];
  if (zip64) {
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(0x06064b50, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeUInt16LE(45, 12);
    rec.writeUInt16LE(45, 14);
    rec.writeBigUInt64LE(BigInt(parts.length), 24);
    rec.writeBigUInt64LE(BigInt(parts.length), 32);
    rec.writeBigUInt64LE(BigInt(cd.length), 40);
    rec.writeBigUInt64LE(BigInt(offset), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeBigUInt64LE(BigInt(offset + cd.length), 8);
    loc.writeUInt32LE(1, 16);
    tail.push(rec, loc);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(zip64 ? 0xffff : parts.length, 8);
  eocd.writeUInt16LE(zip64 ? 0xffff : parts.length, 10);
  eocd.writeUInt32LE(zip64 ? M32 : cd.length, 12);
  eocd.writeUInt32LE(zip64 ? M32 : offset, 16);
  return Buffer.concat([...chunks, cd, ...tail, eocd]);
}

/** `total` zero bytes, deflated as a stream (never held in memory), with their CRC. */
export async function deflatedZeros(total: number): Promise<{ payload: Buffer; crc: number }> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  const block = Buffer.alloc(1 << 20);
  let crc = 0;
  for (let written = 0; written < total; written += block.length) {
    const part = total - written >= block.length ? block : block.subarray(0, total - written);
    crc = crc32(part, crc);
    if (!z.write(part)) await once(z, 'drain');
  }
  z.end();
  await once(z, 'end');
  return { payload: Buffer.concat(out), crc };
}

/** The minimal parts of an xlsx around a given first sheet XML. */
export function minimalXlsxParts(sheetXml: string | ZipPart): ZipPart[] {
  const sheet = typeof sheetXml === 'string' ? deflatedPart('xl/worksheets/sheet1.xml', sheetXml) : sheetXml;
  return [
    deflatedPart(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    deflatedPart(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    deflatedPart(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Relationship Strength" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    deflatedPart(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    sheet,
  ];
}
