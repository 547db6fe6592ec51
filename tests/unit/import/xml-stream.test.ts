/**
 * The streaming tokenizer (main/import/workbook/xml-stream.ts): fed a text in pieces of any size,
 * split anywhere (within a tag, a quoted attribute, a comment's '-->', an entity, a UTF-8
 * character), it gives exactly the events scanXml gives over the whole text; a sheet read as it
 * is inflated is the sheet read whole; an unclosed construct of megabytes is read in linear time.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readSheetXml, sheetReader } from '../../../main/import/workbook/sheet';
import { attr, attrs, decodeEntities, scanXml, type XmlHandler } from '../../../main/import/workbook/xml';
import { scanXmlChunks, XmlStream } from '../../../main/import/workbook/xml-stream';
import { entryData, readZipDirectory } from '../../../main/import/workbook/zip';
import { rng } from '../../helpers/workbooks';
import { SAMPLES } from './helpers';

/** Every event as a line. */
function recorder(): { h: XmlHandler; events: string[] } {
  const events: string[] = [];
  return {
    events,
    h: {
      open: (name, tag, selfClosing) => events.push(`open ${name} ${selfClosing ? '/' : ''}${tag}`),
      close: (name) => events.push(`close ${name}`),
      text: (raw, cdata) => events.push(`${cdata ? 'cdata' : 'text'} ${raw}`),
    },
  };
}

const whole = (xml: string) => {
  const r = recorder();
  scanXml(xml, r.h);
  return r.events;
};

