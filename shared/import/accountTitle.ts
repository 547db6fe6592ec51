/**
 * The new account a title row names (../shared/spec/workbook-format.md, "Modes"): the first title
 * row's text before a separator (" — ", " – ", " - ", ":", "|"). "Globex Analytics — Relationship
 * Strength KPIs" names "Globex Analytics". Pure, so the preview and its tests share it.
 */
import { DEFAULT_CATEGORY_WEIGHTS } from '../defaults';
import { normalizeName } from '../names';
import { monthMentions } from './period';

/** A title's parts apart but for the colon, which may follow a label or a title's words. */
const PART_SEPARATOR = / [—–-] |\|/;
const SEPARATOR = new RegExp(`${PART_SEPARATOR.source}|:`);
/**
 * A label before the name ("Account: Globex Analytics", or as a European team writes it: "Kunde:",
 * "Compte :", "Cliente:"): the name is what follows it.
 */
const LABEL =
  /^(account|account name|customer|customer name|customer account|client|client name|company|company name|organi[sz]ation|kunde|kundin|kundenname|firma|unternehmen|compte|nom du compte|société|societe|nom du client|cliente|nombre del cliente|nome cliente|cuenta|empresa|conta|azienda|klant|klantnaam|bedrijf)$/iu;
/**
 * The words of a field's label that names no account ("CSM: Jane Doe", "Account Owner: Jane Doe",
 * "Last updated: 28 Sep 2025", "Status: Final", "Tier 1 - Strategic", "Stand: 30.09.2025"): a
 * person reads such a title line as a field of the workbook, its label as no name.
 */
