import { describe, expect, it } from 'vitest';
import { accountInTitles, accountNameInTitle } from '../../../shared/import/accountTitle';
import {
  choosePeriod,
  monthMentions,
  type PeriodInput,
  periodFromColumns,
  periodInFileName,
  periodInText,
  periodSentence,
} from '../../../shared/import/period';
import { monthKey } from '../../../shared/import/values';

const key = (m: { year: number; month: number } | null) => (m ? monthKey(m) : null);

describe('a month written in a title', () => {
  it.each([
    ['data as of 28 Sep 2025', '2025-09'],
    ['Data as of 28th of September, 2025', '2025-09'],
    ['As of September 28, 2025', '2025-09'],
    ['September 2025', '2025-09'],
    ['Sept. 2025 review', '2025-09'],
    ['KPIs Sep-25', '2025-09'],
    ['period 2025-09', '2025-09'],
    ['snapshot 2025-09-28', '2025-09'],
    ['as of 28/09/2025', '2025-09'],
    ['month 09/2025', '2025-09'],
    ['Q3 2025', '2025-09'],
    ['Q1 FY2026', '2026-03'],
    ['2025 Q4', '2025-12'],
    ['2025-09-28', '2025-09'],
    // As people also write them: a quarter with a hyphen, the fiscal year first, a comma before
    // the year, a day without the comma, the year first, a compact date.
    ['Q3-2025', '2025-09'],
    ["Q3 '25", '2025-09'],
    ["Q3-'25", '2025-09'],
    ['FY2025 Q3', '2025-09'],
    ['FY25-Q2', '2025-06'],
    ['Data for: September, 2025', '2025-09'],
    ['As of September 30 2025', '2025-09'],
    ['2025-Sep', '2025-09'],
    ['snapshot 20250930', '2025-09'],
    // A date as US tools write it with hyphens: month, day, year (not "01-2025", January).
    ['Sep-01-2025', '2025-09'],
    ['as of Sep-28-2025', '2025-09'],
    // A quarter with a slash or as finance writes it; a half-year is its last month, as a quarter.
    ['Q3/2025', '2025-09'],
    ['3Q25 review', '2025-09'],
    ['3Q 2025', '2025-09'],
    ['H1 2025', '2025-06'],
    ['KPIs H2-25', '2025-12'],
    ['2025 H1', '2025-06'],
    ['FY2025 H2', '2025-12'],
  ])('%s is %s', (text, want) => {
    expect(key(periodInText(text))).toBe(want);
  });

  it.each([
    ['Relationship Strength KPIs', null],
    ['Marketing 2025', null],
    ['as of 03/04/2025', null],
    ['Sep 25 attendees', null],
    ['Prepared by Jane Doe on 3 Oct 2025', null],
    ['Updated 2025-10-02', null],
    ['Sep, 25 attendees', null],
    ['ticket 20251399', null],
    ['Account 1234 Q3', null],
    ['H3 2025', null],
    ['5Q25', null],
    ['H2O 2025', null],
    // The file's own date, however its tool says it: when it was made, not the month of its data.
    ['Report date: 2025-10-03', null],
    ['Date of report: 2025-10-03', null],
    ['Extracted 2025-10-03', null],
    ['Downloaded on 2025-10-03', null],
    ['Refreshed: 2025-10-03', null],
    ['Pulled from Gainsight on 2025-10-03', null],
  ])('%s names no month of the data', (text, want) => {
    expect(key(periodInText(text))).toBe(want);
  });

  it.each([
    // The file's date and the data's month in one line: the words after a date say whose it is
    // too, and a word before one date does not reach across another.
    ['Oct 1, 2025 export of September data', '2025-09'],
    ['Exported 2025-10-01 — September 2025 data', '2025-09'],
    ['September data (exported Oct 1, 2025)', '2025-09'],
    ['SEPTEMBER DATA, exported 01.10.2025', '2025-09'],
    ['data for september, exported 2025-10-01', '2025-09'],
    ['May KPIs (exported 2025-06-02)', '2025-05'],
    ['Data for June — Oct 1, 2025', '2025-06'],
    // A month named without its year takes the year of the other date: the last such month on or before it.
    ['Exported 5 Jan 2026: December data', '2025-12'],
  ])('%s is %s, as a person reads it', (text, want) => {
    expect(key(periodInText(text))).toBe(want);
  });

  it.each([
    // People's names, lower-case words, and a month without a date to give it its year.
    'KPIs for May Chen — exported 3 Oct 2025',
    'Report for Jan Novak, prepared 2025-10-03',
    'Data for May Chen exported 2025-10-03',
    'Exported 2025-10-01; we may revise the march figures',
    'September data',
    // The file's date, said after it.
    'Oct 1, 2025 export',
    '2025-10-03 extract from Gainsight',
  ])('%s names no month of the data', (text) => {
    expect(periodInText(text)).toBeNull();
  });

  it('prefers the month said to be the data over a "prepared" date in the same line', () => {
    expect(key(periodInText('Prepared 3 Oct 2025 — data as of 28 Sep 2025'))).toBe('2025-09');
    expect(monthMentions('Prepared 3 Oct 2025 — data as of 28 Sep 2025').map((m) => key(m.month))).toEqual([
      '2025-10',
      '2025-09',
    ]);
  });
});

