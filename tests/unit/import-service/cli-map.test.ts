import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kpi, queryFile } from '../../helpers/cli';
import { tempDir } from '../../helpers/db';

// Before, the command line had no way to say what a column holds: a roll-up headed "Customer" or a
// sheet headed "Metric Name" could only be imported after a correction in the window.
describe('import --map: what a column holds, on the command line', () => {
  let t: ReturnType<typeof tempDir>;
  let db: string;
  const csv = (name: string, text: string) => {
    const f = path.join(t.dir, name);
    fs.writeFileSync(f, text);
    return f;
  };
  const stored = () =>
    queryFile(
      db,
      'SELECT a.account_name a, k.kpi_parameter k, ts.value v FROM kpi_time_series ts JOIN kpis k USING (kpi_id) JOIN accounts a ON a.account_id = ts.account_id ORDER BY a, k',
    );
  beforeEach(async () => {
    t = tempDir();
    db = path.join(t.dir, 'cli.db');
    await kpi('init', '--db', db);
    await kpi('customer', 'add', '--db', db, '--name', 'R', '--mode', 'account_rollup');
    await kpi('customer', 'add', '--db', db, '--name', 'C', '--mode', 'corporate');
  });
  afterEach(() => t.cleanup());

  it('maps a roll-up\'s "Customer" column to Account, says how where it is missing, and remembers it', async () => {
    const file = csv(
      'portfolio.csv',
      'Customer,Category,KPI,Data\nGlobex,Business Outcomes,NPS Score,40\nInitech,Business Outcomes,NPS Score,50\n',
    );
    const base = ['import', file, '--db', db, '--customer', 'R', '--period', '2025-09', '--create-accounts'];
    const refused = await kpi(...base);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("looks like the accounts: map it to Account in the import window's columns");
    expect(refused.err).toContain("On the command line: --map 'Customer=Account'.");
    expect(await stored()).toEqual([]);

    const mapped = await kpi(...base, '--map', 'customer = account');
    expect([mapped.code, mapped.err]).toEqual([0, '']);
    expect(await stored()).toEqual([
      { a: 'Globex', k: 'NPS Score', v: 40 },
      { a: 'Initech', k: 'NPS Score', v: 50 },
    ]);
    // The next file with the same headers needs no --map: the mapping is remembered, as the window's.
    const next = csv('portfolio-oct.csv', 'Customer,Category,KPI,Data\nGlobex,Business Outcomes,CSAT Score,4.1\n');
    const again = await kpi('import', next, '--db', db, '--customer', 'R', '--period', '2025-10');
    expect([again.code, again.err]).toEqual([0, '']);
  });

  it("names a sheet's KPI column by its label, several pairs apart by commas", async () => {
    // A header row the window shows with its columns to correct (a Weight and a month, no KPI column).
    const file = csv('initech.csv', 'Metric Name,Weight,Notes,Sep 2025\nNPS Score,0.3,ok,45\n');
    const r = await kpi(
      ...['import', file, '--db', db, '--customer', 'C', '--account', 'Initech', '--create-accounts'],
      ...['--map', 'Metric Name=KPI name,Notes=ignored'],
    );
    expect([r.code, r.err]).toEqual([0, '']);
    expect(await stored()).toEqual([{ a: 'Initech', k: 'NPS Score', v: 45 }]);
  });

  it('refuses a pair it cannot read or a header the file does not have, and stores nothing', async () => {
    const file = csv('portfolio.csv', 'Customer,Category,KPI,Data\nGlobex,Business Outcomes,NPS Score,40\n');
    const base = ['import', file, '--db', db, '--customer', 'R', '--create-accounts'];
    const unknown = await kpi(...base, '--map', 'Client=Account');
    expect([unknown.code, unknown.err]).toEqual([
      2,
      'kpi import: --map: no column of portfolio.csv is headed "Client"',
    ]);
    const bad = await kpi(...base, '--map', 'Customer=Acount');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--map takes HEADER=FIELD pairs apart by commas');
    expect(bad.err).toContain('FIELD is one of KPI name, Health score component');
    expect(await stored()).toEqual([]);
  });
});
