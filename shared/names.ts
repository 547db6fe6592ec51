/**
 * The one rule for comparing KPI, category and account names (shared/spec/scoring.md, section 1):
 * trim, collapse inner white space to one space, compare case-insensitively with Unicode case
 * folding. Scoring, the importer (duplicate rows, account matching) and the playbooks (KPI values
 * by name) all use this function, so a name that matches in one place matches in all.
 *
 * JS has no `casefold`; the key is built so that two names get the same key exactly when their
 * full case folds (Unicode CaseFolding.txt, statuses C and F, as Python's `str.casefold`) are equal:
 * - `toUpperCase().toLowerCase()` applies the full folds that `toLowerCase` alone misses
 *   (`ß` -> `ss`, `ŉ` -> `ʼn`, `ﬁ` -> `fi`, `ſ` -> `s`, Greek symbol forms `ϐ` -> `β`, ...); both
 *   calls are locale-independent, so main process and renderer agree;
 * - two corrections where that round trip merges or splits differently from case folding: the
 *   dotless `ı` folds to itself (the round trip would make it `i`), and capital `ẞ` folds to `ss`
 *   like `ß` (the round trip would stop at `ß`);
 * - the Greek final sigma: `σ` and `ς` fold alike, and the round trip writes either as `ς` at the
 *   end of a word and `σ` elsewhere, so the same names match.
 * Canonically equivalent spellings (`é` as one code point or as `e` + combining accent) look the
 * same on screen and are the same name: the key is in NFC. Compatibility forms that look different
 * (full-width letters, ligatures written as such, superscripts) are different names, as in the spec.
 */
export function normalizeName(s: string): string {
  let n = CACHE.get(s);
  if (n === undefined) {
    n = s.normalize('NFC').replace(SPACE_RUN, ' ').trim();
    n = n.includes('\u0131') ? n.split('\u0131').map(fold).join('\u0131') : fold(n);
    // The same few hundred KPI and category names come back millions of times in a re-score.
    if (CACHE.size >= 20_000) CACHE.clear();
    CACHE.set(s, n);
  }
  return n;
}

/** The words of a name, by the name rule (letters and digits; anything else separates them). */
export const nameWords = (s: string): string[] =>
  normalizeName(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Any run of Unicode white space (`\s`: spaces, tabs, line breaks, no-break and other Unicode spaces). */
const SPACE_RUN = /\s+/g;

function fold(s: string): string {
  return s.toUpperCase().toLowerCase().replace(/ß/g, 'ss').normalize('NFC');
}

const CACHE = new Map<string, string>();