describe('a month in a title as people write it: autocorrect, US dates, ranges', () => {
  it.each([
    ['data as of Sep–2025', '2025-09'],
    ['Data — 2025–09', '2025-09'],
    ["KPIs Sep '25", '2025-09'],
    ['KPIs September ’25', '2025-09'],
    ['as of 9/30/25', '2025-09'],
    ['Stand 30/09/25', '2025-09'],
    ['Sep 2025 – Oct 2025 data', '2025-10'],
    // A range is its last month, the one its data reaches; before, its first.
    ['Reporting period: July 2025 – September 2025', '2025-09'],
    ['Reporting period: July – September 2025', '2025-09'],
    ['Jul 2025 to Sep 2025', '2025-09'],
    ['Q1 2025 - Q3 2025', '2025-09'],
    ['Period: 01/07/2025 - 30/09/2025', '2025-09'],
    // Not a range: an em dash parts a title, a later date first, dates written unalike.
    ['Export vom 01.10.2025 – September 2025', '2025-09'],
    ['Data for June – Oct 1, 2025', '2025-06'],
    ['exported 2025-10-02 - 2025-09 data', '2025-09'],
    // A number, a word and a year ("02 for 2025") are no date: before, nothing here was read.
    ['Generated on 2025-10-02 for 2025-09', '2025-09'],
    ['data for 2025-Sep', '2025-09'],
    // A slash between a month's name and its year, as in a month header (before: no month).
    ['data as of Sep/2025', '2025-09'],
    ['KPIs Sep/25', '2025-09'],
  ])('%s is %s', (title, want) => {
    expect(key(periodInText(title))).toBe(want);
  });

  it.each([['3/4/25'], ['v1.2.25'], ['Sep 25'], ['Q3 – 2025 plan']])('%s names no month', (title) => {
    expect(periodInText(title)).toBeNull();
  });
});

describe('a month in the file name', () => {
  it.each([
    ['techcorp-2025-09.xlsx', '2025-09'],
    ['KPIs Sep 2025.xlsx', '2025-09'],
    ['kpis_2025_09.csv', '2025-09'],
    ['C:\\exports\\Globex Q2 2025.xlsx', '2025-06'],
    ['Globex_Q3_2025.xlsx', '2025-09'],
    ['export_20250930.xlsx', '2025-09'],
    ['kpis_202509.xlsx', '2025-09'],
    ['Globex KPIs SEP2025.xlsx', '2025-09'],
    ['scorecard 123456.xlsx', null],
    ['Globex KPIs SEP25.xlsx', null],
    ['scorecard.xlsx', null],
    ['report-2024-2025.xlsx', null],
  ])('%s is %s', (name, want) => {
    expect(key(periodInFileName(name))).toBe(want);
  });
});

const row = (data: number | null, months: Array<[number, number, number]>) => ({
  dataValue: data,
  months: months.map(([year, month, value]) => ({ year, month, value })),
});
const AUG = { year: 2025, month: 8 };
const JUL = { year: 2025, month: 7 };

