/**
 * Transport for the browser preview. A call that carries bytes (a workbook) goes as one binary
 * body (packCall); anything else as JSON, where bytes travel as { $bytes: base64 } (the answers,
 * such as a saved original file). Electron's IPC clones Uint8Array natively and needs neither.
 */
const toBase64 = (bytes: Uint8Array): string => {
  if (typeof Buffer !== 'undefined')
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};
const fromBase64 = (b64: string): Uint8Array => {
  if (typeof Buffer !== 'undefined') return new Uint8Array(Buffer.from(b64, 'base64'));
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
};

/** The value with every Uint8Array in it replaced by what `replace` makes of it. */
function replaceBytes(value: unknown, replace: (bytes: Uint8Array) => unknown): unknown {
  if (value instanceof Uint8Array) return replace(value);
  if (Array.isArray(value)) return value.map((v) => replaceBytes(v, replace));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = replaceBytes(v, replace);
    return out;
  }
  return value;
}

/**
 * The value with every { [key]: x } object in it (the key alone in its object) replaced by the
 * bytes restore(x) gives; an object for which it gives undefined is kept as it is.
 */
function restoreBytes(value: unknown, key: string, restore: (x: unknown) => Uint8Array | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => restoreBytes(v, key, restore));
  if (value && typeof value === 'object') {
    const rec = value as Record<string, unknown>;
    const bytes = key in rec && Object.keys(rec).length === 1 ? restore(rec[key]) : undefined;
    if (bytes) return bytes;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rec)) out[k] = restoreBytes(v, key, restore);
    return out;
  }
  return value;
}

export function encodeBytes(value: unknown): unknown {
  return replaceBytes(value, (bytes) => ({ $bytes: toBase64(bytes) }));
}

export function decodeBytes(value: unknown): unknown {
  return restoreBytes(value, '$bytes', (b64) => (typeof b64 === 'string' ? fromBase64(b64) : undefined));
}

/** The content type of a call sent as a binary body (packCall). */
export const BINARY_CALL = 'application/vnd.kpi.call';

/**
 * A call as a binary body, without turning its bytes into text on the page's thread: the length
 * of the JSON in bytes and a newline, the JSON with each Uint8Array replaced by
 * { $part: [offset, length] }, then the bytes themselves. Null when the call carries no bytes.
 */
export function packCall(value: unknown): Array<string | Uint8Array> | null {
  const parts: Uint8Array[] = [];
  let offset = 0;
  const json = JSON.stringify(
    replaceBytes(value, (bytes) => {
      parts.push(bytes);
      offset += bytes.byteLength;
      return { $part: [offset - bytes.byteLength, bytes.byteLength] };
    }),
  );
  if (!parts.length) return null;
  return [`${new TextEncoder().encode(json).byteLength}\n`, json, ...parts];
}

/** The call packed by packCall, its bytes as views into `body`; throws on a malformed body. */
export function unpackCall(body: Uint8Array): unknown {
  const newline = body.indexOf(0x0a);
  const head = new TextDecoder().decode(body.subarray(0, newline));
  if (newline < 1 || !/^\d+$/.test(head)) throw new Error('Expected the length of the JSON');
  const start = newline + 1 + Number(head);
  if (start > body.byteLength) throw new Error('The JSON is cut short');
  const json = JSON.parse(new TextDecoder().decode(body.subarray(newline + 1, start)));
  return restoreBytes(json, '$part', (part) => {
    const [at, length] = Array.isArray(part) ? part : [];
    if (
      !Number.isInteger(at) ||
      !Number.isInteger(length) ||
      at < 0 ||
      length < 0 ||
      start + at + length > body.byteLength
    )
      throw new Error('A part lies outside the body');
    return new Uint8Array(body.buffer, body.byteOffset + start + at, length);
  });
}
