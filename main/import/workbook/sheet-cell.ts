/**
 * A worksheet's cell element read in one go, straight from the text: the reference, type and
 * style attributes, a formula and a value. A worksheet is mostly cells, and reading each one as
 * five tokenizer events (open c, open v, text, close v, close c) with their tag strings and
 * attribute walks was most of the reading's time.
 *
 * Only the plain shape is read here: `<c r="B2" s="3" t="s"><f>…</f><v>…</v></c>` (attributes in
 * any order, each once, others skipped; `<c …/>`; `<v/>` and `<f …/>`; whitespace between the
 * children). Anything else (a namespace prefix, an inline string, CDATA, a comment, an attribute
 * written with spaces around '=', a reference that is not letters then digits, an element cut off
 * at the end of the text read so far) gives -1 and is read event by event by the handler, which
 * gives the same cell: the differential tests compare the two readings.
 */
import { decodeEntities, isSpace, tagEnd } from './xml';

/** What a cell element holds, as the event-by-event reading would collect it. */
export type CellParts = {
  /** 0 when the element has no `r` attribute */
  col: number;
  row: number;
  /** the `t` attribute as written, 'n' when there is none */
  type: string;
  style: number;
  v: string | null;
  /**
   * The value as a number when it is written as a plain decimal ("-12.5", at most 15 digits) in a
   * number or shared-string cell, `v` then being null; NaN otherwise.
   */
  num: number;
  f: string | null;
};

const isDigit = (c: number) => c >= 48 && c <= 57;

/** The reference "AB12" (letters, then digits, nothing else) into out.col and out.row; false for any other. */
function readRef(xml: string, from: number, to: number, out: CellParts): boolean {
  let i = from;
  let col = 0;
  while (i < to) {
    const c = xml.charCodeAt(i) & ~32;
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
    i++;
  }
  if (i === from || i === to || to - i > 9) return false;
  let row = 0;
  for (; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (!isDigit(c)) return false;
    row = row * 10 + (c - 48);
  }
  out.col = col;
  out.row = row;
  return true;
}

/** The attributes of `<c` from `i` (past its name): the index past the tag's '>' (negated when `/>`), or 0. */
function readAttributes(xml: string, i: number, out: CellParts): number {
  const n = xml.length;
  let seen = 0;
  for (;;) {
    while (i < n && isSpace(xml.charCodeAt(i))) i++;
    if (i >= n) return 0;
    let c = xml.charCodeAt(i);
    if (c === 62) return i + 1;
    if (c === 47) return xml.charCodeAt(i + 1) === 62 ? -(i + 2) : 0;
    const nameStart = i;
    while (i < n) {
      c = xml.charCodeAt(i);
      // '=', whitespace, '>', '/', ':', quotes
      if (c === 61 || isSpace(c) || c === 62 || c === 47 || c === 58 || c === 34 || c === 39) break;
      i++;
    }
    if (c !== 61 || i === nameStart) return 0;
    const nameLength = i - nameStart;
    const q = xml.charCodeAt(i + 1);
    if (q !== 34 && q !== 39) return 0;
    const from = i + 2;
    const to = xml.indexOf(q === 34 ? '"' : "'", from);
    if (to < 0) return 0;
    i = to + 1;
    // r, t and s are read; any other attribute is skipped
    if (nameLength !== 1) continue;
    const name = xml.charCodeAt(nameStart);
    if (name === 114 /* r */) {
      if (seen & 1 || !readRef(xml, from, to, out)) return 0;
      seen |= 1;
    } else if (name === 116 /* t */) {
      if (seen & 2) return 0;
      seen |= 2;
      out.type = xml.slice(from, to);
      if (out.type.includes('&')) return 0;
    } else if (name === 115 /* s */) {
      if (seen & 4 || to === from || to - from > 6) return 0;
      seen |= 4;
      let style = 0;
      for (let k = from; k < to; k++) {
        const d = xml.charCodeAt(k);
        if (!isDigit(d)) return 0;
        style = style * 10 + (d - 48);
      }
      out.style = style;
    }
  }
}

