/**
 * A small XML tokenizer for the parts of an xlsx the importer reads: one linear pass over the
 * text, no backtracking patterns, no recursion (nesting depth costs nothing). Start tags, end
 * tags and text runs are reported; comments, processing instructions and DOCTYPEs are skipped;
 * CDATA is reported as text. Malformed input (an unclosed tag) ends the pass.
 */

export type XmlHandler = {
  /** a start tag (or empty-element tag when `selfClosing`); `name` without its namespace prefix */
  open(name: string, tag: string, selfClosing: boolean): void;
  close(name: string): void;
  /** raw text (entities not yet decoded), or decoded CDATA when `cdata` */
  text(raw: string, cdata: boolean): void;
  /**
   * Optional: a reading of a whole element starting at `at` (its '<'), for a handler that reads
   * its most frequent element faster than event by event. Returns the index just past the element
   * when it read it, or -1 (nothing done) to have it read event by event as any other.
   */
  element?(xml: string, at: number): number;
};

/** The local name of a tag starting at `from` (after '<' or '</'). */
function tagName(xml: string, from: number): string {
  let i = from;
  let colon = -1;
  const n = xml.length;
  while (i < n) {
    const c = xml.charCodeAt(i);
    // whitespace, '/', '>'
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62) break;
    if (c === 58) colon = i;
    i++;
  }
  return xml.slice(colon >= 0 ? colon + 1 : from, i);
}

/** The index of the '>' ending a tag that starts at `from`, quotes respected; -1 when none. */
export function tagEnd(xml: string, from: number): number {
  let quote = 0;
  const n = xml.length;
  for (let i = from; i < n; i++) {
    const c = xml.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
  }
  return -1;
}

/**
 * Where a pass over partial text stopped: at `at` begins a construct that is not complete yet (its
 * end `term` searched from `from`: '<' ending a text run, '>' an end tag, 'tag' a '>' outside
 * quotes, or the sequence ending a comment, CDATA section or processing instruction; 'more': too
 * few characters to tell what the construct is).
 */
export type XmlPause = { at: number; from: number; term: '<' | '>' | 'tag' | '-->' | ']]>' | '?>' | 'more' };

/**
 * Runs the handler over the XML text in one pass. With `final` false the text is a prefix of the
 * document: the pass stops at the first construct it cannot complete and says where (see
 * xml-stream.ts); with `final` true (the whole document) malformed input ends the pass, and null
 * is returned.
 */
export function scanXmlFrom(xml: string, h: XmlHandler, final: boolean): XmlPause | null {
  let i = 0;
  const n = xml.length;
  const pause = (at: number, from: number, term: XmlPause['term']) => (final ? null : { at, from, term });
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      if (!final) return { at: i, from: n, term: '<' };
      if (i < n) h.text(xml.slice(i), false);
      return null;
    }
    if (lt > i) h.text(xml.slice(i, lt), false);
    // Nine characters tell '<![CDATA[' from any other start; the document's end tells it too.
    if (!final && n - lt < 9) return { at: lt, from: lt, term: 'more' };
    const next = xml.charCodeAt(lt + 1);
    if (next === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const e = xml.indexOf('-->', lt + 4);
        if (e < 0) return pause(lt, lt + 4, '-->');
        i = e + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const e = xml.indexOf(']]>', lt + 9);
        if (e < 0) return pause(lt, lt + 9, ']]>');
        h.text(xml.slice(lt + 9, e), true);
        i = e + 3;
      } else {
        const e = tagEnd(xml, lt + 2);
        if (e < 0) return pause(lt, lt + 2, 'tag');
        i = e + 1;
      }
      continue;
    }
    if (next === 63 /* ? */) {
      const e = xml.indexOf('?>', lt + 2);
      if (e < 0) return pause(lt, lt + 2, '?>');
      i = e + 2;
      continue;
    }
    if (next === 47 /* / */) {
      const e = xml.indexOf('>', lt + 2);
      if (e < 0) return pause(lt, lt + 2, '>');
      h.close(tagName(xml, lt + 2));
      i = e + 1;
      continue;
    }
    if (h.element) {
      const end = h.element(xml, lt);
      if (end > 0) {
        i = end;
        continue;
      }
    }
    const e = tagEnd(xml, lt + 1);
    if (e < 0) return pause(lt, lt + 1, 'tag');
    const name = tagName(xml, lt + 1);
    const selfClosing = xml.charCodeAt(e - 1) === 47;
    h.open(name, xml.slice(lt, e + 1), selfClosing);
    if (selfClosing) h.close(name);
    i = e + 1;
  }
  return final ? null : { at: n, from: n, term: 'more' };
}

