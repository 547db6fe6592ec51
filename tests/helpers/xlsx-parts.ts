// jszip is exceljs's own zip library (a dependency of exceljs): the raw parts of a workbook.
import JSZip from 'jszip';

/** The text of one part of an xlsx file, e.g. 'xl/styles.xml'. */
export async function xlsxPart(bytes: Uint8Array, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const f = zip.file(name);
  if (!f) throw new Error(`no ${name} in the workbook`);
  return f.async('string');
}

/** Every numFmtId the workbook's cell styles use. */
export async function xlsxNumFmtIds(bytes: Uint8Array): Promise<number[]> {
  const styles = await xlsxPart(bytes, 'xl/styles.xml');
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  return [...xfs.matchAll(/numFmtId="(\d+)"/g)].map((m) => Number(m[1]));
}