/** 10 to the powers 0 to 15: each exact, as is any integer of at most 15 digits. */
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * A plain decimal written from `from` to `to` ("45", "-0.125", "1200000"): its number, NaN for
 * any other text (spaces, an exponent, a '+', more than 15 digits). With at most 15 digits both
 * the digits as an integer and the power of ten are exact doubles, so their quotient is the
 * correctly rounded value of the decimal, the number Number() gives for the same text.
 */
function plainDecimal(xml: string, from: number, to: number): number {
  let i = from;
  const negative = xml.charCodeAt(i) === 45; /* - */
  if (negative) i++;
  let digits = 0;
  let m = 0;
  let point = -1;
  for (; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (isDigit(c)) {
      m = m * 10 + (c - 48);
      digits++;
    } else if (c === 46 /* . */ && point < 0) point = i;
    else return Number.NaN;
  }
  if (digits === 0 || digits > 15 || point === to - 1) return Number.NaN;
  const n = point < 0 ? m : m / POW10[to - point - 1];
  return negative ? -n : n;
}

/** Where the text of `<v>` or `<f>` from `from` ends: the index of its end tag `end` (`</v>`, `</f>`), or -1 when something else comes first. */
function textEnd(xml: string, from: number, end: string): number {
  const lt = xml.indexOf('<', from);
  return lt >= 0 && xml.startsWith(end, lt) ? lt : -1;
}

/**
 * Reads the cell element whose '<' is at `at` into `out`: the index just past it, or -1 when it
 * is not of the plain shape (or not complete in `xml`), `out` then being of no use.
 */
export function readCell(xml: string, at: number, out: CellParts): number {
  if (xml.charCodeAt(at + 1) !== 99 /* c */) return -1;
  const next = xml.charCodeAt(at + 2);
  if (!isSpace(next) && next !== 62 && next !== 47) return -1;
  out.col = 0;
  out.row = 0;
  out.type = 'n';
  out.style = 0;
  out.v = null;
  out.num = Number.NaN;
  out.f = null;
  const body = readAttributes(xml, at + 2, out);
  if (body === 0) return -1;
  if (body < 0) return -body;
  const n = xml.length;
  let i = body;
  for (;;) {
    while (i < n && isSpace(xml.charCodeAt(i))) i++;
    if (xml.charCodeAt(i) !== 60 /* < */) return -1;
    const c1 = xml.charCodeAt(i + 1);
    const c2 = xml.charCodeAt(i + 2);
    if (c1 === 47 /* / */) return c2 === 99 && xml.charCodeAt(i + 3) === 62 ? i + 4 : -1;
    // one <v> only (num is NaN until a value is read as a number)
    if (c1 === 118 /* v */ && out.v === null && Number.isNaN(out.num)) {
      if (c2 === 47 && xml.charCodeAt(i + 3) === 62) {
        out.v = '';
        i += 4;
        continue;
      }
      if (c2 !== 62) return -1;
      const lt = textEnd(xml, i + 3, '</v>');
      if (lt < 0) return -1;
      // A number or a shared string's index, read without making its text.
      const num = out.type === 'n' || out.type === 's' ? plainDecimal(xml, i + 3, lt) : Number.NaN;
      if (!Number.isNaN(num)) out.num = num;
      else out.v = decodeEntities(xml.slice(i + 3, lt));
      i = lt + 4;
    } else if (c1 === 102 /* f */ && out.f === null && (c2 === 62 || c2 === 47 || isSpace(c2))) {
      const e = tagEnd(xml, i + 2);
      if (e < 0) return -1;
      if (xml.charCodeAt(e - 1) === 47) {
        out.f = '';
        i = e + 1;
        continue;
      }
      const lt = textEnd(xml, e + 1, '</f>');
      if (lt < 0) return -1;
      out.f = decodeEntities(xml.slice(e + 1, lt));
      i = lt + 4;
    } else return -1;
  }
}
