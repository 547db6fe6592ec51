/**
 * The fuzz test of issue 10 point 3: mutated workbooks (truncated, flipped bytes, unclosed tags,
 * deep nesting, the 16 KB file of 200,000 unclosed date cells) are refused with a sentence or read,
 * never a crash. Each test has the import's own time budget as its timeout (no timing assertion).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAndInterpret } from '../../../main/import/workbook';
import { ImportRefusal } from '../../../shared/import/refusal';
import { rng } from '../../helpers/workbooks';
import { buildZip, deflatedPart, FIXTURES, minimalXlsxParts, SAMPLES } from './helpers';

const BUDGET = 30_000;

/** A refusal with one sentence, or a result: anything else fails. */
async function readOrRefuse(bytes: Buffer, name = 'fuzz.xlsx'): Promise<'read' | 'refused'> {
  try {
    await readAndInterpret(bytes, name);
    return 'read';
  } catch (e) {
    expect(e).toBeInstanceOf(ImportRefusal);
    expect((e as Error).message).toMatch(/^[A-Z].*[.]$/);
    return 'refused';
  }
}

const seeds = [
  path.join(SAMPLES, 'techcorp-solutions-2025-09.xlsx'),
  path.join(FIXTURES, 'decorated.xlsx'),
  path.join(FIXTURES, 'date1904-libreoffice.xlsx'),
  path.join(FIXTURES, 'formulas-cached.xlsx'),
];

describe('mutated workbooks are read or refused, never a crash', () => {
  for (const file of seeds) {
    const bytes = readFileSync(file);
    it(`${path.basename(file)}: truncated at 40 places`, { timeout: BUDGET }, async () => {
      for (let i = 1; i <= 40; i++) await readOrRefuse(bytes.subarray(0, Math.floor((bytes.length * i) / 41)));
    });
    it(`${path.basename(file)}: 60 copies with flipped bytes`, { timeout: BUDGET }, async () => {
      const random = rng(bytes.length);
      for (let n = 0; n < 60; n++) {
        const copy = Buffer.from(bytes);
        for (let k = 0; k < 1 + (n % 8); k++) copy[Math.floor(random() * copy.length)] ^= 1 << Math.floor(random() * 8);
        await readOrRefuse(copy);
      }
    });
  }

  const sheet = (body: string) =>
    buildZip(
      minimalXlsxParts(
        `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}`,
      ),
    );

  it('the 16 KB file of 200,000 unclosed date cells', { timeout: BUDGET }, async () => {
    const bytes = sheet('<row r="1">' + '<c t="d"><v>2025-01-01'.repeat(200_000));
    expect(bytes.length).toBeLessThan(64 * 1024);
    expect(await readOrRefuse(bytes)).toBe('refused');
  });
  it('unclosed tags of every kind', { timeout: BUDGET }, async () => {
    for (const body of [
      '<row',
      '<row r="1"><c r="A1"',
      '<row><c t="s"><v>0',
      '<c><f>SUM(',
      '<c><is><t>x',
      '<![CDATA[',
      '<!--',
    ]) {
      await readOrRefuse(sheet(body.repeat(20_000)));
    }
  });
  it('deep nesting', { timeout: BUDGET }, async () => {
    await readOrRefuse(sheet(`${'<row><c><is>'.repeat(100_000)}<t>deep</t>`));
    await readOrRefuse(sheet('<x>'.repeat(500_000)));
  });
  it('attributes without end, quotes without end, entities without end', { timeout: BUDGET }, async () => {
    await readOrRefuse(sheet(`<row r="1"><c r="A1 ${'a="'.repeat(100_000)}`));
    await readOrRefuse(sheet(`<row><c t="inlineStr"><is><t>${'&amp'.repeat(100_000)}</t></is></c></row>`));
    await readOrRefuse(sheet(`<row><c r="${'Z'.repeat(100_000)}1"><v>1</v></c></row></sheetData></worksheet>`));
  });
  it('a workbook part that is garbage, and a styles part nested without end', { timeout: BUDGET }, async () => {
    const parts = minimalXlsxParts('<worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>');
    parts.push(deflatedPart('xl/styles.xml', `<styleSheet>${'<cellXfs><xf numFmtId="9">'.repeat(50_000)}`));
    expect(await readOrRefuse(buildZip(parts))).toBe('refused');
  });
});