describe('the month columns compared with Data', () => {
  it('is the latest month column when Data equals it for most rows that have both', () => {
    const src = periodFromColumns({
      months: [JUL, AUG],
      sheets: [
        {
          name: 'S',
          titleText: [],
          rows: [row(5, [[2025, 8, 5]]), row(6, [[2025, 8, 6]]), row(7, [[2025, 8, 9]]), row(null, [])],
        },
      ],
    });
    expect(src).toMatchObject({ period: '2025-08', from: 'month columns' });
    expect(src?.sentence).toContain('equal the August 2025 column (2 of 3 rows)');
  });

  it('counts the rows with thousands separators, as the rest of the window does', () => {
    const rows = Array.from({ length: 33_500 }, (_, i) => row(i, [[2025, 8, i]]));
    const src = periodFromColumns({ months: [AUG], sheets: [{ name: 'S', titleText: [], rows }] });
    expect(src?.sentence).toContain('(33,500 of 33,500 rows)');
  });

  it('is the month after it when Data differs (Data is newer than the history)', () => {
    const src = periodFromColumns({
      months: [JUL, AUG],
      sheets: [{ name: 'S', titleText: [], rows: [row(5, [[2025, 8, 4]]), row(6, [[2025, 8, 6]])] }],
    });
    expect(src).toMatchObject({ period: '2025-09' });
    const dec = periodFromColumns({
      months: [{ year: 2025, month: 12 }],
      sheets: [{ name: 'S', titleText: [], rows: [row(5, [[2025, 12, 4]])] }],
    });
    expect(dec?.period).toBe('2026-01');
  });

  it('is the latest month column when Data is empty, and nothing without month columns', () => {
    expect(
      periodFromColumns({ months: [AUG], sheets: [{ name: 'S', titleText: [], rows: [row(null, [[2025, 8, 1]])] }] })
        ?.period,
    ).toBe('2025-08');
    expect(periodFromColumns({ months: [], sheets: [] })).toBeNull();
  });
});

describe('the default period, first that applies', () => {
  const base: PeriodInput = {
    fileName: 'kpis-2025-06.xlsx',
    months: [JUL, AUG],
    sheets: [
      { name: 'Intro', titleText: ['Prepared by Dana'], rows: [row(5, [[2025, 8, 5]])] },
      { name: 'Relationship Strength', titleText: ['Globex', 'data as of 28 Sep 2025'], rows: [] },
    ],
  };
  const today = new Date(2026, 1, 15);
  it('1. the title rows, and the preview says where', () => {
    const src = choosePeriod(base, today);
    expect(src).toEqual({
      period: '2025-09',
      from: 'title',
      sentence: 'from "data as of 28 Sep 2025" on sheet Relationship Strength',
    });
    expect(periodSentence(src)).toBe(
      'Period September 2025: from "data as of 28 Sep 2025" on sheet Relationship Strength.',
    );
  });
  it('1. names the sheet as its category reads, without the spaces around its name', () => {
    const padded = { ...base, sheets: [{ ...base.sheets[1], name: '  Relationship Strength ' }] };
    expect(choosePeriod(padded, today).sentence).toBe('from "data as of 28 Sep 2025" on sheet Relationship Strength');
  });
  it("1. the data's month of a title that also gives the file's date, quoted as written", () => {
    const titled = { ...base, sheets: [{ ...base.sheets[1], titleText: ['Oct 1, 2025 export of September data'] }] };
    expect(choosePeriod(titled, today)).toEqual({
      period: '2025-09',
      from: 'title',
      sentence: 'from "Oct 1, 2025 export of September data" on sheet Relationship Strength',
    });
  });
  it('2. the file name', () => {
    const src = choosePeriod({ ...base, sheets: base.sheets.map((s) => ({ ...s, titleText: [] })) }, today);
    expect(src).toMatchObject({ period: '2025-06', from: 'file name' });
  });
  it("2. the file name over a title that gives only the file's own date", () => {
    const titled = { ...base, sheets: [{ ...base.sheets[1], titleText: ['Globex', 'Report date: 2025-10-03'] }] };
    expect(choosePeriod(titled, today)).toMatchObject({ period: '2025-06', from: 'file name' });
  });
  it('3. the month columns', () => {
    const src = choosePeriod(
      { ...base, fileName: 'kpis.xlsx', sheets: base.sheets.map((s) => ({ ...s, titleText: [] })) },
      today,
    );
    expect(src).toMatchObject({ period: '2025-08', from: 'month columns' });
  });
  it('4. the current month', () => {
    const src = choosePeriod({ fileName: 'kpis.xlsx', months: [], sheets: [] }, today);
    expect(src).toMatchObject({ period: '2026-02', from: 'today' });
  });
});

