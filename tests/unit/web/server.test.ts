import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, REFUSAL_MESSAGES } from '../../../main/import/workbook/safety';
import { MAX_BODY, startWebServer, type WebServer } from '../../../main/web/server';
import { BINARY_CALL, packCall } from '../../../shared/transport';
import { tempDir } from '../../helpers/db';

/** A raw HTTP request (fetch would normalise the malformed URLs these tests send). */
function request(
  server: WebServer,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string | number>;
    body?: string | Buffer | Readable;
  },
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
    if (options.body instanceof Readable) options.body.pipe(req);
    else req.end(options.body);
  });
}

const invoke = (server: WebServer, body: string | Buffer | Readable, headers: Record<string, string | number> = {}) =>
  request(server, {
    method: 'POST',
    path: '/api/invoke',
    headers: { 'Content-Type': 'application/json', 'X-KPI-Token': server.token, ...headers },
    body,
  });

const errorOf = (res: { body: string }) => JSON.parse(res.body).error as { code: string; message: string };

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

  it('answers 400 invalid_input to a body that is not an object naming a channel, and keeps running', async () => {
    for (const body of ['null', '[]', '"workspaces.list"', '42', '{}', '{"channel":5}', '{"channel":null}']) {
      const res = await invoke(server, body);
      expect(res.status, body).toBe(400);
      expect(errorOf(res), body).toEqual({ code: 'invalid_input', message: 'The request must name a channel.' });
    }
    const notJson = await invoke(server, '{"channel":');
    expect(notJson.status).toBe(400);
    expect(errorOf(notJson)).toEqual({ code: 'invalid_input', message: 'The request was not valid JSON.' });
    await expectStillServing(server);
  });

  it('turns a failure outside the handlers into a 500 for that request only', async () => {
    const invokeBackend = server.backend.invoke;
    server.backend.invoke = async () => {
      throw new Error('the backend failed');
    };
    const res = await invoke(server, JSON.stringify({ channel: 'workspaces.list', payload: {} }));
    server.backend.invoke = invokeBackend;
    expect(res.status).toBe(500);
    expect(errorOf(res)).toEqual({
      code: 'internal',
      message: 'Something went wrong on our side; the details are in the log.',
    });
    await expectStillServing(server);
  });

  it('refuses a body over the limit with 413 and the "file too large" sentence, declared or streamed', async () => {
    const declared = await invoke(server, '{}', { 'Content-Length': MAX_BODY + 1 });
    expect(declared.status).toBe(413);
    expect(errorOf(declared)).toEqual({ code: 'refused', message: REFUSAL_MESSAGES['too-large'] });

    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const chunks = Math.ceil(MAX_BODY / chunk.length) + 1;
    const streamed = await invoke(
      server,
      Readable.from(
        (function* () {
          for (let i = 0; i < chunks; i++) yield chunk;
        })(),
      ),
      { 'Transfer-Encoding': 'chunked' },
    );
    expect(streamed.status).toBe(413);
    expect(errorOf(streamed)).toEqual({ code: 'refused', message: REFUSAL_MESSAGES['too-large'] });
    await expectStillServing(server);
  });

  it('takes a file as a binary body, as the page sends it, and refuses a malformed one', async () => {
    await invoke(server, JSON.stringify({ channel: 'workspaces.create', payload: { name: 'ACME' } }));
    const binary = (value: unknown) =>
      Buffer.concat((packCall(value) ?? []).map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
    const csv = new TextEncoder().encode('KPI,Data,Sep 2025\nNPS Score,45,40\n');
    const payload = { jobId: 'bin', fileName: 'acme.csv', bytes: csv };
    const res = await invoke(server, binary({ channel: 'import.preview', payload }), { 'Content-Type': BINARY_CALL });
    expect(res.status).toBe(200);
    const preview = JSON.parse(res.body).data;
    expect(preview.sheets[0].sample).toMatchObject([{ kpi: 'NPS Score', dataValue: 45 }]);
    expect(preview.periods['2025-09'].conflicts.count).toBe(1);

    const tooLarge = { ...payload, bytes: new Uint8Array(MAX_FILE_BYTES + 1) };
    const big = await invoke(server, binary({ channel: 'import.preview', payload: tooLarge }), {
      'Content-Type': BINARY_CALL,
    });
    expect(errorOf(big)).toEqual({ code: 'refused', message: REFUSAL_MESSAGES['too-large'] });

    for (const body of ['{}', '99\n{"channel":"x"}', '12\n{"channel":"x","payload":{"b":{"$part":[0,9]}}}']) {
      const bad = await invoke(server, body, { 'Content-Type': BINARY_CALL });
      expect(bad.status, body).toBe(400);
      expect(errorOf(bad), body).toEqual({ code: 'invalid_input', message: 'The request could not be read.' });
    }
    const list = await invoke(server, JSON.stringify({ channel: 'workspaces.list', payload: {} }));
    expect(JSON.parse(list.body)).toMatchObject({ ok: true, data: { workspaces: [{ name: 'ACME' }] } });
  });

  it("lets a file just over the importer's limit reach the importer, which says it is too large", async () => {
    const ws = await invoke(server, JSON.stringify({ channel: 'workspaces.create', payload: { name: 'ACME' } }));
    expect(JSON.parse(ws.body).ok).toBe(true);
    const bytes = Buffer.alloc(MAX_FILE_BYTES + 1, 0x41).toString('base64');
    const body = `{"channel":"import.preview","payload":{"jobId":"big","fileName":"big.xlsx","bytes":{"$bytes":"${bytes}"}}}`;
    expect(body.length).toBeLessThan(MAX_BODY);
    const res = await invoke(server, body);
    expect(res.status).toBe(200);
    expect(errorOf(res)).toEqual({ code: 'refused', message: REFUSAL_MESSAGES['too-large'] });
  });
});
