import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CSP } from '../../shared/csp';
import type { ErrorCode } from '../../shared/errors';
import { BINARY_CALL, decodeBytes, encodeBytes, unpackCall } from '../../shared/transport';
import { type Backend, startBackend } from '../app';
import { MAX_FILE_BYTES, REFUSAL_MESSAGES } from '../import/workbook/safety';
import { INTERNAL_ERROR_MESSAGE } from '../ipc/dispatch';
import { log } from '../log';

/**
 * The browser preview: serves the built renderer on 127.0.0.1 and bridges window.kpi to the
 * same backend (same contract, same dispatch, same handlers) over HTTP. Every API call must carry
 * the per-run token and come from this origin.
 */
export interface WebServer {
  url: string;
  token: string;
  port: number;
  backend: Backend;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};
/**
 * The largest request body: an import sent as JSON carries the file's bytes as base64 (4 bytes
 * for every 3; the page sends them as they are, see packCall), so the largest accepted workbook
 * that way plus room for the rest of the request. A larger body is answered
 * 413 with the importer's own "file too large" sentence, since only a file can make it that big.
 */
export const MAX_BODY = Math.ceil(MAX_FILE_BYTES / 3) * 4 + 4 * 1024 * 1024;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** The preview's gate: the per-run token, compared in constant time, and this origin only. */
interface Gate {
  token: string;
  origin: string;
}

function authorised(gate: Gate, req: http.IncomingMessage, url: URL): boolean {
  const given = req.headers['x-kpi-token'] ?? url.searchParams.get('token') ?? '';
  const a = Buffer.from(String(given));
  const b = Buffer.from(gate.token);
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) return false;
  const reqOrigin = req.headers.origin;
  return !reqOrigin || reqOrigin === gate.origin;
}

function fail(res: http.ServerResponse, status: number, code: ErrorCode, message: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ ok: false, error: { code, message } }));
}

const badRequest = (res: http.ServerResponse) =>
  res.writeHead(400, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request');

/** Collects a request body up to MAX_BODY; null (and the body drained) when it is larger. */
function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) chunks.length = 0;
      else chunks.push(c);
    });
    req.on('error', reject);
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks)));
  });
}

/** A call's body, `{ channel, payload }` as JSON or binary (BINARY_CALL); a sentence when unreadable. */
function parseCall(raw: Buffer, binary: boolean): { channel: string; payload: unknown } | string {
  let body: unknown;
  try {
    body = binary ? unpackCall(raw) : decodeBytes(JSON.parse(raw.toString('utf8')));
  } catch {
    return binary ? 'The request could not be read.' : 'The request was not valid JSON.';
  }
  if (!isPlainObject(body) || typeof body.channel !== 'string') return 'The request must name a channel.';
  return { channel: body.channel, payload: body.payload };
}

/**
 * POST /api/invoke: one call of the contract, its body `{ channel, payload }` as JSON, or as a
 * binary body (BINARY_CALL) when it carries a file.
 */
async function invoke(backend: Backend, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY) {
    res.setHeader('Connection', 'close');
    fail(res, 413, 'refused', REFUSAL_MESSAGES['too-large']);
    req.resume();
    return;
  }
  let raw: Buffer | null;
  try {
    raw = await readBody(req);
  } catch {
    res.destroy();
    return;
  }
  try {
    if (!raw) {
      fail(res, 413, 'refused', REFUSAL_MESSAGES['too-large']);
      return;
    }
    const call = parseCall(raw, (req.headers['content-type'] ?? '').startsWith(BINARY_CALL));
    if (typeof call === 'string') {
      fail(res, 400, 'invalid_input', call);
      return;
    }
    const result = await backend.invoke(call.channel, call.payload);
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/json' });
    res.end(JSON.stringify(encodeBytes(result)));
  } catch (err) {
    log.error('web.failed', { url: req.url, error: err });
    fail(res, 500, 'internal', INTERNAL_ERROR_MESSAGE);
  }
}

/** GET /api/events: the backend's events (progress) as server-sent events. */
function streamEvents(backend: Backend, req: http.IncomingMessage, res: http.ServerResponse): void {
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
  res.write(': connected\n\n');
  const off = backend.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
  req.on('close', off);
}

/** A file of the built renderer; unknown paths without an extension get the single page's shell. */
function serveStatic(rendererDir: string, url: URL, res: http.ServerResponse): void {
  let rel: string;
  try {
    rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
  } catch {
    badRequest(res); // a malformed escape such as %E0%A4%A
    return;
  }
  const file = path.resolve(rendererDir, rel);
  if (!file.startsWith(rendererDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    const index = path.join(rendererDir, 'index.html');
    res.writeHead(rel.includes('.') ? 404 : 200, { ...SECURITY_HEADERS, 'Content-Type': TYPES['.html'] });
    res.end(rel.includes('.') ? 'Not found' : fs.readFileSync(index));
    return;
  }
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  res.end(fs.readFileSync(file));
}

/** Routes one request: the API behind the gate, then the renderer's files. */
function route(gate: Gate, backend: Backend, rendererDir: string, req: http.IncomingMessage, res: http.ServerResponse) {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://127.0.0.1');
  } catch {
    badRequest(res);
    return;
  }
  if (req.headers.host !== new URL(gate.origin).host) {
    res.writeHead(421, SECURITY_HEADERS).end('Wrong host');
    return;
  }
  const api = url.pathname === '/api/invoke' || url.pathname === '/api/events';
  if (api && !authorised(gate, req, url)) {
    if (url.pathname === '/api/invoke') fail(res, 403, 'forbidden', 'This page is not allowed to use the app.');
    else res.writeHead(403, SECURITY_HEADERS).end();
    return;
  }
  if (url.pathname === '/api/invoke' && req.method === 'POST') void invoke(backend, req, res);
  else if (url.pathname === '/api/events' && req.method === 'GET') streamEvents(backend, req, res);
  else if (req.method !== 'GET' && req.method !== 'HEAD') res.writeHead(405, SECURITY_HEADERS).end();
  else serveStatic(rendererDir, url, res);
}

export async function startWebServer(options: {
  dbFile: string;
  port?: number;
  rendererDir?: string;
  /** The first open of the day backs the file up, as the desktop app does (default true). */
  dailyBackup?: boolean;
}): Promise<WebServer> {
  const rendererDir = path.resolve(options.rendererDir ?? path.join(process.cwd(), 'dist', 'renderer'));
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${rendererDir}/index.html is missing): run "npm run build:renderer".`);
  }
  const backend = await startBackend(options.dbFile, {
    desktop: false,
    warmImport: true,
    dailyBackup: options.dailyBackup ?? true,
  });
  const gate: Gate = { token: crypto.randomBytes(24).toString('hex'), origin: '' };

  // No request may take the preview down: whatever a handler throws becomes a 500 for that request.
  const server = http.createServer((req, res) => {
    try {
      route(gate, backend, rendererDir, req, res);
    } catch (err) {
      log.error('web.failed', { url: req.url, error: err });
      if (res.headersSent) res.end();
      else res.writeHead(500, SECURITY_HEADERS).end('Internal error');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  gate.origin = `http://127.0.0.1:${port}`;
  return {
    url: `${gate.origin}/?token=${gate.token}`,
    token: gate.token,
    port,
    backend,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await backend.close();
    },
  };
}
