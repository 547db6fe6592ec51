import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { type Db, openDb } from '../../../main/db/open';
import { kpi } from '../../helpers/cli';
import { SAMPLES, tempDir } from '../../helpers/db';

export { kpi };

/**
 * A workspace "Samples" with TechCorp Solutions imported from the real sample workbook (Data =
 * 2025-09, months January to September 2025) and two people: ana@acme.com and bo@acme.com.
 */
export function useCsmWorkspace() {
  const s = { dir: '', db: '', ana: 0, bo: 0, accountId: 0 };
  let t: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    t = tempDir();
    s.dir = t.dir;
    s.db = path.join(t.dir, 'day.db');
    await kpi('customer', 'add', '--db', s.db, '--name', 'Samples');
    await kpi('account', 'add', '--db', s.db, '--customer', 'Samples', '--name', 'TechCorp Solutions');
    const file = path.join(SAMPLES, 'techcorp-solutions-2025-09.xlsx');
    const r = await kpi('import', file, '--db', s.db, '--customer', 'Samples', '--period', '2025-09');
    if (r.code !== 0) throw new Error(r.err);
    const d = await openDb(s.db);
    const add = d.raw.prepare('INSERT INTO users (customer_id, user_name, email) VALUES (1, ?, ?)');
    s.ana = Number(add.run('Ana CSM', 'ana@acme.com').lastInsertRowid);
    s.bo = Number(add.run('Bo Lead', 'bo@acme.com').lastInsertRowid);
    s.accountId = (
      d.raw.prepare("SELECT account_id FROM accounts WHERE account_name = 'TechCorp Solutions'").get() as {
        account_id: number;
      }
    ).account_id;
    await d.close();
  });
  afterEach(() => t.cleanup());
  return s;
}

/** Opens the workspace's file for a look, closing it after fn. */
export async function peek<T>(file: string, fn: (db: Db) => T): Promise<T> {
  const d = await openDb(file);
  try {
    return fn(d);
  } finally {
    await d.close();
  }
}
