import { describe, expect, it } from 'vitest';
import { readAndInterpret } from '../../../main/import/workbook';
import {
  csvOverLimits,
  decodeText,
  detectSeparator,
  parseCsv,
  sheetNameFromFile,
} from '../../../main/import/workbook/csv';
import { isPercentFormat, readWorkbook } from '../../../main/import/workbook/read';
import { cellFromExcel } from '../../helpers/exceljs-reference/read';
import { fixture } from './helpers';

describe('cellFromExcel: exceljs values to plain cells', () => {
  it('types every kind of value', () => {
    expect(cellFromExcel(null, undefined)).toEqual({ t: 'empty' });
    expect(cellFromExcel('', undefined)).toEqual({ t: 'empty' });
    expect(cellFromExcel(12.5, 'General')).toEqual({ t: 'number', v: 12.5, percent: false });
    expect(cellFromExcel(0.3, '0%')).toEqual({ t: 'number', v: 0.3, percent: true });
    expect(cellFromExcel('NPS', undefined)).toEqual({ t: 'text', v: 'NPS' });
    expect(cellFromExcel(true, undefined)).toEqual({ t: 'bool', v: true });
    expect(cellFromExcel(new Date(Date.UTC(2025, 8, 1)), 'mmm-yy')).toEqual({
      t: 'date',
      year: 2025,
      month: 9,
      day: 1,
    });
    expect(cellFromExcel({ error: '#N/A' }, undefined)).toEqual({ t: 'error', v: '#N/A' });
    expect(cellFromExcel({ richText: [{ text: 'NPS ' }, { font: { bold: true }, text: 'Score' }] }, undefined)).toEqual(
      {
        t: 'text',
        v: 'NPS Score',
      },
    );
    expect(cellFromExcel({ text: 'NPS survey', hyperlink: 'https://example.com' }, undefined)).toEqual({
      t: 'text',
      v: 'NPS survey',
    });
    expect(
      cellFromExcel({ text: { richText: [{ text: 'link' }] }, hyperlink: 'https://example.com' }, undefined),
    ).toEqual({ t: 'text', v: 'link' });
  });

  it('gives formulas as their cached result, typed the same way', () => {
    expect(cellFromExcel({ formula: 'A1+B1', result: 0.45 }, '0.0%')).toEqual({ t: 'number', v: 0.45, percent: true });
    expect(cellFromExcel({ formula: 'A1', result: 'x' }, undefined)).toEqual({ t: 'text', v: 'x' });
    expect(cellFromExcel({ formula: '1/0', result: { error: '#DIV/0!' } }, undefined)).toEqual({
      t: 'error',
      v: '#DIV/0!',
    });
    expect(cellFromExcel({ formula: 'A1+B1' }, undefined)).toEqual({ t: 'formula-no-result', formula: 'A1+B1' });
    expect(cellFromExcel({ sharedFormula: 'B2', result: 3 }, undefined, 0, 'A3+B3')).toEqual({
      t: 'number',
      v: 3,
      percent: false,
    });
    expect(cellFromExcel({ sharedFormula: 'B2' }, undefined, 0, 'A3+B3')).toEqual({
      t: 'formula-no-result',
      formula: 'A3+B3',
    });
  });

  it('shifts dates of 1904 files exceljs read as 1900 files', () => {
    // LibreOffice writes date1904="true", which exceljs takes for the 1900 system: 2025-01-01 reads as 2020-12-31.
    expect(cellFromExcel(new Date(Date.UTC(2020, 11, 31)), 'mmm-yy', 1462)).toEqual({
      t: 'date',
      year: 2025,
      month: 1,
      day: 1,
    });
  });

  it('recognises percent formats, not a quoted or escaped percent sign', () => {
    expect(isPercentFormat('0%')).toBe(true);
    expect(isPercentFormat('0.00%')).toBe(true);
    expect(isPercentFormat('[Red]0.0%;-0.0%')).toBe(true);
    expect(isPercentFormat('0.0"%"')).toBe(false);
    expect(isPercentFormat('0\\%')).toBe(false);
    expect(isPercentFormat('General')).toBe(false);
    expect(isPercentFormat(undefined)).toBe(false);
  });
});

