import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../../../main/db/open';
import { kpi } from '../../helpers/cli';
import { tempDir } from '../../helpers/db';

describe('accounts as a book of business (issue 13, point 1)', () => {
  let t: ReturnType<typeof tempDir>;
  let db: string;
  let anaId: number;
  beforeEach(async () => {
    t = tempDir();
    db = path.join(t.dir, 'book.db');
    await kpi('customer', 'add', '--db', db, '--name', 'ACME');
    await kpi('account', 'add', '--db', db, '--customer', 'ACME', '--name', 'Rockets');
    const d = await openDb(db);
    anaId = Number(
      d.raw.prepare("INSERT INTO users (customer_id, user_name, email) VALUES (1, 'Ana CSM', 'ana@acme.com')").run()
        .lastInsertRowid,
    );
    await d.close();
  });
  afterEach(() => t.cleanup());

  it('account set stores owner, renewal and segment and records the changes', async () => {
    const r = await kpi(
      'account',
      'set',
      '--db',
      db,
      '--customer',
      'ACME',
      '--account',
      'rockets',
      '--owner',
      'ANA@acme.com',
      '--renewal',
      '2027-02-28',
      '--segment',
      'Enterprise',
    );
    expect(r).toMatchObject({
      code: 0,
      out: 'account 1: Rockets (owner Ana CSM, renewal 2027-02-28, segment Enterprise)',
    });
    const list = JSON.parse((await kpi('accounts', '--db', db, '--customer', 'ACME', '--json')).out);
    expect(list[0]).toMatchObject({ ownerName: 'Ana CSM', renewalDate: '2027-02-28', segment: 'Enterprise' });
    const d = await openDb(db);
    const changes = d.raw.prepare('SELECT field, old_value, new_value FROM account_changes ORDER BY field').all();
    await d.close();
    expect(changes).toEqual([
      { field: 'owner', old_value: null, new_value: String(anaId) },
      { field: 'renewal', old_value: null, new_value: '2027-02-28' },
      { field: 'segment', old_value: null, new_value: 'Enterprise' },
    ]);
  });

  it('refuses an unknown owner email or an impossible date with one sentence and changes nothing', async () => {
    const unknown = await kpi(
      'account',
      'set',
      '--db',
      db,
      '--customer',
      'ACME',
      '--account',
      'Rockets',
      '--owner',
      'x@y.com',
      '--segment',
      'SMB',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/No one with the email x@y.com/);
    const bad = await kpi(
      'account',
      'set',
      '--db',
      db,
      '--customer',
      'ACME',
      '--account',
      'Rockets',
      '--renewal',
      '2027-02-30',
    );
    expect(bad.code).toBe(1);
    const list = JSON.parse((await kpi('accounts', '--db', db, '--customer', 'ACME', '--json')).out);
    expect(list[0]).toMatchObject({ ownerUserId: null, renewalDate: null, segment: null });
  });
});