/** The text's UTF-8 bytes cut into pieces of the given sizes (cycled). */
function pieces(bytes: Buffer, sizes: number[]): Buffer[] {
  const out: Buffer[] = [];
  let k = 0;
  for (let i = 0; i < bytes.length; k++) {
    const n = Math.max(1, sizes[k % sizes.length]);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

function streamed(xml: string, sizes: number[]): string[] {
  const r = recorder();
  scanXmlChunks(pieces(Buffer.from(xml, 'utf8'), sizes), r.h);
  return r.events;
}

const CASES = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="x"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="2"><v>45.5</v></c></row></sheetData></worksheet>',
  '<a><!-- a comment with <tags> and -- dashes --><b x=\'1 > 2\' y="a>b"/>text &amp; more &#x263A;<![CDATA[raw <cdata> ]] ]]>tail</a>',
  '<x:sst xmlns:x="s"><x:si><x:t>Café ☕ 日本語 𝄞</x:t><x:rPh><x:t>ignored</x:t></x:rPh></x:si></x:sst>',
  '<!DOCTYPE note [<!ENTITY a "b">]><note a="1"/><?pi with ? marks ?>after',
  'leading text<a>',
  '<a><b', // unclosed tag: the pass ends
  '<a><!-- never closed <b/>',
  '<a><![CDATA[never closed',
  '<a></b',
  '<a><?pi never closed',
  '<a b="unclosed quote>',
  '<',
  '<!',
  '<!-',
  '<![CDA',
  '',
  'only text, no tags',
  '<a>x</a>trailing text',
  `<r>${'<c r="A1"><v>1</v></c>'.repeat(50)}</r>`,
];

describe('XmlStream: the tokenizer fed in pieces', () => {
  it('gives the events scanXml gives over the whole text, whatever the pieces', () => {
    for (const xml of CASES) {
      const expected = whole(xml);
      for (const sizes of [[1], [2], [3], [5, 1, 7], [9], [16], [64], [1_000_000]]) {
        expect(streamed(xml, sizes), `${JSON.stringify(xml)} in pieces of ${sizes}`).toEqual(expected);
      }
    }
  });

  it('splits random texts of tags, quotes, comments and entities at random places the same way', () => {
    const rand = rng(7);
    const bits = [
      '<a>',
      '</a>',
      '<b x="1>2"/>',
      "<c y='\"'>",
      'text',
      '&amp;',
      '<!--',
      '-->',
      '<![CDATA[',
      ']]>',
      '<?',
      '?>',
      '>',
      '"',
      "'",
      '<',
      'é',
      '😀',
      ' ',
    ];
    for (let n = 0; n < 300; n++) {
      let xml = '';
      const len = 1 + Math.floor(rand() * 40);
      for (let i = 0; i < len; i++) xml += bits[Math.floor(rand() * bits.length)];
      const sizes = Array.from({ length: 5 }, () => 1 + Math.floor(rand() * 12));
      expect(streamed(xml, sizes), JSON.stringify(xml)).toEqual(whole(xml));
    }
  });

  it('decodes a UTF-8 character split between two pieces as the whole text decodes it, invalid bytes too', () => {
    const bytes = Buffer.concat([Buffer.from('<t>a€b'), Buffer.from([0xe2, 0x82]), Buffer.from('c</t>')]);
    const r = recorder();
    scanXml(bytes.toString('utf8'), r.h);
    for (let cut = 1; cut < bytes.length; cut++) {
      const s = recorder();
      const stream = new XmlStream(s.h);
      stream.write(bytes.subarray(0, cut));
      stream.write(bytes.subarray(cut));
      stream.end();
      expect(s.events).toEqual(r.events);
    }
  });

  it('reads a sample worksheet fed in odd-sized pieces into the sheet read whole', () => {
    const buf = readFileSync(path.join(SAMPLES, 'acme-rollup-2025-09.xlsx'));
    const sheets = readZipDirectory(buf).entries.filter((e) => /^xl\/worksheets\/.*\.xml$/.test(e.name));
    expect(sheets.length).toBeGreaterThan(0);
    for (const e of sheets) {
      const xml = inflateRawSync(entryData(buf, e));
      const ctx = { shared: ['Account', 'KPI', 'Acme'], formats: [undefined, '0%', 'mmm-yy'], date1904: false };
      const expected = readSheetXml(xml.toString('utf8'), e.name, false, { ...ctx });
      for (const sizes of [[1], [7, 13], [333], [4096]]) {
        const reader = sheetReader(e.name, false, { ...ctx });
        scanXmlChunks(pieces(xml, sizes), reader.handler);
        expect(reader.sheet()).toEqual(expected);
      }
    }
  });

  it('stays linear on constructs of megabytes that span thousands of pieces', () => {
    const big = 4_000_000;
    for (const xml of [
      `<a b="${'x'.repeat(big)}`, // a tag whose quote never closes
      `<!--${'-'.repeat(big)}`, // a comment never closed, all dashes
      `<a>${'t'.repeat(big)}`, // a text run with no tag after it
      `<a>${'<b'.repeat(big / 2)}`, // an unclosed tag, then the rest is inside it
    ]) {
      const bytes = Buffer.from(xml);
      const t0 = performance.now();
      const r = recorder();
      scanXmlChunks(pieces(bytes, [16_384]), r.h);
      expect(performance.now() - t0).toBeLessThan(2_000);
      expect(r.events).toEqual(whole(xml));
    }
  });
});

/** attr as it was written before attrs (one name per walk): the reference. */
function referenceAttr(tag: string, name: string): string | undefined {
  const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
  let i = 1;
  const n = tag.length;
  while (i < n && !isSpace(tag.charCodeAt(i)) && tag.charCodeAt(i) !== 62 && tag.charCodeAt(i) !== 47) i++;
  for (;;) {
    while (i < n && isSpace(tag.charCodeAt(i))) i++;
    if (i >= n) return undefined;
    const c = tag.charCodeAt(i);
    if (c === 62 || c === 47) return undefined;
    const start = i;
    while (i < n && tag.charCodeAt(i) !== 61 && !isSpace(tag.charCodeAt(i)) && tag.charCodeAt(i) !== 62) i++;
    const full = tag.slice(start, i);
    while (i < n && isSpace(tag.charCodeAt(i))) i++;
    if (tag.charCodeAt(i) !== 61) continue;
    i++;
    while (i < n && isSpace(tag.charCodeAt(i))) i++;
    const q = tag.charCodeAt(i);
    if (q !== 34 && q !== 39) return undefined;
    const close = tag.indexOf(q === 34 ? '"' : "'", i + 1);
    if (close < 0) return undefined;
    const colon = full.indexOf(':');
    const local = colon >= 0 ? full.slice(colon + 1) : full;
    if (full === name || (colon >= 0 && local === name && full.slice(0, colon) !== 'xml'))
      return decodeEntities(tag.slice(i + 1, close));
    i = close + 1;
  }
}

describe('attrs: several attributes of a tag in one walk', () => {
  it('gives for each name what one walk per name gives', () => {
    const names = ['r', 't', 's', 'id', 'missing'];
    for (const tag of [
      '<c r="A1" t="s" s="2">',
      '<c s=\'3\' r="B7"/>',
      '<c x:r="C1" xml:t="d" t="n" r="D2">',
      '<c r="A1" r="B2" t = "str" >',
      '<c r="A&amp;1" bare t="b">',
      '<c r="A1" t=unquoted s="1">',
      '<c r="A1" t="unclosed>',
      '<r:c r:id="rId1" id="x">',
      '<c>',
      '<c/>',
    ]) {
      const out: Array<string | undefined> = [];
      attrs(tag, names, out);
      expect(out, tag).toEqual(names.map((n) => referenceAttr(tag, n)));
      for (const n of names) expect(attr(tag, n)).toBe(referenceAttr(tag, n));
    }
    expect(attr('<c r="A1" t="s" s="2">', 's')).toBe('2');
    expect(attr('<c x:r="C1" xml:t="d" t="n">', 't')).toBe('n');
    expect(attr('<c r="A1" t=unquoted s="1">', 's')).toBeUndefined();
  });
});
