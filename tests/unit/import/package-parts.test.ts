import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../../../main/import/workbook';
import { isWorksheetPart } from '../../../main/import/workbook/safety';
import { refusalOf, sample } from './helpers';

const SAMPLE = 'techcorp-solutions-2025-09.xlsx';

/**
 * The sample workbook with its parts moved: `rename` maps a part's name to its new one, and every
 * relationship and content type that named it is rewritten to match (targets relative or absolute).
 */
async function moved(rename: Record<string, string>): Promise<Buffer> {
  const src = await JSZip.loadAsync(sample(SAMPLE));
  const out = new JSZip();
  const relsOf = (part: string) => part.replace(/([^/]*)$/, '_rels/$1.rels');
  const names = { ...rename };
  for (const [from, to] of Object.entries(rename)) names[relsOf(from)] = relsOf(to);
  for (const file of Object.values(src.files)) {
    if (file.dir) continue;
    let text = await file.async('string');
    for (const [from, to] of Object.entries(rename)) {
      const base = (p: string) => p.replace(/^xl\//, '');
      text = text
        .replaceAll(`"/${from}"`, `"/${to}"`)
        .replaceAll(`Target="${from}"`, `Target="${to}"`)
        .replaceAll(`Target="${base(from)}"`, `Target="${to.startsWith('xl/') ? base(to) : `/${to}`}"`);
    }
    out.file(names[file.name] ?? file.name, text);
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('a package whose parts are not where Excel puts them', () => {
  // Some exporting programs name the workbook part xl/workbook2.xml; a package's parts are found
  // through its relationships (_rels/.rels, then the workbook's). Before, such a file was refused
  // as "not an Excel workbook".
  it('reads the same cells when the workbook, its strings and styles have other names', async () => {
    const bytes = await moved({
      'xl/workbook.xml': 'xl/workbook2.xml',
      'xl/sharedStrings.xml': 'xl/strings.xml',
      'xl/styles.xml': 'xl/look.xml',
    });
    const zip = await JSZip.loadAsync(bytes);
    expect(zip.file('xl/workbook.xml')).toBeNull();
    expect(zip.file('xl/_rels/workbook2.xml.rels')).not.toBeNull();
    const want = await readWorkbook(sample(SAMPLE), SAMPLE);
    expect(want.sheets.length).toBeGreaterThan(0);
    expect(await readWorkbook(bytes, SAMPLE)).toEqual(want);
  });

  it('reads a package with its workbook and worksheets at the root', async () => {
    const src = await JSZip.loadAsync(sample(SAMPLE));
    const sheets = Object.keys(src.files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n));
    const rename: Record<string, string> = {
      'xl/workbook.xml': 'workbook.xml',
      'xl/sharedStrings.xml': 'sharedStrings.xml',
      'xl/styles.xml': 'styles.xml',
    };
    for (const s of sheets) rename[s] = s.replace('xl/worksheets/', '');
    const bytes = await moved(rename);
    expect((await JSZip.loadAsync(bytes)).file('workbook.xml')).not.toBeNull();
    expect(await readWorkbook(bytes, SAMPLE)).toEqual(await readWorkbook(sample(SAMPLE), SAMPLE));
  });

  it('reads xl/workbook.xml as before where the root relationships name a part that is not there', async () => {
    const src = await JSZip.loadAsync(sample(SAMPLE));
    const rels = await src.file('_rels/.rels')!.async('string');
    src.file('_rels/.rels', rels.replace(/Target="\/?xl\/workbook\.xml"/, 'Target="xl/missing.xml"'));
    const bytes = await src.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(await (await JSZip.loadAsync(bytes)).file('_rels/.rels')!.async('string')).toContain('xl/missing.xml');
    expect(await readWorkbook(bytes, SAMPLE)).toEqual(await readWorkbook(sample(SAMPLE), SAMPLE));
  });

  it('never reads a worksheet the cell-limit check did not count: one placed among the drawings is refused', async () => {
    const bytes = await moved({ 'xl/worksheets/sheet1.xml': 'xl/drawings/sheet1.xml' });
    expect((await refusalOf(bytes, SAMPLE)).code).toBe('unreadable');
  });

  it('counts every XML part but the known other ones against the cell limits', () => {
    for (const name of ['xl/worksheets/sheet1.xml', 'xl/ws/data.xml', 'sheet1.xml', '/xl/worksheets/Sheet2.XML'])
      expect([name, isWorksheetPart(name)]).toEqual([name, true]);
    for (const name of [
      'xl/workbook2.xml',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'styles.xml',
      'xl/drawings/drawing1.xml',
      'xl/worksheets/_rels/sheet1.xml.rels',
      '[Content_Types].xml',
      'docProps/app.xml',
      'xl/calcChain.xml',
      'xl/theme/theme1.xml',
    ])
      expect([name, isWorksheetPart(name)]).toEqual([name, false]);
  });
});