describe('sheets whose titles name different months', () => {
  const sheet = (name: string, title: string) => ({ name, titleText: [title], rows: [] });
  it("takes the first sheet's and says which sheets name another month (one period counts for the file)", () => {
    const src = choosePeriod({
      fileName: 'initech.xlsx',
      months: [],
      sheets: [
        sheet('Relationship Strength', 'Initech — data as of 31 Aug 2025'),
        sheet('Support & Experience', 'Initech — data as of 30 Sep 2025'),
        sheet('Product Value', 'data as of 31 Aug 2025'),
      ],
    });
    // Before, the other sheets' months went unsaid and their Data was stored as August's.
    expect(periodSentence(src)).toBe(
      'Period August 2025: from "Initech — data as of 31 Aug 2025" on sheet Relationship Strength; but sheet Support & Experience names September 2025 (one period counts for the whole file: choose another if that is Data\'s month).',
    );
    const agree = choosePeriod({
      fileName: 'x.xlsx',
      months: [],
      sheets: [sheet('A', 'Sep 2025'), sheet('B', '2025-09')],
    });
    expect(agree.sentence).toBe('from "Sep 2025" on sheet A');
  });
});

describe('a new account named by the first title row', () => {
  it.each([
    ['Globex Analytics — Relationship Strength KPIs', 'Globex Analytics'],
    ['Globex Analytics – Scorecard', 'Globex Analytics'],
    ['Initech - Q3 review', 'Initech'],
    ['Umbrella Corp: KPIs', 'Umbrella Corp'],
    ['Hooli | health', 'Hooli'],
    ['Account: Stark Industries | 2025', 'Stark Industries'],
    ['Relationship Strength KPIs', null],
    ['Relationship Strength — Globex', null],
    ['KPI scorecard — Globex', null],
    ['September 2025 — Globex', null],
    // A title row of several cells reads as one line, its cells apart ("A | B"): a title's words are no name.
    ['Quarterly Business Review | Q3 2025', null],
    ['Customer Health Dashboard | Sep 2025', null],
    ['Account | Wayne Enterprises', 'Wayne Enterprises'],
    [undefined, null],
  ])('%s names %s', (title, want) => {
    expect(accountNameInTitle(title, ['Relationship Strength'])).toBe(want);
  });
});

describe('a new account named by a labelled title row, in any row', () => {
  const cats = ['Relationship Strength'];
  it('takes "Account: Hooli" under a title that names none, before the first row\'s rule', () => {
    expect(accountInTitles(['KPI Scorecard', 'Account: Hooli', 'Period: Sep 2025'], cats)).toEqual({
      name: 'Hooli',
      title: 'Account: Hooli',
    });
    expect(accountInTitles(['Quarterly Business Review — Q3 2025', 'Client: Umbrella Corp'], cats)).toEqual({
      name: 'Umbrella Corp',
      title: 'Client: Umbrella Corp',
    });
    // A labelled field of a row read as one line; the first row's rule when no row is labelled.
    expect(accountInTitles(['Scorecard | Customer: Pied Piper | 2025-09'], cats)?.name).toBe('Pied Piper');
    expect(accountInTitles(['Globex Analytics — KPIs', 'Prepared by Jane'], cats)?.name).toBe('Globex Analytics');
  });

  it('reads the label as a European team writes it, and its title words as no name', () => {
    for (const [line, name] of [
      ['Kunde: Müller GmbH — Kennzahlen, Stand 30.09.2025', 'Müller GmbH'],
      ['Compte : Société Générale | T3 2025', 'Société Générale'],
      ['Cliente: Telefónica', 'Telefónica'],
      ['Klant: Albert Heijn', 'Albert Heijn'],
    ])
      expect([line, accountInTitles(['Portfolio', line], cats)?.name]).toEqual([line, name]);
    // Before, "Kunde" was taken for the name; a title's own words stay no name.
    expect(accountNameInTitle('Kunde: Müller GmbH', cats)).toBe('Müller GmbH');
    for (const title of ['Kennzahlen-Übersicht — Q3', 'Tableau de bord — Acme'])
      expect([title, accountNameInTitle(title, cats)]).toEqual([title, null]);
    // A colon after a title's words reads as a label ("Scorecard: Globex"): what follows is the name.
    expect(accountNameInTitle('Übersicht: Acme', cats)).toBe('Acme');
  });

  it("takes no label whose value is no name: a month, a title's words, a category, nothing", () => {
    for (const line of ['Account: September 2025', 'Client: KPI report', 'Account: Relationship Strength', 'Account:'])
      expect([line, accountInTitles(['Portfolio', line], cats)]).toEqual([line, null]);
    expect(accountInTitles([], cats)).toBeNull();
  });
});

