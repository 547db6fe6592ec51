import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, APP_SCHEME_PRIVILEGES, resolveAppFile, serveAppRequest } from '../../../main/electron/protocol';
import { CSP } from '../../../shared/csp';
import { tempDir } from '../../helpers/db';

describe('the app:// protocol (main/electron/protocol.ts)', () => {
  let t: ReturnType<typeof tempDir>;
  let renderer: string;
  beforeAll(() => {
    t = tempDir();
    renderer = path.join(t.dir, 'renderer');
    fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><div id="root"></div>');
    fs.writeFileSync(path.join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
    fs.writeFileSync(path.join(renderer, 'assets', 'index-abc.css'), 'body{}');
    // a file beside the renderer folder, that no URL may reach
    fs.writeFileSync(path.join(t.dir, 'secret.txt'), 'secret');
    fs.writeFileSync(path.join(t.dir, 'renderer-other.txt'), 'secret');
  });
  afterAll(() => t.cleanup());

  it('is a standard, secure scheme without a CSP bypass', () => {
    expect(APP_INDEX_URL).toBe('app://kpi/index.html');
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    expect('bypassCSP' in APP_SCHEME_PRIVILEGES).toBe(false);
    expect('allowServiceWorkers' in APP_SCHEME_PRIVILEGES).toBe(false);
  });

  it('maps the app URLs to files of the renderer folder', () => {
    expect(resolveAppFile('app://kpi/', renderer)).toEqual({ ok: true, file: path.join(renderer, 'index.html') });
    expect(resolveAppFile('app://kpi/index.html?x=1#top', renderer)).toEqual({
      ok: true,
      file: path.join(renderer, 'index.html'),
    });
    expect(resolveAppFile('app://kpi/assets/index-abc.js', renderer)).toEqual({
      ok: true,
      file: path.join(renderer, 'assets', 'index-abc.js'),
    });
  });

  it('refuses every way out of the renderer folder, other hosts and other schemes', () => {
    for (const url of [
      'app://kpi/../secret.txt',
      'app://kpi/%2e%2e/secret.txt',
      'app://kpi/assets/..%2f..%2fsecret.txt',
      'app://kpi/..%5csecret.txt',
      'app://kpi/assets%2f..%2f..%2fsecret.txt',
      'app://kpi/%2e%2e%2frenderer-other.txt',
    ]) {
      const r = resolveAppFile(url, renderer);
      expect(r.ok && !r.file.startsWith(renderer + path.sep) ? r.file : 'kept inside', url).toBe('kept inside');
      if (r.ok) expect(fs.existsSync(r.file), url).toBe(false);
    }
    expect(resolveAppFile('app://other/index.html', renderer)).toEqual({ ok: false, status: 403 });
    expect(resolveAppFile('file:///etc/passwd', renderer)).toEqual({ ok: false, status: 403 });
    expect(resolveAppFile('app://kpi/%E0%A4%A', renderer)).toEqual({ ok: false, status: 400 });
    expect(resolveAppFile('app://kpi/index.html%00.js', renderer)).toEqual({ ok: false, status: 400 });
  });

  it('serves a file with its type and the CSP as a response header', async () => {
    const res = await serveAppRequest({ url: 'app://kpi/index.html', method: 'GET' }, renderer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(CSP).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<div id="root"></div>');
    const js = await serveAppRequest({ url: 'app://kpi/assets/index-abc.js', method: 'GET' }, renderer);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for what is missing or outside, 405 for anything but reading', async () => {
    const outside = await serveAppRequest({ url: 'app://kpi/..%2fsecret.txt', method: 'GET' }, renderer);
    expect(outside.status).toBe(404);
    expect(await outside.text()).not.toContain('secret');
    expect((await serveAppRequest({ url: 'app://kpi/assets', method: 'GET' }, renderer)).status).toBe(404);
    expect((await serveAppRequest({ url: 'app://kpi/nope.js', method: 'GET' }, renderer)).status).toBe(404);
    expect((await serveAppRequest({ url: 'app://kpi/index.html', method: 'POST' }, renderer)).status).toBe(405);
    const refused = await serveAppRequest({ url: 'app://evil/index.html', method: 'GET' }, renderer);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-security-policy')).toBe(CSP);
  });
});
