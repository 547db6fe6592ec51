/**
 * The new account a title row names (../shared/spec/workbook-format.md, "Modes"): the first title
 * row's text before a separator (" — ", " – ", " - ", ":", "|"). "Globex Analytics — Relationship
 * Strength KPIs" names "Globex Analytics". Pure, so the preview and its tests share it.
 */
import { normalizeName } from '../names';
import { monthMentions } from './period';

const SEPARATOR = / [—–-] |:|\|/;
/**
 * A label before the name ("Account: Globex Analytics", or as a European team writes it: "Kunde:",
 * "Compte :", "Cliente:"): the name is what follows it.
 */
const LABEL =
  /^(account|account name|customer|customer account|client|company|kunde|kundin|firma|unternehmen|compte|société|societe|nom du client|cliente|cuenta|empresa|conta|azienda|klant|bedrijf)$/iu;
/**
 * Words that make a text a title of the workbook rather than a name (English, and the same in
 * those languages), a document's state ("Draft", "Confidential") and a fiscal period ("FY2025",
 * "Q3 25", "H1 2025").
 */
const NOT_A_NAME =
  /\b(kpis?|scorecard|health score|prepared|data as of|as of|report|review|qbr|dashboard|summary|overview|metrics|tracker|draft|confidential|internal)\b|\b(fy|q[1-4]|h[12])\s?'?\d{2,4}\b|(?<!\p{L})(kennzahlen|kennzahl|übersicht|bericht|auswertung|indicateurs|tableau de bord|rapport|synthèse|informe|indicadores|cuadro de mando|resumen|relatório|indicatori|rapporto|cruscotto|overzicht|rapportage|entwurf|vertraulich|brouillon|confidentiel|borrador|confidencial|bozza|riservato|vertrouwelijk)(?!\p{L})/iu;

/** A part of a title that dates it: a month ("Sep 2025", "Q3 2025", "données au 30/09/2025") or a year ("FY2025"). */
const dated = (part: string) => monthMentions(part).length > 0 || /(?<!\d)(19|20)\d{2}(?!\d)/.test(part);

function clean(part: string): string {
  return part
    .replace(/^[\s"'“”‘’]+|[\s"'“”‘’]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A name that can be an account's: letters, not too long, no title's words, no month, no category's name. */
function plausibleName(name: string, categories: string[]): boolean {
  if (!name || name.length > 80 || !/\p{L}/u.test(name)) return false;
  if (NOT_A_NAME.test(name) || monthMentions(name).length > 0) return false;
  const key = normalizeName(name);
  return !categories.some((c) => normalizeName(c) === key);
}

/**
 * The account name in the first title text, or null when it names none: no separator, nothing
 * before it, a category's or sheet's name, a month, or a title's words ("KPIs", "Scorecard").
 * The text before the first separator, or after a label ("Account: Hooli"); where that is a
 * title's words and a date follows the next part, the part between them, as a person reads
 * "KPI Dashboard — Globex — Sep 2025" or "Tableau de bord — Société Générale — données au
 * 30/09/2025" (a title with no date after it, "KPI scorecard — Globex", names none: its second
 * part can as well be a subtitle).
 */
export function accountNameInTitle(firstTitle: string | undefined, categories: string[]): string | null {
  if (!firstTitle) return null;
  const parts = firstTitle.split(SEPARATOR).map(clean);
  if (parts.length < 2) return null;
  let name = parts[0];
  if (LABEL.test(name)) name = parts[1];
  else if (NOT_A_NAME.test(name) && parts.slice(2).some(dated)) name = parts[1];
  return plausibleName(name, categories) ? name : null;
}

/** The name a labelled field of a title line gives ("Account: Hooli", "Client: Umbrella Corp | Q3"), or null. */
function labelledName(title: string, categories: string[]): string | null {
  for (const field of title.split(' | ')) {
    const [label, value, ...rest] = field.split(SEPARATOR).map(clean);
    if (value === undefined || !LABEL.test(label)) continue;
    if (rest.length && !value) continue;
    if (plausibleName(value, categories)) return value;
  }
  return null;
}

/**
 * The new account the title rows name, as a person finds it: a labelled line in any title row
 * ("Account: Hooli", "Client:" | "Umbrella Corp"), else the first title row's text before a
 * separator (the spec's rule). With the title text it came from, or null.
 */
export function accountInTitles(titles: string[], categories: string[]): { name: string; title: string } | null {
  for (const title of titles) {
    const name = labelledName(title, categories);
    if (name) return { name, title };
  }
  const name = accountNameInTitle(titles[0], categories);
  return name ? { name, title: titles[0] } : null;
}
