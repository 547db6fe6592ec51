import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cancelExecution } from '../../../main/playbooks/executions';
import { evaluateWorkspace, startMany } from '../../../main/playbooks/triggers';
import { AppError } from '../../../shared/errors';
import { tempDb } from '../../helpers/db';
import { account, EDGE, playbookTables, putKpis, QUIET, workspace } from './helpers';

let t: Awaited<ReturnType<typeof tempDb>>;
let customerId: number;
let userId: number;
beforeEach(async () => {
  t = await tempDb();
  ({ customerId, userId } = workspace(t.db));
});
afterEach(async () => {
  await t.cleanup();
});

const cell = (accountId: number, playbookId: string) =>
  evaluateWorkspace(t.db, customerId, { dryRun: true })
    .accounts.find((a) => a.accountId === accountId)!
    .playbooks.find((p) => p.playbookId === playbookId)!;

describe('the trigger grid from real rows', () => {
  it('each cell is fires, running or cooling down, with the counted conditions and true words', () => {
    const acme = account(t.db, customerId, 'Acme');
    putKpis(t.db, customerId, acme, '2025-09', { ...QUIET, 'NPS Score': 5 });
    const fires = cell(acme, 'voc-sprint');
    expect(fires).toMatchObject({ state: 'fires', summary: '1 of 4 conditions holds; one is enough' });
    expect(fires.details[0]).toBe("NPS Score is 5, below the trigger's 10");
    expect(cell(acme, 'sla-recovery')).toMatchObject({
      state: 'quiet',
      summary: '0 of 3 conditions hold; one is enough',
    });

    const [{ executionId }] = startMany(
      t.db,
      customerId,
      [{ accountId: acme, playbookId: 'voc-sprint' }],
      userId,
    ).started;
    expect(cell(acme, 'voc-sprint')).toMatchObject({ state: 'running', executionId });

    cancelExecution(t.db, customerId, executionId, 'test');
    expect(cell(acme, 'voc-sprint')).toMatchObject({ state: 'cooling', fires: true, outcome: 'blocked' });
  });

  it('each account carries its status and revenue at risk; no revenue recorded is null, not 0', () => {
    const acme = account(t.db, customerId, 'Acme');
    const globex = account(t.db, customerId, 'Initech');
    t.db.raw.prepare('UPDATE accounts SET revenue = 250000 WHERE account_id = ?').run(acme);
    putKpis(t.db, customerId, acme, '2025-09', EDGE);
    putKpis(t.db, customerId, globex, '2025-09', QUIET);
    const v = evaluateWorkspace(t.db, customerId, { dryRun: true });
    const a = v.accounts.find((x) => x.accountId === acme)!;
    const g = v.accounts.find((x) => x.accountId === globex)!;
    expect(a.status).toMatch(/^(Risk|Critical)$/);
    expect(a).toMatchObject({ revenue: 250000, revenueAtRisk: 250000 });
    expect(g).toMatchObject({ status: 'Healthy', revenue: null, revenueAtRisk: null });
  });

  it('Start selected starts every pair, or none when one is refused', () => {
    const acme = account(t.db, customerId, 'Acme');
    const initech = account(t.db, customerId, 'Initech');
    const r = startMany(
      t.db,
      customerId,
      [
        { accountId: acme, playbookId: 'voc-sprint', reason: 'NPS fell' },
        { accountId: initech, playbookId: 'sla-recovery' },
      ],
      userId,
    );
    expect(r.started.map((s) => [s.accountName, s.playbookName])).toEqual([
      ['Acme', 'VoC Sprint'],
      ['Initech', 'SLA Recovery'],
    ]);
    const before = playbookTables(t.db);
    let error: unknown;
    try {
      startMany(t.db, customerId, [
        { accountId: initech, playbookId: 'renewal-readiness' },
        { accountId: acme, playbookId: 'voc-sprint' },
      ]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/already in progress for Acme/);
    expect(playbookTables(t.db)).toEqual(before);
  });
});
