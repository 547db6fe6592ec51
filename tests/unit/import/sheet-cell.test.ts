/**
 * A worksheet's cells read whole (main/import/workbook/sheet-cell.ts) give the sheet the
 * tokenizer's events give: over every worksheet of every workbook we have, and over generated
 * worksheets of cells written every way XML allows (attribute order, quotes, spacing, prefixes,
 * entities, formulas, inline strings, CDATA, comments), read whole and in pieces cut anywhere.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type SheetContext, sheetReader } from '../../../main/import/workbook/sheet';
import { type CellParts, readCell } from '../../../main/import/workbook/sheet-cell';
import type { XmlHandler } from '../../../main/import/workbook/xml';
import { scanXmlChunks } from '../../../main/import/workbook/xml-stream';
import { entryData, readZipDirectory } from '../../../main/import/workbook/zip';
import { rng } from '../../helpers/workbooks';
import { FIXTURES, SAMPLES, xlsxIn } from './helpers';

const context = (): SheetContext => ({
  shared: ['Account', 'KPI', 'Acme', ''],
  formats: [undefined, '0%', 'mmm-yy', '0.00'],
  date1904: false,
});

/** How many cells the last read() read whole. */
let readWhole = 0;

/** The sheet read from pieces of the text; `whole` false reads every cell event by event. */
function read(xml: Buffer, sizes: number[], whole: boolean) {
  const reader = sheetReader('S', false, context());
  const { element, ...events } = reader.handler;
  readWhole = 0;
  const counted = (text: string, at: number) => {
    const end = element?.(text, at) ?? -1;
    if (end > 0) readWhole++;
    return end;
  };
  const handler: XmlHandler = whole ? { ...events, element: counted } : events;
  const pieces: Buffer[] = [];
  for (let i = 0, k = 0; i < xml.length; k++) {
    const n = sizes[k % sizes.length];
    pieces.push(xml.subarray(i, i + n));
    i += n;
  }
  scanXmlChunks(pieces, handler);
  return reader.sheet();
}

/** Every worksheet part of the committed fixtures and the samples, inflated. */
function worksheets(): Array<{ name: string; xml: Buffer }> {
  const out = [];
  for (const file of [...xlsxIn(FIXTURES), ...xlsxIn(SAMPLES)]) {
    const buf = readFileSync(file);
    let entries: ReturnType<typeof readZipDirectory>['entries'];
    try {
      entries = readZipDirectory(buf).entries;
    } catch {
      continue; // the damaged fixtures
    }
    for (const e of entries) {
      if (!/^xl\/worksheets\/[^/]+\.xml$/.test(e.name) || e.method !== 8) continue;
      try {
        out.push({ name: `${path.basename(file)} ${e.name}`, xml: inflateRawSync(entryData(buf, e)) });
      } catch {
        // a damaged entry
      }
    }
  }
  return out;
}

/** One cell written in one of the ways XML allows. */
function randomCell(random: () => number, row: number, col: number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const q = pick(['"', '"', "'"]);
  const letters = String.fromCharCode(64 + col);
  const ref =
    random() < 0.7
      ? `${letters}${row}`
      : pick([`${letters.toLowerCase()}${row}`, `$${letters}$${row}`, `${letters}`, '', `${letters}0${row}`]);
  const attrs = [
    ...(random() < 0.9 ? [`r=${q}${ref}${q}`] : []),
    ...(random() < 0.5 ? [`s=${q}${pick(['0', '1', '2', '3', '12', 'x', ' 1', ''])}${q}`] : []),
    ...(random() < 0.6 ? [`t=${q}${pick(['s', 'n', 'str', 'b', 'e', 'inlineStr', 'd', 'x', '&#115;'])}${q}`] : []),
    ...(random() < 0.2 ? [`cm=${q}1${q}`, `x14ac:dyDescent=${q}0.25${q}`] : []),
  ].sort(() => random() - 0.5);
  const sep = () => pick([' ', ' ', '\n  ', '\t']);
  const eq = random() < 0.9 ? '=' : ' = ';
  const open = `<${random() < 0.9 ? 'c' : 'x:c'}${attrs.map((a) => sep() + a.replace('=', eq)).join('')}`;
  const name = open.startsWith('<x:') ? 'x:c' : 'c';
  const value = pick([
    '0',
    '2',
    '45.5',
    ' 12 ',
    '-1.5E-3',
    'TRUE',
    '1',
    '#N/A',
    '2025-09-30',
    '',
    'a &amp; b',
    '&#49;2',
    '<![CDATA[7]]>',
    // decimals read without their text, and look-alikes that are not
    ...['-0', '.5', '5.', '+5', '007', '0.1', '0.30000000000000004', '123456789012345', '1234567890123456'],
    ...['-123456.789012345', '9007199254740993', '1.2.3', '-', '1e5', '4.35', '0.000001', '-.5', '3.14159265358979'],
  ]);
  const children = [
    ...(random() < 0.3 ? [pick([`<f>SUM(A1:A2)</f>`, '<f t="shared" si="0"/>', '<f>A1&lt;5</f>', '<f/>'])] : []),
    ...(random() < 0.85 ? [pick([`<v>${value}</v>`, '<v/>', '<v></v>', `<v>${value}</v><v>9</v>`])] : []),
    ...(random() < 0.1 ? ['<is><t>inline &amp; text</t><rPh><t>x</t></rPh></is>'] : []),
    ...(random() < 0.05 ? ['<!-- a comment -->', 'stray text'] : []),
  ];
  if (!children.length && random() < 0.5) return `${open}${sep()}/>`;
  return `${open}>${children.join(pick(['', '\n   ']))}</${name}>`;
}

