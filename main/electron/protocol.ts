import fs from 'node:fs';
import path from 'node:path';
import { CSP } from '../../shared/csp';

/**
 * The renderer's own origin, app://kpi/, served by `protocol.handle` from the built renderer folder
 * and nothing else: no file:// page, and the CSP sent as a response header (so that
 * frame-ancestors, which a <meta> tag cannot carry, applies too). Pure (Node only), so that the
 * resolution, the path-traversal refusal and the headers are tested without Electron.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kpi';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * For `protocol.registerSchemesAsPrivileged`: a standard scheme (relative URLs, an origin, storage)
 * and a secure one (a secure context, as https), where the page's fetch and its module scripts
 * (requested in CORS mode) work; no CSP bypass, no service workers.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  codeCache: true,
} as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

export const APP_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export type Resolved = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404 };

/**
 * The file of the renderer folder an app:// URL names, or why there is none: another host or
 * scheme (403), a malformed path (400), or a path that leads out of the folder (404, as for a
 * file that is not there; `..`, encoded slashes and backslashes included).
 */
export function resolveAppFile(url: string, rendererDir: string): Resolved {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, status: 400 };
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return { ok: false, status: 403 };
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (rel.includes('\0')) return { ok: false, status: 400 };
  if (rel === '' || rel === '/') rel = '/index.html';
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${rel.replace(/\\/g, '/')}`);
  const inside = path.relative(root, file);
  if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) return { ok: false, status: 404 };
  return { ok: true, file };
}

const refuse = (status: number, text: string) =>
  new Response(text, { status, headers: { ...APP_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });

/** The answer to one request of the app protocol (GET or HEAD of a file of the renderer folder). */
export async function serveAppRequest(request: { url: string; method: string }, rendererDir: string) {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
  const r = resolveAppFile(request.url, rendererDir);
  if (!r.ok) return refuse(r.status, r.status === 404 ? 'Not found' : 'Refused');
  let body: Buffer;
  try {
    const stat = await fs.promises.stat(r.file);
    if (!stat.isFile()) return refuse(404, 'Not found');
    body = await fs.promises.readFile(r.file);
  } catch {
    return refuse(404, 'Not found');
  }
  const type = TYPES[path.extname(r.file).toLowerCase()] ?? 'application/octet-stream';
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...APP_HEADERS, 'Content-Type': type },
  });
}
