import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../../main/web/server';
import { tempDir } from '../../helpers/db';

/** A raw HTTP request (fetch would normalise the malformed URLs these tests send). */
function request(
  server: WebServer,
  options: { method?: string; path: string; headers?: Record<string, string | number>; body?: string | Buffer },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const invoke = (server: WebServer, body: string) =>
  request(server, {
    method: 'POST',
    path: '/api/invoke',
    headers: { 'Content-Type': 'application/json', 'X-KPI-Token': server.token },
    body,
  });

/** The preview still serves the page and still answers a call of the contract. */
async function expectStillServing(server: WebServer) {
  expect(await request(server, { path: '/' })).toMatchObject({ status: 200, body: '<!doctype html><p>shell</p>' });
  const list = await invoke(server, JSON.stringify({ channel: 'workspaces.list', payload: {} }));
  expect(list.status).toBe(200);
  expect(JSON.parse(list.body)).toMatchObject({ ok: true, data: { workspaces: [] } });
}

describe('the browser preview server', () => {
  let t: ReturnType<typeof tempDir>;
  let server: WebServer;
  beforeEach(async () => {
    t = tempDir();
    const rendererDir = path.join(t.dir, 'renderer');
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><p>shell</p>');
    server = await startWebServer({ dbFile: path.join(t.dir, 'web.db'), rendererDir });
  });
  afterEach(async () => {
    await server.close();
    t.cleanup();
  });

  it('answers 400 to a malformed percent-escape in the path, without a token, and keeps running', async () => {
    expect(await request(server, { path: '/%E0%A4%A' })).toMatchObject({ status: 400, body: 'Bad request' });
    expect((await request(server, { path: '/assets/%zz.js' })).status).toBe(400);
    await expectStillServing(server);
  });
});
