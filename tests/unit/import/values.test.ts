import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../shared/import/types';
import {
  cellDisplayText,
  parseMonthHeader,
  parseNumberText,
  parseValue,
  type ValueKind,
} from '../../../shared/import/values';
import { normalizeName } from '../../../shared/names';

const text = (v: string): Cell => ({ t: 'text', v });
const num = (v: number, percent = false): Cell => ({ t: 'number', v, percent });

describe('parseValue: the value rules of the workbook contract', () => {
  const cases: Array<[string, Cell, number | null, ValueKind, boolean]> = [
    // label, cell, value, kind, has a message
    ['a number is taken as it is', num(12.2), 12.2, 'number', false],
    ['a negative number', num(-8.1), -8.1, 'number', false],
    ['a percent cell is multiplied by 100', num(0.45, true), 45, 'number', false],
    ['a percent cell without float noise', num(0.07, true), 7, 'number', false],
    ['a percent cell with decimals', num(0.455, true), 45.5, 'number', false],
    ['an empty cell: no value, no problem', { t: 'empty' }, null, 'empty', false],
    ['text of spaces only is empty', text('   '), null, 'empty', false],
    ['text with surrounding spaces', text('  42  '), 42, 'number', false],
    ['thousands separators', text('1,234.5'), 1234.5, 'number', false],
    ['several thousands groups', text('12,345,678'), 12345678, 'number', false],
    ['dollars with thousands', text('$120,000'), 120000, 'number', false],
    ['euros', text('\u20ac1,200'), 1200, 'number', false],
    ['pounds', text('\u00a399.50'), 99.5, 'number', false],
    ['currency sign after the number', text('1,200 \u20ac'), 1200, 'number', false],
    ['currency and a space', text('$ 1,200'), 1200, 'number', false],
    ['a currency code before', text('USD 120,000'), 120000, 'number', false],
    ['a currency code after', text('1,200.50 EUR'), 1200.5, 'number', false],
    ['a currency code in lower case, a sign after it', text('usd -5'), -5, 'number', false],
    ['a dollar of a country', text('US$1.2M'), 1200000, 'number', false],
    ['a currency code in brackets', text('(CHF 3.5K)'), -3500, 'number', false],
    ['a trailing percent sign is percentage points', text('45%'), 45, 'number', false],
    ['a percent sign after a space', text('45 %'), 45, 'number', false],
    ['K suffix', text('12K'), 12000, 'number', false],
    ['lower-case k suffix', text('2.5k'), 2500, 'number', false],
    ['M suffix with currency', text('$1.2M'), 1200000, 'number', false],
    ['B suffix', text('3B'), 3e9, 'number', false],
    // The suffixes' spellings in finance exports and European reports.
    ['MM for millions', text('$1.2MM'), 1200000, 'number', false],
    ['bn for billions', text('$1.2bn'), 1.2e9, 'number', false],
    ['mn after a space', text('3 mn'), 3e6, 'number', false],
    ['Mio with a currency after it', text('12 Mio \u20ac'), 12e6, 'number', false],
    ['Mrd with its point', text('1 Mrd.'), 1e9, 'number', false],
    ['million written out', text('$1.2 million'), 1200000, 'number', false],
    ['billions written out', text('2 billions'), 2e9, 'number', false],
    ['thousand written out', text('12 thousand'), 12000, 'number', false],
    ['bn in brackets', text('(\u20ac1.2bn)'), -1.2e9, 'number', false],
    ['another word after a number', text('5 min'), null, 'text', true],
    ['a suffix alone', text('bn'), null, 'text', true],
    ['parentheses are negative', text('(12)'), -12, 'number', false],
    ['parentheses, currency and K', text('($1.2K)'), -1200, 'number', false],
    ['parentheses and percent', text('(4.5%)'), -4.5, 'number', false],
    ['leading minus', text('-7.5'), -7.5, 'number', false],
    ['minus before the currency', text('-$3'), -3, 'number', false],
    ['minus after the currency', text('$-3'), -3, 'number', false],
    ['leading decimal point', text('.5'), 0.5, 'number', false],
    // A comma is a thousands separator only (workbook-format.md): anything else is not plainly a number.
    ['a decimal comma is not plainly a number', text('12,5'), null, 'text', true],
    ['a comma not before a group of three', text('1,23'), null, 'text', true],
    ['grouped thousands with a decimal comma', text('1.234,5'), null, 'text', true],
    ['points as thousands separators', text('1.234.567'), null, 'text', true],
    ['a space as thousands separator', text('1 234'), null, 'text', true],
    ['a non-breaking space as thousands separator', text('1\u00a0234'), null, 'text', true],
    ['an apostrophe as thousands separator', text("1'234"), null, 'text', true],
    ['a comma thousands group of two digits', text('12,34,567'), null, 'text', true],
    ['N/A means no value', text('N/A'), null, 'na', false],
    ['NA means no value', text('NA'), null, 'na', false],
    ['n/a means no value', text('n/a'), null, 'na', false],
    ['a hyphen means no value', text('-'), null, 'na', false],
    ['an em dash means no value', text('\u2014'), null, 'na', false],
    ['an en dash means no value', text('\u2013'), null, 'na', false],
    ['TBD means no value', text('TBD'), null, 'na', false],
    ['tbd in any case', text(' tbd '), null, 'na', false],
    ['other text: a warning', text('about 40'), null, 'text', true],
    ['a number with words', text('40 users'), null, 'text', true],
    ['two numbers', text('40-50'), null, 'text', true],
    ['a lone currency sign', text('$'), null, 'text', true],
    ['a lone currency code', text('USD'), null, 'text', true],
    ['a word that starts like a code', text('USDX 5'), null, 'text', true],
    ['an error cell', { t: 'error', v: '#DIV/0!' }, null, 'error', true],
    ['an #N/A error cell', { t: 'error', v: '#N/A' }, null, 'error', true],
    ['an error as text (CSV)', text('#N/A'), null, 'error', true],
    ['a formula without a cached result', { t: 'formula-no-result', formula: 'A1/B1' }, null, 'error', true],
    ['a boolean', { t: 'bool', v: true }, null, 'text', true],
    ['a date', { t: 'date', year: 2025, month: 1, day: 5 }, null, 'text', true],
  ];
  it.each(cases)('%s', (_label, cell, value, kind, hasMessage) => {
    const r = parseValue(cell);
    expect(r.value).toBe(value);
    expect(r.kind).toBe(kind);
    expect(r.message !== undefined).toBe(hasMessage);
  });

  it('names the problem in its message', () => {
    expect(parseValue(text('about 40')).message).toContain('"about 40"');
    expect(parseValue({ t: 'error', v: '#DIV/0!' }).message).toContain('#DIV/0!');
    expect(parseValue({ t: 'formula-no-result', formula: 'SUM(B2:B4)' }).message).toContain('=SUM(B2:B4)');
  });

  it('gives the comma hint only where the comma kept the text from being a number', () => {
    expect(parseValue(text('12,5')).message).toContain('a comma is read only as a thousands separator');
    expect(parseValue(text('\u20ac1.234,5')).message).toContain('a comma is read only as a thousands separator');
    expect(parseValue(text('USD 120,000 or so')).message).toBe(
      '"USD 120,000 or so" is not a number, so it was left empty',
    );
  });

  it('parseNumberText refuses what is not plainly a number', () => {
    for (const t of ['', 'abc', '1.2.3,4,5', '12KM', '45%K', '1,23,456', '--5', '(12', 'e5']) {
      expect(parseNumberText(t), t).toBeNull();
    }
  });
});