describe('readWorkbook on xlsx', () => {
  it('keeps Excel row numbers, hidden flags and merged ranges; only the merge master holds the value', async () => {
    const raw = await readWorkbook(fixture('layout.xlsx'), 'layout.xlsx');
    expect(raw.kind).toBe('xlsx');
    expect(raw.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Instructions', false],
      [' Relationship Strength ', false],
      ['Support & Experience', false],
      ['Summary', false],
      ['Old Data', true],
    ]);
    const rs = raw.sheets[1];
    expect(rs.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 8 }]);
    expect(rs.rows[0]).toEqual([{ t: 'text', v: 'TechCorp Solutions \u2014 KPI Scorecard' }]);
    expect(rs.rows[3]).toEqual([]); // row 4 is blank
    expect(rs.rows[4][1]).toEqual({ t: 'text', v: 'Metric' });
    expect(rs.rows[5][4]).toEqual({ t: 'number', v: 0.3, percent: true });
    expect(rs.rows[5][6]).toEqual({ t: 'text', v: 'NPS survey' }); // a hyperlink cell
  });

  it('accepts a Uint8Array as well as a Buffer', async () => {
    const bytes = new Uint8Array(fixture('formulas-cached.xlsx'));
    const raw = await readWorkbook(bytes, 'formulas-cached.xlsx');
    expect(raw.sheets[0].rows[1][1]).toEqual({ t: 'number', v: 45, percent: false });
  });
});

describe('CSV reading', () => {
  it('parses quotes, doubled quotes, embedded separators and newlines, and all line ends', () => {
    expect(parseCsv('a,"b,c","d ""e"""\r\n"x\ny",2\r3\n', ',')).toEqual([['a', 'b,c', 'd "e"'], ['x\ny', '2'], ['3']]);
    expect(parseCsv('a;b;;\n', ';')).toEqual([['a', 'b', '', '']]);
    expect(parseCsv('"unterminated,x', ',')).toEqual([['unterminated,x']]);
  });

  it('detects the separator from the header line', () => {
    expect(detectSeparator('KPI,Data,Weight\nNPS,45,30%\n')).toBe(',');
    expect(detectSeparator('KPI;Data;Weight\nNPS;12,5;30%\nCSAT;4,1;20%\n')).toBe(';');
    expect(detectSeparator('KPI\tData\nNPS\t45\n')).toBe('\t');
    expect(detectSeparator('KPI;Data\n"A, B";1\n')).toBe(';');
  });

  it('decodes UTF-8 with and without BOM, UTF-16 with BOM, and falls back to Windows-1252', () => {
    expect(decodeText(Buffer.from('\ufeffCaf\u00e9', 'utf8'))).toBe('Caf\u00e9');
    expect(decodeText(Buffer.from('Caf\u00e9', 'utf8'))).toBe('Caf\u00e9');
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Caf\u00e9', 'utf16le')]))).toBe(
      'Caf\u00e9',
    );
    expect(decodeText(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80]))).toBe('Caf\u00e9 \u20ac');
  });

  it('names the sheet after the file', () => {
    expect(sheetNameFromFile('C:\\Users\\jane\\TechCorp KPIs.csv')).toBe('TechCorp KPIs');
    expect(sheetNameFromFile('/tmp/scores.2025-09.csv')).toBe('scores.2025-09');
  });

  it('reads a CSV saved under another extension by its content', async () => {
    const { raw, workbook } = await readAndInterpret(Buffer.from('KPI\tData\nNPS Score\t45\n'), 'export.xlsx');
    expect(raw.kind).toBe('csv');
    expect(workbook.sheets[0].rows[0].dataValue).toBe(45);
  });

  it('counts rows and fields for the limits exactly as the parse splits them', () => {
    const texts = [
      'a,"b,c","d ""e"""\r\n"x\ny",2\r3\n',
      'a;b;;\n',
      '"unterminated,x',
      '\n\n,\n',
      'k,v\r\nx,"1\r\n2"\r\n',
      'x"y,"z"w,\n"',
    ];
    for (const t of texts) {
      for (const sep of [',', ';'] as const) {
        const rows = parseCsv(t, sep);
        const fields = rows.reduce((n, r) => n + r.length, 0);
        expect(csvOverLimits(t, sep, rows.length, fields), t).toBe(false);
        expect(csvOverLimits(t, sep, rows.length - 1, fields) || rows.length === 0, t).toBe(true);
        expect(csvOverLimits(t, sep, rows.length, fields - 1), t).toBe(true);
      }
    }
  });
});
