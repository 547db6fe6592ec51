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

export async function startWebServer(options: {
  dbFile: string;
  port?: number;
  rendererDir?: string;
}): Promise<WebServer> {
  const rendererDir = path.resolve(options.rendererDir ?? path.join(process.cwd(), 'dist', 'renderer'));
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${rendererDir}/index.html is missing): run "npm run build:renderer".`);
  }
  const backend = await startBackend(options.dbFile, { desktop: false, warmImport: true });
  const token = crypto.randomBytes(24).toString('hex');
  let origin = '';

  const security = {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
  const authorised = (req: http.IncomingMessage, url: URL): boolean => {
    const given = req.headers['x-kpi-token'] ?? url.searchParams.get('token') ?? '';
    const a = Buffer.from(String(given));
    const b = Buffer.from(token);
    if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) return false;
    const reqOrigin = req.headers.origin;
    return !reqOrigin || reqOrigin === origin;
  };

  const fail = (res: http.ServerResponse, status: number, code: ErrorCode, message: string) => {
    if (res.headersSent) {
      res.end();
      return;
    }
    res.writeHead(status, { ...security, 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ ok: false, error: { code, message } }));
  };

  /**
   * POST /api/invoke: one call of the contract, its body `{ channel, payload }` as JSON, or as a
   * binary body (BINARY_CALL) when it carries a file.
   */
  const invoke = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY) {
      res.setHeader('Connection', 'close');
      fail(res, 413, 'refused', REFUSAL_MESSAGES['too-large']);
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooLarge = true;
      if (tooLarge) chunks.length = 0;
      else chunks.push(c);
    });
    req.on('error', () => res.destroy());
    req.on('end', async () => {
      try {
        if (tooLarge) {
          fail(res, 413, 'refused', REFUSAL_MESSAGES['too-large']);
          return;
        }
        const binary = (req.headers['content-type'] ?? '').startsWith(BINARY_CALL);
        let body: unknown;
        try {
          const raw = Buffer.concat(chunks);
          body = binary ? unpackCall(raw) : decodeBytes(JSON.parse(raw.toString('utf8')));
        } catch {
          fail(
            res,
            400,
            'invalid_input',
            binary ? 'The request could not be read.' : 'The request was not valid JSON.',
          );
          return;
        }
        if (!isPlainObject(body) || typeof body.channel !== 'string') {
          fail(res, 400, 'invalid_input', 'The request must name a channel.');
          return;
        }
        const result = await backend.invoke(body.channel, body.payload);
        res.writeHead(200, { ...security, 'Content-Type': 'application/json' });
        res.end(JSON.stringify(encodeBytes(result)));
      } catch (err) {
        log.error('web.failed', { url: req.url, error: err });
        fail(res, 500, 'internal', INTERNAL_ERROR_MESSAGE);
      }
    });
  };

  const badRequest = (res: http.ServerResponse) =>
    res.writeHead(400, { ...security, 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request');

  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      badRequest(res);
      return;
    }
    if (req.headers.host !== new URL(origin).host) {
      res.writeHead(421, security).end('Wrong host');
      return;
    }
    if (url.pathname === '/api/invoke' && req.method === 'POST') {
      if (!authorised(req, url)) {
        fail(res, 403, 'forbidden', 'This page is not allowed to use the app.');
        return;
      }
      invoke(req, res);
      return;
    }
    if (url.pathname === '/api/events' && req.method === 'GET') {
      if (!authorised(req, url)) {
        res.writeHead(403, security).end();
        return;
      }
      res.writeHead(200, { ...security, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      const off = backend.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
      req.on('close', off);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, security).end();
      return;
    }
    let rel: string;
    try {
      rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    } catch {
      badRequest(res); // a malformed escape such as %E0%A4%A
      return;
    }
    const file = path.resolve(rendererDir, rel);
    if (!file.startsWith(rendererDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      // Single-page app: unknown paths get the shell.
      const index = path.join(rendererDir, 'index.html');
      res.writeHead(rel.includes('.') ? 404 : 200, { ...security, 'Content-Type': TYPES['.html'] });
      res.end(rel.includes('.') ? 'Not found' : fs.readFileSync(index));
      return;
    }
    res.writeHead(200, { ...security, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  };

  // No request may take the preview down: whatever a handler throws becomes a 500 for that request.
  const server = http.createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      log.error('web.failed', { url: req.url, error: err });
      if (res.headersSent) res.end();
      else res.writeHead(500, security).end('Internal error');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    token,
    port,
    backend,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await backend.close();
    },
  };
}
