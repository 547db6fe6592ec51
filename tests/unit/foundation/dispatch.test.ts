import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../main/app';
import { NO_WORKSPACE_MESSAGE, parseRequest } from '../../../main/ipc/dispatch';
import { type Channel, contract, isScoped } from '../../../shared/contract';
import type { ErrorCode } from '../../../shared/errors';
import { anyPayloads, validPayloads } from '../../helpers/arbitrary';
import { ok, SAMPLES, tempBackend } from '../../helpers/db';

const CHANNELS = Object.keys(contract) as Channel[];
const TYPED_CODES: ErrorCode[] = [
  'invalid_input',
  'not_found',
  'conflict',
  'no_workspace',
  'refused',
  'cancelled',
  'forbidden',
  'signin_required',
  'damaged',
];

/** Payloads the channel's schema accepts, generated from it. */
function acceptedPayloads(channel: Channel, count: number): unknown[] {
  const accepted: unknown[] = [];
  for (const p of fc.sample(validPayloads(contract[channel].input), { numRuns: count, seed: 7 })) {
    try {
      parseRequest(channel, p);
      accepted.push(p);
    } catch {
      // a pattern or refinement the generator does not know refused it
    }
  }
  return accepted;
}

/** A digest of every row of every table: equal digests, nothing changed. */
function fingerprint(backend: Backend): string {
  const raw = backend.ctx.db.raw;
  const hash = crypto.createHash('sha1');
  const tables = raw
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  for (const name of tables) {
    hash.update(name);
    for (const row of raw.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().iterate() as Iterable<unknown[]>) {
      for (const v of row) hash.update(v instanceof Buffer ? v : `${typeof v}:${String(v)}|`);
    }
  }
  return hash.digest('hex');
}

describe('the dispatch scopes every channel to the open workspace', () => {
  it('lists the channels that need no workspace explicitly, and only those', () => {
    expect(CHANNELS.filter((c) => !isScoped(c)).sort()).toEqual([
      'app.info',
      'auth.lock',
      'auth.signIn',
      'auth.status',
      'backups.create',
      'backups.list',
      'backups.restore',
      'import.cancel',
      'workspaceFiles.import',
      'workspaceFiles.inspect',
      'workspaces.create',
      'workspaces.list',
      'workspaces.switch',
    ]);
  });

  it('refuses every scoped channel with one clear sentence while no workspace is open', async () => {
    const t = await tempBackend();
    try {
      for (const channel of CHANNELS.filter(isScoped)) {
        const payloads = acceptedPayloads(channel, 20).slice(0, 3);
        expect(payloads.length, `no valid payload generated for ${channel}`).toBeGreaterThan(0);
        for (const payload of payloads) {
          const r = await t.backend.invoke(channel, payload);
          expect(r, channel).toEqual({ ok: false, error: { code: 'no_workspace', message: NO_WORKSPACE_MESSAGE } });
        }
      }
      // the unscoped ones answer
      expect((await t.backend.invoke('workspaces.list', {})).ok).toBe(true);
      expect((await t.backend.invoke('app.info', {})).ok).toBe(true);
    } finally {
      await t.cleanup();
    }
  });
});

/**
 * Generated payloads, valid and malformed, sent to every channel through the dispatch, in a
 * workspace holding an imported workbook, a second workspace and a running playbook: every
 * answer is a result or a typed error (never an exception, never the "something went wrong"
 * of an unexpected failure), and a refused payload leaves every row as it was.
 */
describe('every channel answers any payload with a result or a typed error', () => {
  let t: Awaited<ReturnType<typeof tempBackend>>;
  let mine: number;
  beforeAll(async () => {
    t = await tempBackend();
    await ok(t.backend, 'workspaces.create', { name: 'Other' });
    await ok(t.backend, 'accounts.create', { name: 'Other Account' });
    mine = (await ok(t.backend, 'workspaces.create', { name: 'Mine' })).id;
    const account = await ok(t.backend, 'accounts.create', { name: 'TechCorp Solutions' });
    const fileName = 'techcorp-solutions-2025-09.xlsx';
    const bytes = new Uint8Array(fs.readFileSync(path.join(SAMPLES, fileName)));
    await ok(t.backend, 'import.commit', { jobId: 'c', fileName, bytes, period: '2025-09', accountId: account.id });
    await ok(t.backend, 'playbooks.start', { accountId: account.id, playbookId: 'voc-sprint' });
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it.each(CHANNELS)('%s', async (channel) => {
    await fc.assert(
      fc.asyncProperty(anyPayloads(contract[channel].input), async (payload) => {
        // back in the workspace with data (a generated payload may have created or switched to another)
        t.backend.ctx.openWorkspace(mine);
        const before = fingerprint(t.backend);
        const r = await t.backend.invoke(channel, payload);
        if (r.ok) return;
        expect(TYPED_CODES, `${channel}: ${r.error.message}`).toContain(r.error.code);
        expect(r.error.message.length).toBeGreaterThan(0);
        expect(fingerprint(t.backend), `${channel} refused (${r.error.message}) but changed rows`).toBe(before);
      }),
      { numRuns: Number(process.env.DISPATCH_RUNS ?? 25), seed: 20261203 },
    );
  });
});
