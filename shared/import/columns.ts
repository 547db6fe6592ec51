/**
 * Column recognition (shared/spec/workbook-format.md, "Columns"): header synonyms, month headers,
 * the header row, and the signature under which a user-corrected mapping is remembered.
 */
import { z } from 'zod';
import { nameWords } from '../names';
import { monthMentions, titleLines } from './period';
import type { Cell } from './types';
import {
  cellDisplayText,
  isBlankCell,
  monthFromName,
  monthKey,
  parseMonthHeader,
  parseMonthText,
  type YearMonth,
} from './values';
import {
  type TitleYear,
  titleYear,
  withBandYears,
  withYearlessMonths,
  yearlessAmong,
  yearlessColumns,
} from './yearless';

export const FIELD_KEYS = [
  'kpi_parameter',
  'health_score_component',
  'impact_level',
  'weight',
  'data',
  'source_review',
  'measurement_frequency',
  'account',
  'category',
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

/**
 * A sheet's column mapping, as the preview shows it and the user corrects it: one entry per
 * non-empty header cell; `col` is the 1-based Excel column number (A = 1).
 */
export const columnMappingSchema = z.array(
  z.object({
    col: z.number().int().min(1).max(16384),
    header: z.string().max(500),
    field: z.enum([...FIELD_KEYS, 'month', 'ignored']),
    month: z.object({ year: z.number().int().min(1900).max(2200), month: z.number().int().min(1).max(12) }).optional(),
  }),
);
export type ColumnMapping = z.output<typeof columnMappingSchema>;
export type ColumnField = ColumnMapping[number]['field'];

/** Header texts that mean each field, as written in the contract. Matching ignores case and punctuation. */
export const FIELD_SYNONYMS: Readonly<Record<FieldKey, readonly string[]>> = Object.freeze({
  kpi_parameter: ['KPI Parameter', 'KPI', 'KPI Name', 'Metric', 'Parameter', 'Measure'],
  health_score_component: ['Health Score Component', 'Component'],
  impact_level: ['Impact Level', 'Impact', 'Priority'],
  weight: ['Weight', 'Importance'],
  data: ['Data', 'Value', 'Current Value', 'Actual', 'Current'],
  source_review: ['Source / Review', 'Source', 'Data Source', 'Review'],
  measurement_frequency: ['Measurement Frequency', 'Frequency'],
  account: ['Account', 'Account Name', 'Customer Account', 'Client'],
  category: ['Category', 'KPI Category', 'Health Category'],
});

/** What a person would call each field, for messages and the mapping screen. */
export const FIELD_LABELS: Readonly<Record<FieldKey, string>> = Object.freeze({
  kpi_parameter: 'KPI name',
  health_score_component: 'Health score component',
  impact_level: 'Impact level',
  weight: 'Weight',
  data: 'Data',
  source_review: 'Source / Review',
  measurement_frequency: 'Measurement frequency',
  account: 'Account',
  category: 'Category',
});

/** Lower case, letters and digits only: "Source / Review" -> "sourcereview". */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The same headers as a European team writes them (German, French, Spanish, Italian, Dutch,
 * Portuguese), beside the contract's: a scorecard kept in Excel in its own language is read
 * without mapping each column by hand. Only words no English header is (not "Indicator", "Ist").
 */
export const LOCAL_FIELD_SYNONYMS: Readonly<Record<FieldKey, readonly string[]>> = Object.freeze({
  kpi_parameter: ['Kennzahl', 'Kennzahlen', 'Indicateur', 'Nom du KPI', 'Indicador', 'Indicatore', 'Nome KPI'],
  health_score_component: ['Komponente', 'Composante', 'Componente'],
  impact_level: ['Auswirkung', 'Priorität', 'Priorité', 'Prioridad', 'Priorità', 'Prioridade', 'Impacto', 'Impatto'],
  weight: ['Gewichtung', 'Gewicht', 'Poids', 'Pondération', 'Peso', 'Ponderación', 'Weging'],
  data: [
    'Wert',
    'Aktueller Wert',
    'Istwert',
    'Valeur',
    'Valeur actuelle',
    'Valor',
    'Valor actual',
    'Valor atual',
    'Valore',
    'Valore attuale',
    'Waarde',
    'Huidige waarde',
  ],
  source_review: ['Quelle', 'Datenquelle', 'Fuente', 'Fonte', 'Bron'],
  measurement_frequency: [
    'Häufigkeit',
    'Frequenz',
    'Messfrequenz',
    'Fréquence',
    'Frecuencia',
    'Frequenza',
    'Frequência',
    'Frequentie',
  ],
  account: ['Kunde', 'Kundenkonto', 'Compte', 'Cuenta', 'Cliente', 'Conta', 'Klant'],
  category: ['Kategorie', 'Catégorie', 'Categoría', 'Categoria', 'Categorie'],
});

const SYNONYM_INDEX: ReadonlyMap<string, FieldKey> = (() => {
  const index = new Map<string, FieldKey>();
  for (const synonyms of [FIELD_SYNONYMS, LOCAL_FIELD_SYNONYMS]) {
    for (const [field, words] of Object.entries(synonyms) as Array<[FieldKey, readonly string[]]>) {
      for (const w of words) index.set(normalizeHeader(w), field);
    }
  }
  return index;
})();

/**
 * A unit or scale in brackets at the end of a header ("(USD)", "(days)", "[%]", "(1-5)"): no digit
 * but in a range, so that a month in brackets ("Data (Sep 2025)") is never taken for a unit.
 */
const UNIT = /\s*[([](?:[^\d()[\]]{1,20}|\d+(?:\.\d+)?\s*(?:-|–|to)\s*\d+(?:\.\d+)?)[)\]]$/;

/** Words between two names of one field in a header ("KPI / Metric", "Impact or Priority"). */
const ALTERNATIVES = /\s*(?:\/|\bor\b|\bou\b|\boder\b)\s*/i;

/**
 * The field a header text means, or null; a unit at its end does not change it ("Current Value
 * (USD)"), nor two names of the same field ("KPI / Metric", "Data or Value"; "Weight / Priority"
 * names two fields, so none).
 */
export function fieldForHeader(text: string): FieldKey | null {
  const key = normalizeHeader(text);
  if (!key) return null;
  const field = SYNONYM_INDEX.get(key);
  if (field) return field;
  const names = text.split(ALTERNATIVES);
  if (names.length > 1) {
    const fields = new Set(names.map((n) => (n.trim() ? fieldForHeader(n) : null)));
    const [only] = fields;
    if (fields.size === 1 && only) return only;
  }
  if (!text.endsWith(')') && !text.endsWith(']')) return null;
  const bare = normalizeHeader(text.replace(UNIT, ''));
  return bare && bare !== key ? (SYNONYM_INDEX.get(bare) ?? null) : null;
}

/** The header text of a cell, as shown in the mapping: a date header is its ISO date. */
export function headerText(cell: Cell | undefined): string {
  return cellDisplayText(cell);
}

/** A-Z, AA... for a 1-based column number. */
export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 1-based column number of A, B, ..., AA. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Words beside a month in a value column's header that do not change what the column holds. */
const HEADER_FILLER = new Set('as at end ended ending for in month of on period the'.split(' '));

/**
 * The month of a value column whose header names it beside a Data header's words, as a person
 * reads "Current Value (Sep 2025)", "Sep 2025 Actual", "Value - Sep-25" or "Data as of 30/09/2025":
 * one month written in the header and, around it, only the words of a Data header. Such a column
 * is that month's column. Null for anything else: "Sep 2025 Target", "YTD Sep 2025", a quarter
 * ("Q3 2025 Actual"), two months, no month.
 */
export function valueHeaderMonth(text: string): YearMonth | null {
  // Cheap tests first: a header row may be 16,384 cells wide, and most headers hold no digit.
  if (text.length > 60 || !/\d/.test(text)) return null;
  const words = nameWords(text).filter((w) => !/\d/.test(w) && !monthFromName(w) && !HEADER_FILLER.has(w));
  if (!words.length || fieldForHeader(words.join(' ')) !== 'data') return null;
  if (/\b(q[1-4]|h[12]|fy\d*)\b/i.test(text)) return null;
  const mentions = monthMentions(text);
  if (!mentions.length) return null;
  const month = mentions[0].month;
  return mentions.every((m) => monthKey(m.month) === monthKey(month)) ? month : null;
}

/** The month a header cell names: a month header, or a month beside Data's words (valueHeaderMonth). */
export function headerMonth(cell: Cell | undefined): YearMonth | null {
  return parseMonthHeader(cell) ?? (cell?.t === 'text' ? valueHeaderMonth(cell.v) : null);
}

/**
 * How many headers of a row are read for a month beside other words (valueHeaderMonth): more than
 * any scorecard has, few enough that a hostile row of 16,384 such headers costs no time.
 */
const WORDY_MONTHS_READ = 256;

/**
 * The mapping a header row gives: each non-empty header cell is a field, a month, or ignored.
 * When two columns mean the same field (or the same month), the first one wins and the later one
 * is ignored.
 */
export function mapHeaderRow(cells: Cell[]): ColumnMapping {
  const mapping: ColumnMapping = [];
  const taken = new Set<string>();
  let wordyMonths = 0;
  cells.forEach((cell, i) => {
    if (isBlankCell(cell)) return;
    const header = headerText(cell);
    const col = i + 1;
    const field = cell.t === 'text' ? fieldForHeader(cell.v) : null;
    if (field) {
      mapping.push({ col, header, field: taken.has(field) ? 'ignored' : field });
      taken.add(field);
      return;
    }
    let month = parseMonthHeader(cell);
    if (!month && cell.t === 'text' && wordyMonths++ < WORDY_MONTHS_READ) month = valueHeaderMonth(cell.v);
    if (month) {
      const key = `m${month.year}-${month.month}`;
      mapping.push(taken.has(key) ? { col, header, field: 'ignored' } : { col, header, field: 'month', month });
      taken.add(key);
      return;
    }
    mapping.push({ col, header, field: 'ignored' });
  });
  return mapping;
}

/**
 * The mapping of a sheet's header row (`headerRow`, 1-based) as detected: mapHeaderRow, with month
 * headers written without their year read as months of the years written in the row above them,
 * else of the year the title rows above give (else `fallbackYear`: the file name's).
 */
export function detectMapping(rows: Cell[][], headerRow: number, fallbackYear?: () => TitleYear | null): ColumnMapping {
  // A row of years right above the months is nearer them than any title: it decides first.
  const banded = withBandYears(mapHeaderRow(rows[headerRow - 1] ?? []), rows[headerRow - 2]);
  return withYearlessMonths(banded, () => titleYear(titleLines(rows, headerRow)) ?? fallbackYear?.() ?? null);
}

/** A mapping is usable when it has a KPI-name column and at least one value column (Data or a month). */
export function isUsableMapping(mapping: ColumnMapping): boolean {
  return (
    mapping.some((m) => m.field === 'kpi_parameter') && mapping.some((m) => m.field === 'data' || m.field === 'month')
  );
}

/**
 * A row of month headers under the header row, as a two-row header has them ("Monthly values"
 * merged over the month columns, the months below): true when the row holds months and nothing
 * else, and no KPI name (the KPI column's header is merged down over it, or left empty).
 */
export function isMonthsRow(cells: Cell[], kpiCol: number): boolean {
  if (!isBlankCell(cells[kpiCol - 1]) || !cells.some((c) => !isBlankCell(c))) return false;
  // Months with their year, or without it ("Jan" ... "Dec": the year is over them or in a title).
  const yearless = yearlessAmong(cells.map((c) => (c.t === 'text' ? c.v : '')));
  return cells.every((c) => isBlankCell(c) || parseMonthHeader(c) !== null || (c.t === 'text' && yearless(c.v)));
}

/**
 * The months of a row of month headers by column: as written, or without their year read as
 * months of the years written over them in `band` (the header row of a two-row header), else of
 * the year `title` gives.
 */
function rowMonths(cells: Cell[], band: Cell[], title: () => TitleYear | null): Map<number, YearMonth> {
  const out = new Map<number, YearMonth>();
  const bare: ColumnMapping = [];
  for (let i = 0; i < cells.length; i++) {
    const month = cells[i] ? parseMonthHeader(cells[i]) : null;
    if (month) out.set(i + 1, month);
    else if (cells[i]?.t === 'text') bare.push({ col: i + 1, header: headerText(cells[i]), field: 'ignored' });
  }
  for (const m of withYearlessMonths(withBandYears(bare, band), title))
    if (m.field === 'month' && m.month) out.set(m.col, m.month);
  return out;
}

/**
 * The mapping with the months of a two-row header added: the month headers of the row under
 * `headerRow` (see isMonthsRow), for the columns the header row leaves blank or ignored (a
 * "Monthly values" label above them). Unchanged when that row is not a row of months.
 */
export function withMonthsBelow(
  rows: Cell[][],
  headerRow: number,
  mapping: ColumnMapping,
  fallbackYear?: () => TitleYear | null,
): ColumnMapping {
  const kpi = mapping.find((m) => m.field === 'kpi_parameter');
  const under = rows[headerRow] ?? [];
  if (!kpi || !isMonthsRow(under, kpi.col)) return mapping;
  const byCol = new Map(mapping.map((m) => [m.col, m]));
  const taken = new Set(mapping.flatMap((m) => (m.field === 'month' && m.month ? [monthKey(m.month)] : [])));
  const added: ColumnMapping = [];
  const title = () => titleYear(titleLines(rows, headerRow)) ?? fallbackYear?.() ?? null;
  const months = rowMonths(under, rows[headerRow - 1] ?? [], title);
  under.forEach((cell, i) => {
    const col = i + 1;
    const month = months.get(col);
    if (!month || (byCol.get(col)?.field ?? 'ignored') !== 'ignored' || taken.has(monthKey(month))) return;
    taken.add(monthKey(month));
    added.push({ col, header: headerText(cell), field: 'month', month });
  });
  if (!added.length) return mapping;
  const cols = new Set(added.map((m) => m.col));
  return [...mapping.filter((m) => !cols.has(m.col)), ...added].sort((a, b) => a.col - b.col);
}

/** How far down a sheet the header row may be. */
export const HEADER_SEARCH_ROWS = 20;

type HeaderAt = { row: number; mapping: ColumnMapping };
type NearHeaderAt = HeaderAt & { hint: string };

/**
 * Why a row's mapping comes near a header row without being one, with what to write, or null: it
 * has value columns and one more recognised column but no column of KPI names, or a KPI column and
 * another header but no value column (see nearHeader).
 */
function nearHint(mapping: ColumnMapping, row: number): string | null {
  const known = mapping.filter((m) => m.field !== 'ignored');
  const kpi = known.find((m) => m.field === 'kpi_parameter');
  const values = known.filter((m) => m.field === 'data' || m.field === 'month');
  if (!kpi && values.length && known.length >= 2) {
    const heads = values.slice(0, 3).map((m) => `"${m.header}"`);
    return `row ${row} has value columns (${heads.join(', ')}${values.length > 3 ? ', …' : ''}) but no column of KPI names: head it "KPI" (or KPI Name, KPI Parameter, Metric, Parameter, Measure)`;
  }
  const yearless = yearlessColumns(mapping);
  if (kpi && !values.length && yearless.length)
    return `row ${row} has a KPI column ("${kpi.header}") and months without a year ("${yearless[0].header}"${yearless.length > 1 ? ', …' : ''}): write the year in the headers ("${yearless[0].header} 2025"), in a title row above them ("KPIs 2025") or in the file name`;
  if (kpi && !values.length && mapping.length >= 2)
    return `row ${row} has a KPI column ("${kpi.header}") but no value column: head the values "Data" (or Value, Current Value, Actual, Current) or with their month ("Sep 2025")`;
  return null;
}

/**
 * The first rows of a sheet read once for its header row: the header row found (`found`, see
 * detectHeaderRow) and, above it or in its stead, the first row that comes near one (`near`, see
 * nearHeader).
 */
export function scanHeaderRows(
  rows: Cell[][],
  maxRows: number = HEADER_SEARCH_ROWS,
  fallbackYear?: () => TitleYear | null,
): { found: HeaderAt | null; near: NearHeaderAt | null } {
  let near: NearHeaderAt | null = null;
  const limit = Math.min(rows.length, maxRows);
  for (let r = 0; r < limit; r++) {
    const cells = rows[r] ?? [];
    if (!cells.some((c) => c.t === 'text')) continue;
    const own = detectMapping(rows, r + 1, fallbackYear);
    const mapping = withMonthsBelow(rows, r + 1, own, fallbackYear);
    if (isUsableMapping(mapping)) return { found: { row: r + 1, mapping }, near };
    const hint: string | null = near ? null : nearHint(own, r + 1);
    if (hint) near = { row: r + 1, mapping: own, hint };
  }
  return { found: null, near };
}

/**
 * The header row: the first row, within the first 20, in which a KPI-name column and at least one
 * value column (Data or a month, the months possibly in the row under it) are recognised. `row` is
 * the 1-based Excel row number.
 */
export function detectHeaderRow(rows: Cell[][], maxRows: number = HEADER_SEARCH_ROWS): HeaderAt | null {
  return scanHeaderRows(rows, maxRows).found;
}

/**
 * The row of a sheet with no header row that comes nearest one, or null: the first row (within the
 * first 20) that has value columns and one more recognised column but no column of KPI names, or
 * a KPI column and another header but no value column. With its mapping, which the user can
 * correct, and why it is not a header row with what to write (`hint`), so that a CSM can fix the
 * mapping or the workbook ("Metric Name" is not a KPI column).
 */
export function nearHeader(rows: Cell[][], maxRows: number = HEADER_SEARCH_ROWS): NearHeaderAt | null {
  const { found, near } = scanHeaderRows(rows, maxRows);
  return found ? null : near;
}

/**
 * The signature of a header row, under which a user-corrected mapping is remembered: the
 * normalised non-month headers in order. Month headers are left out, those that name their month
 * beside Data's words too ("Current Value (Sep 2025)") and those without their year ("Sep"), so
 * next month's file (one month column more, "Current Value (Oct 2025)") has the same signature.
 */
export function headerSignature(headers: string[]): string {
  const yearless = yearlessAmong(headers);
  return headers
    .filter((h) => h.trim() !== '' && !parseMonthText(h) && !valueHeaderMonth(h) && !yearless(h))
    .map(normalizeHeader)
    .filter((h) => h !== '')
    .join('|');
}

/**
 * Applies a remembered mapping to a header row by header text (not by position, since month
 * columns come and go): a header the remembered mapping knows gets its field; any other header is
 * recognised as usual. Month columns are always recognised from the header itself.
 */
export function applyRememberedMapping(
  cells: Cell[],
  remembered: ColumnMapping,
  detected: ColumnMapping = mapHeaderRow(cells),
): ColumnMapping {
  const byHeader = new Map<string, ColumnField>();
  for (const m of remembered) {
    const key = normalizeHeader(m.header);
    if (key && m.field !== 'month' && !byHeader.has(key)) byHeader.set(key, m.field);
  }
  const taken = new Set<ColumnField>();
  return detected.map((m) => {
    if (m.field === 'month') return m;
    const field = byHeader.get(normalizeHeader(m.header)) ?? m.field;
    if (field !== 'ignored' && field !== 'month' && taken.has(field))
      return { col: m.col, header: m.header, field: 'ignored' };
    taken.add(field);
    return { col: m.col, header: m.header, field };
  });
}