/** Runs the handler over the XML text in one pass. */
export function scanXml(xml: string, h: XmlHandler): void {
  scanXmlFrom(xml, h, true);
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML entities (and leaves unknown ones as they are); linear in the text. */
export function decodeEntities(s: string): string {
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = s.indexOf(';', amp + 1);
    if (semi < 0 || semi - amp > 12) {
      amp = s.indexOf('&', amp + 1);
      continue;
    }
    const body = s.slice(amp + 1, semi);
    let rep: string | undefined;
    if (body.charCodeAt(0) === 35 /* # */) {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      if (Number.isInteger(code) && code >= 0 && code <= 0x10ffff) rep = String.fromCodePoint(code);
    } else rep = NAMED[body];
    if (rep !== undefined) {
      out += s.slice(from, amp) + rep;
      from = semi + 1;
    }
    amp = s.indexOf('&', rep !== undefined ? semi + 1 : amp + 1);
  }
  return out + s.slice(from);
}

/** The decoded value of an attribute in a start tag (`name` as the local name, any prefix), or undefined. */
export function attr(tag: string, name: string): string | undefined {
  ONE_NAME[0] = name;
  attrs(tag, ONE_NAME, ONE_VALUE);
  return ONE_VALUE[0];
}
const ONE_NAME = [''];
const ONE_VALUE: Array<string | undefined> = [undefined];

/**
 * The values of several attributes of a start tag in one walk over it: `out[k]` is what
 * attr(tag, names[k]) gives (the first attribute of that name; nothing past a malformed value).
 */
export function attrs(tag: string, names: readonly string[], out: Array<string | undefined>): void {
  let missing = names.length;
  for (let k = 0; k < names.length; k++) out[k] = undefined;
  // Walks the attributes one by one: name, '=', quoted value.
  let i = 1;
  const n = tag.length;
  while (i < n && !isSpace(tag.charCodeAt(i)) && tag.charCodeAt(i) !== 62 && tag.charCodeAt(i) !== 47) i++;
  while (missing > 0) {
    while (i < n && isSpace(tag.charCodeAt(i))) i++;
    if (i >= n) return;
    const c = tag.charCodeAt(i);
    if (c === 62 || c === 47) return;
    const start = i;
    while (i < n && tag.charCodeAt(i) !== 61 && !isSpace(tag.charCodeAt(i)) && tag.charCodeAt(i) !== 62) i++;
    const full = tag.slice(start, i);
    while (i < n && isSpace(tag.charCodeAt(i))) i++;
    if (tag.charCodeAt(i) !== 61) continue;
    i++;
    while (i < n && isSpace(tag.charCodeAt(i))) i++;
    const q = tag.charCodeAt(i);
    if (q !== 34 && q !== 39) return;
    const close = tag.indexOf(q === 34 ? '"' : "'", i + 1);
    if (close < 0) return;
    const colon = full.indexOf(':');
    const local = colon >= 0 ? full.slice(colon + 1) : full;
    for (let k = 0; k < names.length; k++) {
      const name = names[k];
      if (out[k] !== undefined) continue;
      if (full === name || (colon >= 0 && local === name && full.slice(0, colon) !== 'xml')) {
        out[k] = decodeEntities(tag.slice(i + 1, close));
        missing--;
      }
    }
    i = close + 1;
  }
}

/** XML whitespace: space, tab, line feed, carriage return. */
export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