describe("a new account named between a title's words and its date", () => {
  it.each([
    ['KPI Dashboard — Globex — Sep 2025', 'Globex'],
    ['Customer Health Report | Globex Corp | Q3 2025', 'Globex Corp'],
    ['Tableau de bord — Société Générale — données au 30/09/2025', 'Société Générale'],
    ['Kennzahlen-Übersicht — Müller GmbH — Stand 30.09.2025', 'Müller GmbH'],
    ['Account Health Scorecard - Initech - FY2025', 'Initech'],
    ['QBR: Hooli: data as of: 28 Sep 2025', 'Hooli'],
    // The first part's rule comes first; the part between is no name, or no date follows it.
    ['Globex — KPIs — Sep 2025', 'Globex'],
    ['KPI scorecard — Globex', null],
    ['KPI Dashboard — Globex — notes for the QBR', null],
    ['KPI Dashboard — Relationship Strength — Sep 2025', null],
    ['KPI Dashboard — Draft — Sep 2025', null],
    ['Quarterly Business Review — Q3 2025 — Globex', null],
    ['KPI Dashboard — FY2025 — Sep 2025', null],
    ['KPI Dashboard — H1 2025 — 2025-06', null],
  ])('%s names %s', (title, want) => {
    expect(accountNameInTitle(title, ['Relationship Strength'])).toBe(want);
  });

  it.each([
    ['Initech KPI Scorecard', 'Initech'],
    ['Initech KPI Scorecard — data as of 30 Sep 2025', 'Initech'],
    ['Globex Analytics QBR — Q3 2025', 'Globex Analytics'],
    ["Globex Analytics's KPIs", 'Globex Analytics'],
    ['Hooli Customer Success Dashboard', 'Hooli'],
    // Nothing but a team's, a period's or a category's words before them: no name.
    ['Quarterly KPI Report', null],
    ['Customer Health Scorecard', null],
    ['Sales KPI Report', null],
    ['EMEA Portfolio Review', null],
    ['Sales, Marketing KPIs', null],
    ['Q3 KPI Review', null],
    ['Support & Experience KPIs', null],
    ['Globex Business', null],
  ])('%s names %s by the words before its title words', (title, want) => {
    // Before, a title's words in the first part (or no separator) named no account.
    expect(accountNameInTitle(title, [])).toBe(want);
  });

  it("takes a document's state or a fiscal period for no name under the first part's rule either", () => {
    for (const title of [
      'Draft — KPIs',
      'Confidential: scorecard',
      'FY2025 - Relationship Strength',
      'Entwurf — Kennzahlen',
    ])
      expect([title, accountNameInTitle(title, [])]).toEqual([title, null]);
  });
});

describe('a month written in a title as a European team writes it', () => {
  it.each([
    ['Stand: 30.09.2025', '2025-09'],
    ['Stand 1. Oktober 2025', '2025-10'],
    ['Export vom 01.10.2025 — Daten September 2025', '2025-09'],
    ['Daten für September 2025 (Export 01.10.2025)', '2025-09'],
    // The export's date is the file's, said so before it.
    ['Export vom 01.10.2025 — September 2025', '2025-09'],
    ['Exporté le 15/10/2025 — septembre 2025', '2025-09'],
    ['Export du 1er octobre 2025 — données de septembre 2025', '2025-09'],
    ['Exportado el 01/10/2025: datos de septiembre 2025', '2025-09'],
    ['30 de septiembre de 2025', '2025-09'],
    ['février 2025', '2025-02'],
    ['März 2025', '2025-03'],
    ['Okt 2025', '2025-10'],
    ['28 Mai 2025', '2025-05'],
    ['Mär-25', '2025-03'],
    // Names that are other words too, and a two-digit year without a hyphen, name no month.
    ['Set 2025', null],
    ['Roadmap Gen 2025', null],
    ['Okt 25', null],
  ])('as a European team writes it: %s is %s', (text, month) => {
    expect(key(periodInText(text))).toBe(month);
  });
});