const FIELD_WORDS = new Set(
  'owner owners csm csms cse tam am ae manager author contact contacts email phone status version notes note comments source instructions segment region tier industry renewal date dates updated update last prepared reviewed approved by period month year quarter week currency country language plan type stage sponsor champion executive partner team arr mrr revenue contract term start end id no number sheet tab page stand datum autor ersteller erstellt verantwortlich zeitraum monat auteur responsable période periode mois statut fecha periodo mes estado mese stato data'.split(
    ' ',
  ),
);
/** Words a field's label may hold beside its own ("Account Owner", "Customer Success Manager"). */
const FIELD_OF = new Set(['account', 'customer', 'client', 'success', 'health', 'kunden']);
const fieldLabel = (text: string) => {
  const words = text
    .toLowerCase()
    .split(/[\s./#()-]+/u)
    .filter(Boolean);
  if (!words.length || words.length > 4 || !words.some((w) => FIELD_WORDS.has(w))) return false;
  return words.every((w) => FIELD_WORDS.has(w) || FIELD_OF.has(w) || /^\d+$/.test(w));
};
/** The words that make a text a workbook's title, in English (one list: NOT_A_NAME and TITLE_WORD read it). */
const TITLE_WORDS = 'kpis?|scorecards?|report|review|qbr|ebr|dashboard|summary|overview|metrics|tracker';
/**
 * Words that make a text a title of the workbook rather than a name (English, and the same in
 * those languages), a document's state ("Draft", "Confidential") and a fiscal period ("FY2025",
 * "Q3 25", "H1 2025").
 */
const NOT_A_NAME = new RegExp(
  `\\b(${TITLE_WORDS}|health score|prepared|data as of|as of|draft|confidential|internal)\\b|` +
    String.raw`\b(fy|q[1-4]|h[12])\s?'?\d{2,4}\b|(?<!\p{L})(kennzahlen|kennzahl|übersicht|bericht|auswertung|indicateurs|tableau de bord|rapport|synthèse|informe|indicadores|cuadro de mando|resumen|relatório|indicatori|rapporto|cruscotto|overzicht|rapportage|entwurf|vertraulich|brouillon|confidentiel|borrador|confidencial|bozza|riservato|vertrouwelijk)(?!\p{L})`,
  'iu',
);

/** A part of a title that dates it: a month ("Sep 2025", "Q3 2025", "données au 30/09/2025") or a year ("FY2025"). */
const dated = (part: string) => monthMentions(part).length > 0 || /(?<!\d)(19|20)\d{2}(?!\d)/.test(part);

function clean(part: string): string {
  return part
    .replace(/^[\s"'“”‘’]+|[\s"'“”‘’]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The default categories' names, normalised: no title names an account after one of them. */
const DEFAULT_CATEGORIES = new Set(Object.keys(DEFAULT_CATEGORY_WEIGHTS).map(normalizeName));

/** A name that can be an account's: letters, not too long, no title's words, no month, no category's name. */
function plausibleName(name: string, categories: string[]): boolean {
  if (!name || name.length > 80 || !/\p{L}/u.test(name)) return false;
  if (NOT_A_NAME.test(name) || monthMentions(name).length > 0) return false;
  const key = normalizeName(name);
  return !categories.some((c) => normalizeName(c) === key) && !DEFAULT_CATEGORIES.has(key);
}

/** Words a title ends with after the account's name ("Initech KPI Scorecard", "Globex Analytics QBR"). */
const TITLE_TAIL = new Set(
  'kpi kpis scorecard scorecards score scores health report review qbr ebr dashboard summary overview metrics tracker quarterly monthly weekly annual business customer success account'.split(
    ' ',
  ),
);
/** A title's word anywhere in a text ("Customer Health Scorecard"). */
const TITLE_WORD_IN = new RegExp(`\\b(${TITLE_WORDS})\\b`, 'i');
/** The words of which a title's tail has one at least (not "Globex Business" alone). */
const TITLE_WORD = new RegExp(`^(${TITLE_WORDS})$`);
/**
 * Words that are no account's name on their own ("Quarterly KPI Report", "Customer Health
 * Scorecard", "Sales KPI Report", "EMEA Portfolio Review"): a team's, a function's, a region's.
 */
const GENERIC = new Set([
  ...TITLE_TAIL,
  ...'portfolio executive client clients team company our the my cs csm sales marketing support product finance operations service services renewal renewals adoption engagement onboarding global regional emea apac amer latam enterprise smb'.split(
    ' ',
  ),
]);

/**
 * The name before the words that close a title ("Initech" of "Initech KPI Scorecard", "Globex
 * Analytics" of "Globex Analytics's QBR"), or null: no such words, or nothing but generic words
 * before them ("Quarterly KPI Report", "Customer Health Scorecard").
 */
function nameBeforeTitleWords(text: string): string | null {
  const words = undated(text).split(' ');
  const bare = (w: string) => w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  let end = words.length;
  let titled = false;
  for (; end > 0; end--) {
    const w = bare(words[end - 1]);
    if (!TITLE_TAIL.has(w)) break;
    titled ||= TITLE_WORD.test(w);
  }
  const rest = words.slice(0, end);
  if (!titled || !rest.some((w) => /\p{L}{3}/u.test(w) && !GENERIC.has(bare(w)))) return null;
  return clean(rest.join(' ').replace(/['’]s$/u, ''));
}

/** A title without the date it ends with ("Globex Scorecard Q3 2025" is "Globex Scorecard"). */
function undated(text: string): string {
  const last = monthMentions(text).at(-1);
  const cut = last && !/\p{L}|\d/u.test(text.slice(last.end)) ? text.slice(0, last.at) : text;
  return cut.replace(/[\s,(–—-]+(?:fy\s?'?)?(?:19|20)\d{2}\)?$/iu, '').replace(/[\s,(–—-]+$/u, '');
}

/** Words after "for" or a colon that name a document's state or its readers, not an account. */
const NOT_AFTER = new Set(
  'final template example sample copy accounts customers clients board management leadership internal external below above use update updates monthly weekly quarterly annual'.split(
    ' ',
  ),
);
/**
 * A name as it follows a title's words: written as a name (a capital or a digit first) with a word
 * of its own (three letters, not a title's, a team's or a document's word).
 */
const ownName = (name: string) =>
  /^[\p{Lu}\p{N}]/u.test(name) &&
  name.split(/\s+/).some((w) => {
    const bare = w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
    return /\p{L}{3}/u.test(bare) && !GENERIC.has(bare) && !NOT_AFTER.has(bare) && !FIELD_WORDS.has(bare);
  });
/** Written as a company's name: each word of four letters or more begins with a capital ("Bank of America"). */
const titleCase = (name: string) => name.split(/\s+/).every((w) => !/^\p{L}{4}/u.test(w) || /^\p{Lu}/u.test(w));

/**
 * The name a title's words point to after them, as a person reads "KPI Scorecard for Globex
 * Analytics" or "Customer Health Scorecard: Globex Analytics" (title words, then "for" or a colon,
 * then a name); null for anything else ("Report for September 2025", "KPI Report: Draft",
 * "Scorecard: Updated").
 */
function nameAfterTitleWords(text: string, categories: string[]): string | null {
  const m = /^(.*?)(?:\s+for\s+|\s*:\s*)(.+)$/iu.exec(text);
  if (!m || !NOT_A_NAME.test(m[1]) || nameBeforeTitleWords(m[1]) !== null) return null;
  const name = clean(undated(m[2]));
  if (!name || fieldLabel(name) || LABEL.test(name) || !ownName(name)) return null;
  return plausibleName(name, categories) ? name : null;
}

/**
 * The account name in the first title text, or null when it names none: no separator, nothing
 * before it, a category's or sheet's name, a month, or a title's words ("KPIs", "Scorecard").
 * The text before the first separator, or after a label ("Account: Hooli"); where that text
 * holds a title's words, the name before them ("Initech KPI Scorecard", with or without a
 * separator after it), else, where a date follows the next part, the part between, as a person
 * reads "KPI Dashboard — Globex — Sep 2025" or "Tableau de bord — Société Générale — données au
 * 30/09/2025" (a title with no date after it, "KPI scorecard — Globex", names none: its second
 * part can as well be a subtitle).
 */
export function accountNameInTitle(firstTitle: string | undefined, categories: string[]): string | null {
  if (!firstTitle) return null;
  const after = nameAfterTitleWords(firstTitle.split(PART_SEPARATOR)[0], categories);
  if (after) return after;
  const parts = firstTitle.split(SEPARATOR).map(clean);
  let name: string | null = parts[0];
  if (parts.length > 1 && LABEL.test(name)) name = parts[1];
  else if (fieldLabel(name)) name = null;
  else if (NOT_A_NAME.test(name)) name = nameBeforeTitleWords(name) ?? (parts.slice(2).some(dated) ? parts[1] : null);
  else if (parts.length < 2) name = null;
  return name && plausibleName(name, categories) ? name : null;
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
  if (name) return { name, title: titles[0] };
  return nameAboveOrBelowTitle(titles, categories);
}

/**
 * A name alone on one of the first two title rows, the workbook's title on another of the first
 * three, as a hand-kept scorecard has them ("Globex Analytics" over "Customer Health Scorecard",
 * under it, or over a date line and the title): the name written as one (ownName, titleCase), of
 * at most five words, no separator, no digit; the title made of a title's words with no name of
 * its own in it.
 */
function nameAboveOrBelowTitle(titles: string[], categories: string[]): { name: string; title: string } | null {
  const rows = titles.slice(0, 3).map(clean);
  const isTitle = (t: string) => NOT_A_NAME.test(t) && TITLE_WORD_IN.test(t) && !accountNameInTitle(t, categories);
  const bareName = (t: string) =>
    !SEPARATOR.test(t) &&
    !/\d/.test(t) &&
    t.split(' ').length <= 5 &&
    ownName(t) &&
    titleCase(t) &&
    !fieldLabel(t) &&
    !LABEL.test(t) &&
    plausibleName(t, categories);
  const name = rows.slice(0, 2).find((t) => t && bareName(t));
  return name && rows.some((t) => t && t !== name && isTitle(t)) ? { name, title: name } : null;
}
