/**
 * Numbers written with a decimal comma, as a CSV file saved by a European Excel has them ("4,5",
 * "1.234,50 €", "1 234,50 €", "12,5%", with ';' between the fields): read as the numbers they
 * were in the workbook. A file is taken to write its numbers so only when it plainly does: some of its values
 * have a comma before one or two digits ("4,5") or after a group of thousands ("1.234,5"), and none
 * has a point in those places ("4.5", "1,234.5"). Three digits after the mark alone ("4,125")
 * decide nothing: it is a decimal in one convention and a group of thousands in the other.
 */

import { CURRENCY_CODES, MULTIPLIER_WORDS } from '../../../shared/import/values';

/**
 * What may stand around a number in a value cell: spaces, currency signs or codes, signs,
 * brackets, %, a multiplier (K, M, B, "Mio", "bn"...). The patterns below ignore case. "MM" is
 * left to be matched as M twice: each text is matched one way only, so no text makes the pattern
 * try many.
 */
const MULTIPLIERS = MULTIPLIER_WORDS.filter((w) => w !== 'mm').join('|');
const AROUND = `(?:[\\s$\\u20ac\\u00a3\\u00a5()+\\-%]|${CURRENCY_CODES}|${MULTIPLIERS})*`;
/** Groups of thousands in the decimal-comma convention: points, or spaces (as French Excel writes them). */
const GROUPED = '\\d{1,3}(?:(?<group>[. \\u00a0\\u202f])\\d{3})(?:\\k<group>\\d{3})*';
const COMMA_DECIMAL = new RegExp(`^${AROUND}(?:\\d+,\\d{1,2}|${GROUPED},\\d+)${AROUND}$`, 'i');
const POINT_DECIMAL = new RegExp(`^${AROUND}(?:\\d+\\.\\d{1,2}|\\d{1,3}(?:,\\d{3})+\\.\\d+)${AROUND}$`, 'i');
/** A number in the decimal-comma convention, with what stands around it. */
const COMMA_NUMBER = new RegExp(
  `^(?<before>${AROUND})(?<whole>${GROUPED}|\\d+)(?:,(?<fraction>\\d+))?(?<after>${AROUND})$`,
  'i',
);

/** Whether the fields (a sample of a file's rows) write their numbers with a decimal comma. */
export function writesDecimalComma(rows: string[][]): boolean {
  let comma = false;
  for (const row of rows) {
    for (const f of row) {
      if (f.length > 40 || !/\d/.test(f)) continue;
      if (POINT_DECIMAL.test(f)) return false;
      if (!comma && COMMA_DECIMAL.test(f)) comma = true;
    }
  }
  return comma;
}

/**
 * A field of a decimal-comma file with its number in the point convention the rest of the
 * importer reads ("1.234,50 €" is "1234.50 €", "4,5" is "4.5", "12,5%" is "12.5%"); any other
 * field as it is ("Q3 2025", "28.09.2025", a name).
 */
export function pointDecimal(field: string): string {
  if (field.length > 40 || !/\d[,. \u00a0\u202f]\d/.test(field)) return field;
  const m = COMMA_NUMBER.exec(field);
  if (!m) return field;
  const { before, whole, fraction, after } = m.groups as Record<string, string>;
  return `${before}${whole.replace(/[. \u00a0\u202f]/g, '')}${fraction !== undefined ? `.${fraction}` : ''}${after}`;
}
