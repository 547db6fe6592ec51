import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreCommands } from '../../../main/cli/core-commands';
import { runCli } from '../../../main/cli/framework';
import { openDb } from '../../../main/db/open';
import { importCommands } from '../../../main/import/cli';
import { playbookCommands } from '../../../main/playbooks/cli';
import { addUser, findWorkspaceByName } from '../../../main/workspaces/service';
import { tempDir } from '../../helpers/db';
import { playbookTables, TECHCORP } from './helpers';

const commands = [...coreCommands, ...importCommands, ...playbookCommands];

async function kpi(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(commands, argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function tables(file: string) {
  const db = await openDb(file);
  try {
    return playbookTables(db);
  } finally {
    await db.close();
  }
}

describe('npm run kpi -- playbooks ...', () => {
  const tmp = tempDir('kpi-pb-cli-');
  const db = path.join(tmp.dir, 'cli.db');
  let executionId = '';
  beforeAll(async () => {
    expect((await kpi('customer', 'add', '--db', db, '--name', 'Globex')).code).toBe(0);
    expect((await kpi('account', 'add', '--db', db, '--customer', 'Globex', '--name', 'TechCorp Solutions')).code).toBe(
      0,
    );
    const imp = await kpi(
      'import',
      TECHCORP,
      '--db',
      db,
      '--customer',
      'Globex',
      '--account',
      'TechCorp Solutions',
      '--period',
      '2025-09',
    );
    expect(imp.err).toBe('');
    expect(imp.code).toBe(0);
  }, 60_000);
  afterAll(() => tmp.cleanup());

  it('evaluate: per account, which playbooks fire and why (text and JSON)', async () => {
    const r = await kpi('playbooks', 'evaluate', '--db', db, '--customer', 'Globex');
    expect(r.code).toBe(0);
    expect(r.out).toContain('TechCorp Solutions (2025-09, health 44.68 (2025-08: 46.97))');
    expect(r.out).toMatch(/VoC Sprint\s+FIRES\s+CSAT Score 3.3 < 3.6; Churn Risk Score 43 > 30/);
    expect(r.out).toContain('→ Conditions hold; auto-trigger is off: start it by hand');
    expect(r.out).toMatch(/Expansion Play\s+quiet/);
    const json = await kpi('playbooks', 'evaluate', '--db', db, '--customer', 'Globex', '--json');
    expect(JSON.parse(json.out)).toMatchObject({
      applied: true,
      started: [],
      accounts: [{ accountName: 'TechCorp Solutions' }],
    });
  });

  it('triggers: shows and changes thresholds; refuses one out of range (exit 1, nothing changed)', async () => {
    const before = await tables(db);
    const bad = await kpi(
      'playbooks',
      'triggers',
      '--db',
      db,
      '--customer',
      'Globex',
      '--type',
      'voc',
      '--config',
      '{"nps_threshold": 500, "csat_threshold": 3.6, "churn_risk_threshold": 30, "health_drop_threshold": 10}',
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toBe(
      'kpi playbooks triggers: Invalid VoC Sprint thresholds: NPS threshold (nps_threshold) must be between -100 and 100',
    );
    expect(await tables(db)).toEqual(before);
    const ok = await kpi('playbooks', 'triggers', '--db', db, '--customer', 'Globex', '--type', 'sla', '--auto', 'on');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/sla\s+SLA Recovery\s+auto on/);
    expect(
      (await kpi('playbooks', 'triggers', '--db', db, '--customer', 'Globex', '--type', 'sla', '--auto', 'maybe')).code,
    ).toBe(2);
    expect(
      (await kpi('playbooks', 'triggers', '--db', db, '--customer', 'Globex', '--type', 'sla', '--auto', 'off')).code,
    ).toBe(0);
  });

  it('start, step (result and skip), complete, report with PDF and xlsx', async () => {
    const start = await kpi(
      'playbooks',
      'start',
      '--db',
      db,
      '--customer',
      'Globex',
      '--account',
      'TechCorp Solutions',
      '--playbook',
      'voc-sprint',
      '--json',
    );
    expect(start.code).toBe(0);
    const view = JSON.parse(start.out);
    executionId = view.executionId;
    expect(view).toMatchObject({
      status: 'in-progress',
      triggeredBy: 'manual',
      baseline: { kpis: { 'NPS Score': 12.2 } },
      // No --user: the workspace's default user ("Me", made with the workspace).
      userName: 'Me',
      data: { context: { userId: expect.any(Number), userName: 'Me' } },
    });

    const before = await tables(db);
    const again = await kpi(
      'playbooks',
      'start',
      '--db',
      db,
      '--customer',
      'Globex',
      '--account',
      'TechCorp Solutions',
      '--playbook',
      'voc-sprint',
    );
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^kpi playbooks start: A VoC Sprint is already in progress for TechCorp Solutions/);
    const unknown = await kpi(
      'playbooks',
      'start',
      '--db',
      db,
      '--customer',
      'Globex',
      '--account',
      'TechCorp Solutions',
      '--playbook',
      'world-domination',
    );
    expect(unknown).toMatchObject({ code: 1, err: expect.stringContaining('There is no playbook "world-domination"') });
    const order = await kpi(
      'playbooks',
      'step',
      '--db',
      db,
      '--execution',
      executionId,
      '--step',
      'voc-week3-analysis',
      '--result',
      '{"action_items": 2}',
    );
    expect(order.code).toBe(1);
    expect(order.err).toContain('first complete or skip "Send NPS/CSAT survey"');
    const type = await kpi(
      'playbooks',
      'step',
      '--db',
      db,
      '--execution',
      executionId,
      '--step',
      'voc-week1-survey',
      '--result',
      '{"responses": "lots", "nps": 40}',
    );
    expect(type).toMatchObject({
      code: 1,
      err: expect.stringContaining('Survey responses (responses) must be a number'),
    });
    const notJson = await kpi(
      'playbooks',
      'step',
      '--db',
      db,
      '--execution',
      executionId,
      '--step',
      'voc-week1-survey',
      '--result',
      '{responses: 4',
    );
    expect(notJson.code).toBe(2);
    const early = await kpi('playbooks', 'complete', '--db', db, '--execution', executionId);
    expect(early).toMatchObject({ code: 1, err: expect.stringContaining('4 steps still to do') });
    const noExec = await kpi('playbooks', 'report', '--db', db, '--execution', 'exec_1_abcdefghi');
    expect(noExec).toMatchObject({
      code: 1,
      err: 'kpi playbooks report: There is no playbook execution "exec_1_abcdefghi" in this workspace.',
    });
    const noReport = await kpi('playbooks', 'report', '--db', db, '--execution', executionId);
    expect(noReport).toMatchObject({ code: 1, err: expect.stringContaining('no report yet') });
    expect((await kpi('playbooks', 'step', '--db', db, '--step', 'x')).code).toBe(2);
    expect(await tables(db)).toEqual(before);

    for (const [step, result] of [
      ['voc-week1-survey', '{"responses": 45, "nps": 42}'],
      ['voc-week2-interviews', '{"interviews": 6, "notes": "6 of 8 booked"}'],
      ['voc-week3-analysis', '{"action_items": 4}'],
    ]) {
      const r = await kpi(
        'playbooks',
        'step',
        '--db',
        db,
        '--execution',
        executionId,
        '--step',
        step,
        '--result',
        result,
      );
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
    }
    const skip = await kpi(
      'playbooks',
      'step',
      '--db',
      db,
      '--execution',
      executionId,
      '--step',
      'voc-week4-close-loop',
      '--skip',
      'Sponsor on leave',
    );
    expect(skip.code).toBe(0);
    expect(skip.out).toContain('skipped: Sponsor on leave');

    const done = await kpi('playbooks', 'complete', '--db', db, '--execution', executionId);
    expect(done.code).toBe(0);
    expect(done.out).toContain('VoC Sprint: TechCorp Solutions (completed, 0 days, 3/4 steps)');
    expect(done.out).toContain('✗ Executive sponsor identified');
    expect(done.out).toMatch(
      /CSAT Score\s+3\.3 → 3\.3\s+0 points\s+Not achieved \(Trigger threshold: CSAT Score at least 3\.6\)/,
    );

    const pdf = path.join(tmp.dir, 'out', 'report.pdf');
    const xlsx = path.join(tmp.dir, 'out', 'report.xlsx');
    const rep = await kpi('playbooks', 'report', '--db', db, '--execution', executionId, '--pdf', pdf, '--xlsx', xlsx);
    expect(rep.err).toBe('');
    expect(rep.code).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(fs.readFileSync(xlsx).subarray(0, 2).toString('latin1')).toBe('PK');
    const json = JSON.parse((await kpi('playbooks', 'report', '--db', db, '--execution', executionId, '--json')).out);
    expect(json.data.exit_criteria_met).toEqual({
      nps_above_50: false,
      action_items_created: true,
      executive_sponsor_identified: false,
    });

    const list = await kpi('playbooks', 'list', '--db', db, '--customer', 'Globex');
    expect(list.out).toMatch(new RegExp(`${executionId}\\s+VoC Sprint\\s+TechCorp Solutions\\s+completed`));
    const other = await kpi('customer', 'add', '--db', db, '--name', 'Initech');
    expect(other.code).toBe(0);
    const foreign = await kpi('playbooks', 'delete', '--db', db, '--execution', executionId, '--customer', 'Initech');
    expect(foreign).toMatchObject({ code: 1, err: expect.stringContaining('no playbook execution') });
    const del = await kpi('playbooks', 'delete', '--db', db, '--execution', executionId);
    expect(del).toMatchObject({ code: 0, out: `deleted ${executionId} and its report` });
    expect((await tables(db)) as any).toMatchObject({ executions: [], reports: [] });
  }, 120_000);

  it('is wired into npm run kpi', () => {
    const out = execFileSync(
      process.execPath,
      [
        path.resolve('node_modules/tsx/dist/cli.mjs'),
        'main/cli/index.ts',
        'playbooks',
        'list',
        '--db',
        db,
        '--customer',
        'Globex',
      ],
      { encoding: 'utf8' },
    );
    expect(out.trim()).toBe('no executions');
  }, 60_000);

  it('start --user records who started it; an unknown user is refused and nothing is stored', async () => {
    const file = await openDb(db);
    try {
      addUser(file, findWorkspaceByName(file, 'Globex').id, { name: 'Pat Lee' });
    } finally {
      await file.close();
    }
    const args = ['--db', db, '--customer', 'Globex', '--account', 'TechCorp Solutions', '--playbook', 'sla-recovery'];
    const before = await tables(db);
    const nobody = await kpi('playbooks', 'start', ...args, '--user', 'Nobody');
    expect(nobody).toMatchObject({
      code: 1,
      err: 'kpi playbooks start: There is no user named "Nobody" in Globex: use one of "Me", "Pat Lee".',
    });
    expect(await tables(db)).toEqual(before);
    const pat = await kpi('playbooks', 'start', ...args, '--user', 'pat lee');
    expect(pat.code).toBe(0);
    expect(pat.out).toMatch(/SLA Recovery for TechCorp Solutions: in-progress, 0\/4 steps, started by Pat Lee$/m);
  });
});
