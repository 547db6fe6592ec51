/**
 * The .kpiw container (issue 11, point 4): a workspace's rows as gzipped JSON, optionally sealed
 * with a passphrase.
 *
 *   "KPIW" | u8 format version | u32 BE header length | header (JSON, UTF-8) | body
 *
 * The header says what is inside and how it is protected. A plain file's body is the gzipped JSON
 * and the header holds its SHA-256, so a changed byte is refused. An encrypted file's body is
 * AES-256-GCM ciphertext followed by its 16-byte tag, under a key derived with scrypt from the
 * passphrase (random salt and nonce, the parameters in the header); the header is the cipher's
 * additional data, so a changed header byte is refused as well. Only node:crypto and node:zlib.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { AppError } from '../../shared/errors';

const MAGIC = Buffer.from('KPIW', 'ascii');
/**
 * 2: the body is lines of JSON in gzip pieces (export.ts, dump version 2). An app that reads only
 * version 1 (one JSON document) then says the file is from a newer version instead of damaged.
 * Both are read.
 */
const FORMAT_VERSION = 2;
const TAG_BYTES = 16;
/** scrypt's cost: about 0.1 s and 32 MB here, the same order as the sign-in hashes. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
/** A header is a few hundred bytes; anything much larger is not one of ours. */
const MAX_HEADER_BYTES = 64 * 1024;

export interface KpiwHeader {
  format: 'kpiw';
  version: number;
  createdAt: string;
  workspace: string;
  /** Plain files: the body's SHA-256 (hex). */
  sha256?: string;
  /**
   * The compressed lengths of the body's gzip members, in order, when it was written in pieces of
   * whole lines (dump version 2): a reader unpacks one piece at a time.
   */
  pieces?: number[];
  encryption?: {
    cipher: 'aes-256-gcm';
    kdf: 'scrypt';
    N: number;
    r: number;
    p: number;
    salt: string;
    nonce: string;
  };
}

const damaged = (what: string) =>
  new AppError(
    'refused',
    `${what} is not a readable workspace file: it is damaged or was not written by KPI Dashboard.`,
  );

function deriveKey(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Buffer {
  if (params.N > 2 ** 20 || params.r > 32 || params.p > 16) throw damaged('This file');
  return crypto.scryptSync(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem: 256 * params.N * params.r });
}

/**
 * Seals a gzipped body in a .kpiw file; with a passphrase, encrypted. A body of several gzip
 * members in a row gives their compressed lengths as `pieces`.
 */
export function sealWorkspaceBody(body: Buffer, workspace: string, passphrase?: string, pieces?: number[]): Buffer {
  const header: KpiwHeader = {
    format: 'kpiw',
    version: FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    workspace,
    ...(pieces ? { pieces } : {}),
  };
  if (!passphrase) {
    header.sha256 = crypto.createHash('sha256').update(body).digest('hex');
    return frame(header, body);
  }
  const salt = crypto.randomBytes(16);
  const nonce = crypto.randomBytes(12);
  header.encryption = {
    cipher: 'aes-256-gcm',
    kdf: 'scrypt',
    ...SCRYPT,
    salt: salt.toString('base64'),
    nonce: nonce.toString('base64'),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const cipher = crypto.createCipheriv('aes-256-gcm', deriveKey(passphrase, salt, SCRYPT), nonce);
  cipher.setAAD(headerBytes);
  const sealed = Buffer.concat([cipher.update(body), cipher.final(), cipher.getAuthTag()]);
  return frameBytes(headerBytes, sealed);
}

function frame(header: KpiwHeader, body: Buffer): Buffer {
  return frameBytes(Buffer.from(JSON.stringify(header), 'utf8'), body);
}

function frameBytes(headerBytes: Buffer, body: Buffer): Buffer {
  const len = Buffer.alloc(5);
  len.writeUInt8(FORMAT_VERSION, 0);
  len.writeUInt32BE(headerBytes.length, 1);
  return Buffer.concat([MAGIC, len, headerBytes, body]);
}

/** The header and body of a .kpiw file, or one sentence saying it is not one. */
export function readHeader(
  file: Uint8Array,
  name = 'This file',
): { header: KpiwHeader; headerBytes: Buffer; body: Buffer } {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (buf.length < 9 || !buf.subarray(0, 4).equals(MAGIC)) throw damaged(name);
  if (buf.readUInt8(4) > FORMAT_VERSION)
    throw new AppError(
      'refused',
      `${name} was written by a newer version of KPI Dashboard; update the app to open it.`,
    );
  const len = buf.readUInt32BE(5);
  if (len > MAX_HEADER_BYTES || 9 + len > buf.length) throw damaged(name);
  const headerBytes = buf.subarray(9, 9 + len);
  let header: KpiwHeader;
  try {
    header = JSON.parse(headerBytes.toString('utf8'));
  } catch {
    throw damaged(name);
  }
  if (header?.format !== 'kpiw') throw damaged(name);
  return { header, headerBytes, body: buf.subarray(9 + len) };
}

function open(header: KpiwHeader, headerBytes: Buffer, body: Buffer, name: string, passphrase?: string): Buffer {
  const enc = header.encryption;
  if (!enc) {
    if (crypto.createHash('sha256').update(body).digest('hex') !== header.sha256) throw damaged(name);
    return body;
  }
  if (!passphrase) throw new AppError('invalid_input', `${name} is encrypted: give its passphrase to open it.`);
  if (enc.cipher !== 'aes-256-gcm' || enc.kdf !== 'scrypt' || body.length < TAG_BYTES) throw damaged(name);
  const key = deriveKey(passphrase, Buffer.from(enc.salt, 'base64'), enc);
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(enc.nonce, 'base64'));
  decipher.setAAD(headerBytes);
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new AppError(
      'refused',
      `${name} could not be opened: the passphrase is wrong or the file was changed since it was written.`,
    );
  }
}

/**
 * The unpacked body of a .kpiw file (UTF-8 JSON: one document, or lines of it), piece by piece
 * where it was written in pieces (one piece otherwise); a wrong passphrase or a changed byte is one
 * sentence, before any piece is given. Bytes, one piece at a time: a large workspace's body is
 * longer than any string can be, and unpacked at once it would be held twice.
 */
export function* unsealWorkspacePieces(file: Uint8Array, name: string, passphrase?: string): Generator<Buffer> {
  const { header, headerBytes, body } = readHeader(file, name);
  const gz = open(header, headerBytes, body, name, passphrase);
  const pieces = header.pieces;
  const whole =
    !Array.isArray(pieces) ||
    !pieces.every((n) => Number.isInteger(n) && n > 0) ||
    pieces.reduce((a, b) => a + b, 0) !== gz.length;
  const gunzip = (part: Buffer) => {
    try {
      return zlib.gunzipSync(part, { maxOutputLength: 2 ** 32 - 1 });
    } catch {
      throw damaged(name);
    }
  };
  if (whole) {
    yield gunzip(gz);
    return;
  }
  let at = 0;
  for (const n of pieces) {
    yield gunzip(gz.subarray(at, at + n));
    at += n;
  }
}
