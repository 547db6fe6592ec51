import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeName } from '../../../shared/names';

/** Python's casefold of every code point whose fold or upper-lower round trip is not itself (Unicode 14). */
const table = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../fixtures/scoring/casefold.json'), 'utf8')) as {
  unicode: string;
  folds: Record<string, string>;
};

describe('name matching (scoring.md section 1)', () => {
  it.each([
    ['  QBR ATTENDANCE RATE ', 'QBR Attendance Rate'],
    ['NPS\u00a0 \t Score\n', 'nps score'], // no-break space, tab, newline collapse to one space
    ['Straße', 'STRASSE'], // full case folding: ß -> ss
    ['STRAẞE', 'strasse'], // capital sharp s folds to ss too
    ['ΌΣΟΣ', 'όσοσ'], // final and non-final sigma fold alike
    ['Cafe\u0301', 'Café'], // the same text, decomposed or composed
  ])('%j matches %j', (a, b) => {
    expect(normalizeName(a)).toBe(normalizeName(b));
  });

  it.each([
    ['ＮＰＳ Score', 'NPS Score'], // full-width letters are other characters, not another case
    ['Vısıt Rate', 'Visit Rate'], // dotless ı folds to itself
    ['NPS Score', 'NPSScore'],
  ])('%j does not match %j', (a, b) => {
    expect(normalizeName(a)).not.toBe(normalizeName(b));
  });

  it('is the one rule for scoring, the importer and the playbooks', () => {
    for (const s of ['  Churn  RISK score', 'Straße', 'Vısıt', 'ΌΣΟΣ']) {
      expect(normalizeName(s)).toBe(normalizeName(s));
      expect(normalizeName(s)).toBe(normalizeName(s));
    }
  });

  it(`puts code points in the same classes as Unicode full case folding of the NFC text (${table.unicode})`, () => {
    // Case folding of canonically equivalent text (normalizeName keys are in NFC: `ά` written with
    // tonos or with oxia is the same letter on screen).
    const foldCp = (c: string) => table.folds[(c.codePointAt(0) as number).toString(16)] ?? c;
    const fold = (s: string) => Array.from(s.normalize('NFC'), foldCp).join('').normalize('NFC');
    const domain = Object.keys(table.folds).map((h) => String.fromCodePoint(Number.parseInt(h, 16)));
    // Every class of the case fold is one class of ours, and no two of its classes share our key.
    const ourKeyOfFold = new Map<string, string>();
    const foldOfOurKey = new Map<string, string>();
    const faults: string[] = [];
    for (const c of domain) {
      const f = fold(c);
      const k = normalizeName(c);
      const seenKey = ourKeyOfFold.get(f);
      if (seenKey !== undefined && seenKey !== k) faults.push(`${c} splits the class of ${f}`);
      ourKeyOfFold.set(f, k);
      const seenFold = foldOfOurKey.get(k);
      if (seenFold !== undefined && seenFold !== f) faults.push(`${c} merges ${f} with ${seenFold}`);
      foldOfOurKey.set(k, f);
    }
    expect(faults).toEqual([]);
    expect(domain.length).toBeGreaterThan(1500);
  });
});
