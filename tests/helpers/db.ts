import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Backend, startBackend } from '../../main/app';
import { type Db, openDb } from '../../main/db/open';

/** A fresh temporary directory under the OS's temp folder, removed by the returned cleanup. */
export function tempDir(prefix = 'kpi-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A real SQLite file, migrated, in a temp folder. */
export async function tempDb(): Promise<{ db: Db; file: string; cleanup: () => Promise<void> }> {
  const t = tempDir();
  const file = path.join(t.dir, 'test.db');
  const db = await openDb(file);
  return {
    db,
    file,
    cleanup: async () => {
      await db.close();
      t.cleanup();
    },
  };
}

/** The whole backend (dispatch, handlers, session) over a real temp file. */
export async function tempBackend(): Promise<{ backend: Backend; file: string; cleanup: () => Promise<void> }> {
  const t = tempDir();
  const file = path.join(t.dir, 'app.db');
  const backend = await startBackend(file);
  return {
    backend,
    file,
    cleanup: async () => {
      await backend.close();
      t.cleanup();
    },
  };
}

/** Invokes a channel and returns its data, failing the test with the error message otherwise. */
export async function ok<T = any>(backend: Backend, channel: string, payload: unknown = {}): Promise<T> {
  const r = await backend.invoke(channel, payload);
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.code}: ${r.error.message}`);
  return r.data as T;
}

export const SAMPLES = path.resolve(__dirname, '../../../shared/samples');
export const SPEC = path.resolve(__dirname, '../../../shared/spec');
