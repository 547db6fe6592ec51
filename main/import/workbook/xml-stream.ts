/**
 * The tokenizer of ./xml.ts fed a part chunk by chunk as it is inflated, so that no part is ever
 * held as one string. Each chunk is read as far as its last complete construct; the rest waits
 * for the next chunk. The handler sees exactly the events scanXml gives over the whole text.
 *
 * A construct spanning chunks (a long text run, an unclosed tag or comment) is searched for its
 * end in each new chunk only, with what the search needs carried over (the quote a tag is in, the
 * last characters of a '-->'), and read once it is complete: the pass stays linear however long
 * the construct is, and no pattern ever runs over the part's text.
 */
import { StringDecoder } from 'node:string_decoder';
import { scanXmlFrom, type XmlHandler, type XmlPause } from './xml';

type Search = (text: string) => boolean;

/** A search for the end of a construct, fed its text piece by piece: true once the end is seen. */
function searchFor(term: Exclude<XmlPause['term'], 'more'>): Search {
  if (term === '<' || term === '>') return (text) => text.includes(term);
  if (term === 'tag') {
    // A '>' outside single or double quotes (as tagEnd in ./xml.ts).
    let quote = 0;
    return (text) => {
      const n = text.length;
      for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 34 || c === 39) quote = c;
        else if (c === 62) return true;
      }
      return false;
    };
  }
  // '-->', ']]>' or '?>': the last characters seen are kept, in case the sequence is split.
  let tail = '';
  return (text) => {
    const s = tail + text;
    if (s.includes(term)) return true;
    tail = s.slice(-(term.length - 1));
    return false;
  };
}

export class XmlStream {
  private readonly decoder = new StringDecoder('utf8');
  /** The text not read yet, from the start of the construct that is not complete. */
  private pending = '';
  /** Chunks that came while `search` looked for the end of that construct. */
  private waiting: string[] = [];
  private search: Search | null = null;

  constructor(private readonly h: XmlHandler) {}

  /** The next bytes (UTF-8, a character may be split between chunks) or text of the part. */
  write(chunk: Uint8Array | string): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk as Buffer);
    if (!text) return;
    if (this.search) {
      this.waiting.push(text);
      if (!this.search(text)) return;
      this.search = null;
      this.pending += this.waiting.join('');
      this.waiting = [];
    } else this.pending += text;
    const pause = scanXmlFrom(this.pending, this.h, false) as XmlPause;
    if (pause.term !== 'more') {
      this.search = searchFor(pause.term);
      this.search(this.pending.slice(pause.from));
    }
    this.pending = this.pending.slice(pause.at);
  }

  /** The end of the part: what is left is read as scanXml reads the end of a text. */
  end(): void {
    const text = this.pending + this.waiting.join('') + this.decoder.end();
    this.pending = '';
    this.waiting = [];
    this.search = null;
    scanXmlFrom(text, this.h, true);
  }
}

/** Runs the handler over the text fed in pieces (the tests' way of splitting a part anywhere). */
export function scanXmlChunks(chunks: Iterable<Uint8Array | string>, h: XmlHandler): void {
  const s = new XmlStream(h);
  for (const c of chunks) s.write(c);
  s.end();
}
