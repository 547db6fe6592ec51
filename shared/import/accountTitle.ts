/**
 * The new account a title row names (../shared/spec/workbook-format.md, "Modes"): the first title
 * row's text before a separator (" — ", " – ", " - ", ":", "|"). "Globex Analytics — Relationship
 * Strength KPIs" names "Globex Analytics". Pure, so the preview and its tests share it.
 */
import { normalizeName } from '../names';
import { monthMentions } from './period';

const SEPARATOR = / [—–-] |:|\|/;
/** A label before the name ("Account: Globex Analytics"): the name is what follows it. */
const LABEL = /^(account|account name|customer|customer account|client|company)$/i;
/** Words that make a text a title of the workbook rather than a name. */
const NOT_A_NAME =
  /\b(kpis?|scorecard|health score|prepared|data as of|as of|report|review|qbr|dashboard|summary|overview|metrics|tracker)\b/i;

function clean(part: string): string {
  return part
    .replace(/^[\s"'“”‘’]+|[\s"'“”‘’]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The account name in the first title text, or null when it names none: no separator, nothing
 * before it, a category's or sheet's name, a month, or a title's words ("KPIs", "Scorecard").
 */
export function accountNameInTitle(firstTitle: string | undefined, categories: string[]): string | null {
  if (!firstTitle) return null;
  const parts = firstTitle.split(SEPARATOR).map(clean);
  if (parts.length < 2) return null;
  let name = parts[0];
  if (LABEL.test(name)) name = parts[1];
  if (!name || name.length > 80 || !/\p{L}/u.test(name)) return null;
  if (NOT_A_NAME.test(name) || monthMentions(name).length > 0) return null;
  const key = normalizeName(name);
  if (categories.some((c) => normalizeName(c) === key)) return null;
  return name;
}

/** The first title text of the first sheet that has one. */
export function firstTitleText(sheets: Array<{ titleText: string[] }>): string | undefined {
  for (const s of sheets) if (s.titleText.length) return s.titleText[0];
  return undefined;
}