function randomSheet(random: () => number): Buffer {
  const rows: string[] = [];
  for (let r = 1; r <= 30; r++) {
    const cells = [];
    for (let c = 1; c <= 8; c++) cells.push(randomCell(random, r, c));
    rows.push(`<row r="${r}">${cells.join(random() < 0.5 ? '' : '\n')}</row>`);
  }
  return Buffer.from(`<?xml version="1.0"?><worksheet><sheetData>${rows.join('\n')}</sheetData></worksheet>`);
}

describe('readCell: a cell element read whole', () => {
  it('reads the plain shapes and leaves every other to the events', () => {
    const parts: CellParts = { col: 0, row: 0, type: '', style: 0, v: null, num: Number.NaN, f: null };
    const cell = (xml: string) => {
      const end = readCell(xml, 0, parts);
      return end < 0 ? null : { ...parts, end };
    };
    // a number or a shared string's index is read as a number, without its text
    expect(cell('<c r="AB12" s="3" t="s"><v>4</v></c>')).toEqual({
      col: 28,
      row: 12,
      type: 's',
      style: 3,
      v: null,
      num: 4,
      f: null,
      end: 36,
    });
    expect(cell('<c r="A1"><v>-0.125</v></c>')).toMatchObject({ v: null, num: -0.125 });
    expect(cell('<c r="A1" t="str"><v>12</v></c>')).toMatchObject({ v: '12', num: Number.NaN });
    expect(cell('<c r="A1"><v>1e5</v></c>')).toMatchObject({ v: '1e5', num: Number.NaN });
    expect(cell("<c t='str' r='A1'><f>B1&amp;C1</f><v>x &lt; y</v></c>")).toMatchObject({
      type: 'str',
      f: 'B1&C1',
      v: 'x < y',
    });
    expect(cell('<c r="B2" s="1"/>')).toMatchObject({ col: 2, row: 2, style: 1, v: null, end: 17 });
    expect(cell('<c r="A1">\n  <f t="shared" si="0"/>\n  <v>2</v>\n</c>')).toMatchObject({ f: '', v: null, num: 2 });
    for (const other of [
      '<x:c r="A1"><x:v>1</x:v></x:c>', // a namespace prefix
      '<c r="A1" t="inlineStr"><is><t>x</t></is></c>',
      '<c r="A1"><v><![CDATA[1]]></v></c>',
      '<c r = "A1"><v>1</v></c>',
      '<c r="$A$1"><v>1</v></c>',
      '<c r="A1" r="B1"><v>1</v></c>',
      '<c r="A1"><v>1</v><v>2</v></c>',
      '<c r="A1"><v>1</v>', // cut off
      '<c r="A1"><v>1</v></c', // cut off
      '<c r="A1" s="1', // cut off
      '<cell r="A1"/>',
    ])
      expect(cell(other)).toBeNull();
  });

  it('reads a plain decimal of up to 15 digits as the number Number() gives for its text', () => {
    const random = rng(5);
    const parts: CellParts = { col: 0, row: 0, type: '', style: 0, v: null, num: Number.NaN, f: null };
    let read = 0;
    for (let k = 0; k < 20_000; k++) {
      const digits = Array.from({ length: 1 + Math.floor(random() * 17) }, () => Math.floor(random() * 10)).join('');
      const point = Math.floor(random() * (digits.length + 1));
      const text = `${random() < 0.3 ? '-' : ''}${digits.slice(0, point)}${random() < 0.7 ? '.' : ''}${digits.slice(point)}`;
      expect(readCell(`<c r="A1"><v>${text}</v></c>`, 0, parts)).toBeGreaterThan(0);
      if (Number.isNaN(parts.num)) expect(parts.v).toBe(text);
      else {
        read++;
        expect(Object.is(parts.num, Number(text)), text).toBe(true);
      }
    }
    expect(read).toBeGreaterThan(10_000);
  });

  it('gives, over every worksheet of every workbook we have, the sheet the events give', () => {
    const all = worksheets();
    expect(all.length).toBeGreaterThan(20);
    let wholeCells = 0;
    for (const w of all) {
      const expected = read(w.xml, [w.xml.length], false);
      expect(read(w.xml, [w.xml.length], true), w.name).toEqual(expected);
      wholeCells += readWhole;
      expect(read(w.xml, [4096], true), w.name).toEqual(expected);
    }
    // most cells of real workbooks take the whole reading
    expect(wholeCells).toBeGreaterThan(1000);
  });

  it('gives the sheet the events give for cells written every way, whole and in pieces cut anywhere', () => {
    const random = rng(11);
    for (let k = 0; k < 40; k++) {
      const xml = randomSheet(random);
      const expected = read(xml, [xml.length], false);
      expect(expected.rows.flat().filter((c) => c.t !== 'empty').length).toBeGreaterThan(50);
      read(xml, [xml.length], true);
      // both readings are exercised: some of the 240 cells are of the plain shape, not all
      expect(readWhole).toBeGreaterThan(40);
      expect(readWhole).toBeLessThan(200);
      for (const sizes of [[xml.length], [1], [7, 13, 64], [333], [1 + Math.floor(random() * 200)]])
        expect(read(xml, sizes, true), `sheet ${k} in pieces of ${sizes}`).toEqual(expected);
    }
  });
});
