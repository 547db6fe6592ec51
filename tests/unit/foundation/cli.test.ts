import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend } from '../../../main/app';
import { commands } from '../../../main/cli/commands';
import { openDb } from '../../../main/db/open';
import { kpi } from '../../helpers/cli';
import { ok, SAMPLES, tempDir } from '../../helpers/db';

const ROOT = path.resolve(__dirname, '../../..');

describe('the command line', () => {
  let t: ReturnType<typeof tempDir>;
  let db: string;
  beforeEach(() => {
    t = tempDir();
    db = path.join(t.dir, 'cli.db');
  });
  afterEach(() => t.cleanup());

  it('creates a database, a customer and accounts, and lists them (exit 0)', async () => {
    expect((await kpi('init', '--db', db)).code).toBe(0);
    expect(await kpi('customer', 'add', '--db', db, '--name', 'ACME', '--mode', 'account_rollup')).toMatchObject({
      code: 0,
      out: 'customer 1: ACME (account_rollup)',
    });
    expect(
      (
        await kpi(
          'account',
          'add',
          '--db',
          db,
          '--customer',
          'ACME',
          '--name',
          'Rockets',
          '--revenue',
          '250000',
          '--industry',
          'Aerospace',
        )
      ).code,
    ).toBe(0);
    const list = await kpi('accounts', '--db', db, '--customer', 'acme', '--json');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.out)).toMatchObject([
      { name: 'Rockets', revenue: 250000, industry: 'Aerospace', status: 'active' },
    ]);
  });

  it('exits 1 with a one-line reason when the input is refused, 2 on a usage error', async () => {
    await kpi('init', '--db', db);
    const refused = await kpi('account', 'add', '--db', db, '--customer', 'Nobody', '--name', 'X');
    expect(refused.code).toBe(1);
    expect(refused.err).toBe('kpi account add: There is no workspace named "Nobody".');
    await kpi('customer', 'add', '--db', db, '--name', 'ACME');
    const dup = await kpi('customer', 'add', '--db', db, '--name', 'acme');
    expect(dup).toMatchObject({ code: 1, err: 'kpi customer add: A workspace named "acme" already exists.' });
    expect((await kpi('customer', 'add', '--db', db)).code).toBe(2);
    expect((await kpi('customer', 'add', '--db', db, '--name', 'B', '--mode', 'weird')).code).toBe(2);
    expect(
      (await kpi('account', 'add', '--db', db, '--customer', 'ACME', '--name', 'X', '--revenue', 'lots')).code,
    ).toBe(2);
    expect((await kpi('frobnicate')).code).toBe(2);
    const bad = await kpi(
      'import',
      path.join(ROOT, 'tests/fixtures/messy/word-renamed.xlsx'),
      '--db',
      db,
      '--customer',
      'ACME',
      '--account',
      'X',
    );
    expect(bad.code).toBe(1);
    expect(bad.err.split('\n')).toHaveLength(1);
    // a ranges file with several faulty rows: the sentence, then one line per row, in the seed's names
    const ranges = path.join(t.dir, 'ranges.csv');
    fs.writeFileSync(
      ranges,
      'kpi_name,unit,higher_is_better,critical_min,critical_max,risk_min,risk_max,healthy_min,healthy_max\nA,x,true,0,1,2,3,3,4\nB,x,maybe,0,1,1,2,2,3\n',
    );
    expect(await kpi('ranges', 'import', ranges, '--db', db)).toEqual({
      code: 1,
      out: '',
      err: [
        'kpi ranges import: Nothing was imported: 2 rows of this file are faulty.',
        '  Row 2 (A): risk_min (2) must equal critical_max (1) so the bands touch.',
        '  Row 3 (B): higher_is_better must be true or false.',
      ].join('\n'),
    });
  });

  it('refuses what the window refuses, with the same sentence, and stores nothing', async () => {
    await kpi('init', '--db', db);
    await kpi('customer', 'add', '--db', db, '--name', 'ACME');
    const window = await startBackend(path.join(t.dir, 'window.db'));
    await ok(window, 'workspaces.create', { name: 'ACME' });
    const cases: Array<{ argv: string[]; channel: string; payload: object; message: string }> = [
      {
        argv: ['customer', 'add', '--name', '   '],
        channel: 'workspaces.create',
        payload: { name: '   ' },
        message: 'name: Workspace name cannot be empty',
      },
      {
        argv: ['customer', 'add', '--name', 'B', '--email', 'notanemail'],
        channel: 'workspaces.create',
        payload: { name: 'B', email: 'notanemail' },
        message: 'email: This is not an email address; write it as name@company.com',
      },
      {
        argv: ['customer', 'add', '--name', 'B', '--email', ''],
        channel: 'workspaces.create',
        payload: { name: 'B', email: '' },
        message: 'email: This is not an email address; write it as name@company.com',
      },
      {
        argv: ['account', 'add', '--customer', 'ACME', '--name', '   '],
        channel: 'accounts.create',
        payload: { name: '   ' },
        message: 'name: Account name cannot be empty',
      },
      {
        argv: ['account', 'add', '--customer', 'ACME', '--name', 'X', '--revenue', '-5'],
        channel: 'accounts.create',
        payload: { name: 'X', revenue: -5 },
        message: 'revenue: Revenue cannot be negative',
      },
    ];
    for (const c of cases) {
      const fromWindow = await window.invoke(c.channel, c.payload);
      expect(fromWindow, c.argv.join(' ')).toEqual({ ok: false, error: { code: 'invalid_input', message: c.message } });
      const [w1, w2, ...rest] = c.argv;
      // Twice: a refused value is not stored, so the second try is refused the same way.
      for (let i = 0; i < 2; i++)
        expect(await kpi(w1, w2, '--db', db, ...rest), c.argv.join(' ')).toEqual({
          code: 1,
          out: '',
          err: `kpi ${w1} ${w2}: ${c.message}`,
        });
    }
    await window.close();

    expect(JSON.parse((await kpi('accounts', '--db', db, '--customer', 'ACME', '--all', '--json')).out)).toEqual([]);
    const stored = await openDb(db);
    expect(stored.raw.prepare('SELECT customer_name, email FROM customers').all()).toEqual([
      { customer_name: 'ACME', email: null },
    ]);
    await stored.close();
  });

  it('says in a sentence that a workspace already uses an email', async () => {
    await kpi('init', '--db', db);
    expect((await kpi('customer', 'add', '--db', db, '--name', 'A', '--email', 'cs@acme.com')).code).toBe(0);
    expect(await kpi('customer', 'add', '--db', db, '--name', 'B', '--email', 'CS@acme.com')).toEqual({
      code: 1,
      out: '',
      err: 'kpi customer add: A workspace with the email CS@acme.com already exists.',
    });
  });

  it('has --help on every command', async () => {
    for (const c of commands) {
      const r = await kpi(...c.name.split(' '), '--help');
      expect(r.code, c.name).toBe(0);
      expect(r.out, c.name).toContain(`usage: npm run kpi -- ${c.name}`);
    }
    expect((await kpi('--help')).out).toContain('commands:');
  });

  it("lines each command's options up with their help, however long an option is", async () => {
    for (const c of commands) {
      const lines = (await kpi(...c.name.split(' '), '--help')).out.split('\n').filter((l) => l.startsWith('  --'));
      expect(lines, c.name).toHaveLength(c.options.length);
      // Every help text starts in one column, at least two spaces after the longest option.
      const column = lines[0].length - c.options[0].help.length;
      c.options.forEach((o, i) => {
        const option = `  --${o.name}${o.value ? ` ${o.value}` : ''}`;
        expect(column, c.name).toBeGreaterThanOrEqual(option.length + 2);
        expect(lines[i], c.name).toBe(option.padEnd(column) + o.help);
      });
    }
    const customerAdd = await kpi('customer', 'add', '--help');
    expect(customerAdd.out).toContain('  --mode corporate|account_rollup  upload mode (default corporate)');
  });

  it('imports, scores and explains through `npm run kpi`, and says when a file was already imported', () => {
    const run = (...args: string[]) =>
      spawnSync('npm', ['run', '--silent', 'kpi', '--', ...args], { cwd: ROOT, encoding: 'utf8' });
    execFileSync('npm', ['run', '--silent', 'kpi', '--', 'init', '--db', db], { cwd: ROOT });
    run('customer', 'add', '--db', db, '--name', 'Samples');
    run('account', 'add', '--db', db, '--customer', 'Samples', '--name', 'TechCorp Solutions');
    const file = path.join(SAMPLES, 'techcorp-solutions-2025-09.xlsx');
    const first = run('import', file, '--db', db, '--customer', 'Samples', '--period', '2025-09');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('account TechCorp Solutions: version 1, 67 KPIs');
    const again = run('import', file, '--db', db, '--customer', 'Samples', '--period', '2025-09');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('already imported');
    const score = run('score', '--db', db, '--customer', 'Samples');
    expect(score.status).toBe(0);
    expect(score.stdout).toMatch(/Samples: 1 account, 9 account-months scored/);
    const explain = run(
      'explain',
      '--db',
      db,
      '--customer',
      'Samples',
      '--account',
      'TechCorp Solutions',
      '--month',
      '2025-09',
      '--json',
    );
    expect(explain.status).toBe(0);
    const receipt = JSON.parse(explain.stdout);
    expect(receipt.overall).toBeCloseTo(
      JSON.parse(fs.readFileSync(path.join(SAMPLES, 'techcorp-solutions-2025-09.expected.json'), 'utf8'))[
        'TechCorp Solutions'
      ]['2025-09'].overall_health_score,
      2,
    );
  }, 120_000);
});