describe('parseMonthHeader', () => {
  const cases: Array<[Cell, { year: number; month: number } | null]> = [
    [
      { t: 'date', year: 2025, month: 1, day: 1 },
      { year: 2025, month: 1 },
    ],
    [
      { t: 'date', year: 2025, month: 9, day: 30 },
      { year: 2025, month: 9 },
    ],
    [text('Jan 2025'), { year: 2025, month: 1 }],
    [text('January 2025'), { year: 2025, month: 1 }],
    [text('Jan-25'), { year: 2025, month: 1 }],
    [text('Jan-2025'), { year: 2025, month: 1 }],
    [text('2025-01'), { year: 2025, month: 1 }],
    [text('01/2025'), { year: 2025, month: 1 }],
    [text('1/2025'), { year: 2025, month: 1 }],
    [text('Sept 2025'), { year: 2025, month: 9 }],
    [text('Sep 2025'), { year: 2025, month: 9 }],
    [text('SEPTEMBER 2025'), { year: 2025, month: 9 }],
    [text('  Feb   2024 '), { year: 2024, month: 2 }],
    [text('Dec-99'), { year: 2099, month: 12 }],
    [text('Mar. 2025'), { year: 2025, month: 3 }],
    [text('2025-03-01'), { year: 2025, month: 3 }],
    [text('January, 2025'), { year: 2025, month: 1 }],
    [text('Jan_2025'), { year: 2025, month: 1 }],
    [text('2025 Jan'), { year: 2025, month: 1 }],
    [text('2025-Sep'), { year: 2025, month: 9 }],
    // Dashes other than the hyphen, as autocorrect and copied text write them.
    [text('Sep–2025'), { year: 2025, month: 9 }],
    [text('Sep — 25'), { year: 2025, month: 9 }],
    [text('2025‒09'), { year: 2025, month: 9 }],
    [text('09−2025'), { year: 2025, month: 9 }],
    [text('Sep ’25'), { year: 2025, month: 9 }],
    // Excel's d-mmm-yy and US long dates, as a date header is exported to CSV.
    [text('1-Jan-25'), { year: 2025, month: 1 }],
    [text('30-Sep-2025'), { year: 2025, month: 9 }],
    [text('01 Sep 2025'), { year: 2025, month: 9 }],
    [text('Sep 1, 2025'), { year: 2025, month: 9 }],
    [text('32-Sep-2025'), null],
    [text('2025 Data'), null],
    [text('Jan 2025 target'), null],
    // Dates as spreadsheets export them to CSV: the first of the month, day/month or month/day.
    [text('01/09/2025'), { year: 2025, month: 9 }],
    [text('9/1/2025'), { year: 2025, month: 9 }],
    [text('01/01/2025 00:00:00'), { year: 2025, month: 1 }],
    [text('01.09.2025'), { year: 2025, month: 9 }],
    [text('15/09/2025'), { year: 2025, month: 9 }],
    [text('09/15/25'), { year: 2025, month: 9 }],
    [text('03/04/2025'), null], // March 4th or 3 April: not taken as a month
    [text('13/13/2025'), null],
    [text('2025-13'), null],
    [text('13/2025'), null],
    [text('Q1 2025'), null],
    [text('Data'), null],
    [text('Jan'), null],
    [text('2025'), null],
    [text('Ma 2025'), null],
    // As a European Excel writes month headers: German, French, Spanish, Italian, Dutch, Portuguese.
    [text('Okt 2025'), { year: 2025, month: 10 }],
    [text('Mär-25'), { year: 2025, month: 3 }],
    [text('Dez. 2025'), { year: 2025, month: 12 }],
    [text('janv. 2025'), { year: 2025, month: 1 }],
    [text('Août 2025'), { year: 2025, month: 8 }],
    [text('févr.-25'), { year: 2025, month: 2 }],
    [text('1. Okt 2025'), { year: 2025, month: 10 }],
    [text('01-déc-25'), { year: 2025, month: 12 }],
    [text('Ene 2025'), { year: 2025, month: 1 }],
    [text('Maggio 2025'), { year: 2025, month: 5 }],
    [text('mrt 2025'), { year: 2025, month: 3 }],
    [text('Outubro 2025'), { year: 2025, month: 10 }],
    [text('2025 Okt'), { year: 2025, month: 10 }],
    // Whole words only: no prefix of another language's name, no other word.
    [text('Okto 2025'), null],
    [text('Décor 2025'), null],
    [text('Marketing 2025'), null],
    [num(45658), null],
    [{ t: 'empty' }, null],
  ];
  it.each(cases)('%j', (cell, expected) => {
    expect(parseMonthHeader(cell)).toEqual(expected);
  });
});

describe('cellDisplayText', () => {
  it('shows cells as a person sees them', () => {
    expect(cellDisplayText(num(0.3, true))).toBe('30%');
    expect(cellDisplayText(num(0.255, true))).toBe('25.5%');
    expect(cellDisplayText(num(45))).toBe('45');
    expect(cellDisplayText(num(0.1 + 0.2))).toBe('0.3');
    expect(cellDisplayText({ t: 'date', year: 2025, month: 9, day: 1 })).toBe('2025-09-01');
    expect(cellDisplayText(text('  NPS survey '))).toBe('NPS survey');
    expect(cellDisplayText({ t: 'error', v: '#N/A' })).toBe('#N/A');
    expect(cellDisplayText({ t: 'bool', v: false })).toBe('FALSE');
    expect(cellDisplayText({ t: 'formula-no-result', formula: 'A1' })).toBe('');
    expect(cellDisplayText({ t: 'empty' })).toBe('');
  });
});

describe('normalizeName', () => {
  it('trims, collapses spaces and folds case', () => {
    expect(normalizeName('  QBR   ATTENDANCE rate ')).toBe(normalizeName('QBR Attendance Rate'));
    expect(normalizeName('Stra\u00dfe')).toBe(normalizeName('STRASSE'));
  });
});
