import { firstFew, plural } from '../../shared/format';
import type { Issue } from '../../shared/import/interpret';
import { nameWords, normalizeName } from '../../shared/names';

/** How many names a sheet's warning lists; the rest are counted. */
export const UNRANGED_LISTED = 8;

type SheetRows = { name: string; rows: Array<{ fields: { kpi_parameter: string } }> };

/**
 * The range a KPI name most likely meant: the one range whose name holds all the KPI's words, or
 * whose words the KPI's name holds all of ("NPS" for "NPS Score"). Null when none or several do.
 */
function likelyRange(key: string, ranges: ReadonlyMap<string, { kpiName: string }>): string | null {
  const mine = nameWords(key);
  if (!mine.length) return null;
  const holds = (a: string[], b: string[]) => b.every((w) => a.includes(w));
  let found: string | null = null;
  for (const [rangeKey, r] of ranges) {
    const theirs = nameWords(rangeKey);
    if (!holds(theirs, mine) && !holds(mine, theirs)) continue;
    if (found) return null;
    found = r.kpiName;
  }
  return found;
}

/**
 * The KPIs no reference range matches (scoring.md, section 1): they are stored and counted but
 * never scored, and an account whose KPIs all lack a range has no health at all. One warning per
 * sheet names them (each name once, however many accounts of a roll-up have it), with the range a
 * name most likely meant, so that the preview says it before anything is stored.
 */
export function unrangedIssues(sheets: SheetRows[], ranges: ReadonlyMap<string, { kpiName: string }>): Issue[] {
  const issues: Issue[] = [];
  for (const s of sheets) {
    const missing = new Map<string, string>();
    const seen = new Set<string>();
    for (const r of s.rows) {
      const name = r.fields.kpi_parameter;
      if (seen.has(name)) continue;
      seen.add(name);
      const key = normalizeName(name);
      if (!ranges.has(key) && !missing.has(key)) missing.set(key, name.trim());
    }
    if (!missing.size) continue;
    const named = [...missing].map(([key, name], i) => {
      // The range meant is looked for only for the names listed.
      const meant = i < UNRANGED_LISTED ? likelyRange(key, ranges) : null;
      return meant ? `"${name}" (a range is named "${meant}")` : `"${name}"`;
    });
    const have = missing.size === 1 ? 'has' : 'have';
    issues.push({
      severity: 'warning',
      sheet: s.name,
      message: `${plural(missing.size, 'KPI')} ${have} no reference range, so ${missing.size === 1 ? 'it is' : 'they are'} stored but not scored: ${firstFew(named, UNRANGED_LISTED)}. Add a range in Settings, or name the KPI as its range is named.`,
    });
  }
  return issues;
}

/** Each category a file's rows name (normalised) with the sheet of its first row. */
export function fileCategories(rows: Iterable<{ sheet: string; category: string }>): Map<string, string> {
  const sheetOf = new Map<string, string>();
  for (const r of rows) {
    const key = normalizeName(r.category);
    if (!sheetOf.has(key)) sheetOf.set(key, r.sheet);
  }
  return sheetOf;
}

/**
 * The categories of this file (`sheetOf`, from fileCategories) that have no weight, one warning
 * each on the sheet its first KPI came from. A category of the account's earlier uploads is left
 * out: the warning is about the file, and that category was named when its own file was imported.
 */
export function unweightedIssues(
  unweighted: readonly string[],
  sheetOf: ReadonlyMap<string, string>,
  namedAfterFile?: string,
): { categories: string[]; issues: Issue[] } {
  const categories = unweighted.filter((c) => sheetOf.has(normalizeName(c)));
  const fileNamed = namedAfterFile === undefined ? null : normalizeName(namedAfterFile);
  const issues = categories.map((c) => ({
    severity: 'warning' as const,
    sheet: sheetOf.get(normalizeName(c)) as string,
    message:
      normalizeName(c) === fileNamed
        ? `This file has no Category column, so its KPIs are one category named after the file, "${c}", which has no weight in Settings: it does not count in the overall health. Add a Category column naming each KPI's category (as a workbook's sheets do: "Relationship Strength", "Support & Experience" …), or give "${c}" a weight in Settings.`
        : `The category "${c}" has no weight in Settings, so it does not count in the overall health.`,
  }));
  return { categories, issues };
}

/**
 * Before an import: the warning its report will give (unweightedIssues) for a CSV file without a
 * Category column whose file-named category has no weight among the workspace's configured
 * weights (`weights`: null when none are configured, so that every category counts).
 */
export function fileCategoryIssues(
  wb: Parameters<typeof fileNamedCategory>[0],
  weights: Readonly<Record<string, number>> | null,
): Issue[] {
  const c = fileNamedCategory(wb);
  if (c === undefined || !weights) return [];
  const key = normalizeName(c);
  if (Object.entries(weights).some(([k, w]) => normalizeName(k) === key && w > 0)) return [];
  return unweightedIssues([c], new Map([[key, wb.sheets[0].name]]), c).issues;
}

/** The category a CSV file without a Category column is (named after the file), if this is one. */
export function fileNamedCategory(wb: {
  kind: string;
  sheets: ReadonlyArray<{ name: string; mapping: ReadonlyArray<{ field: string }> }>;
}): string | undefined {
  const sheet = wb.kind === 'csv' ? wb.sheets[0] : undefined;
  return sheet && !sheet.mapping.some((m) => m.field === 'category') ? sheet.name : undefined;
}
