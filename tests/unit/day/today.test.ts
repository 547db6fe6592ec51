import { describe, expect, it } from 'vitest';
import { startExecution } from '../../../main/playbooks/executions';
import { evaluateWorkspace } from '../../../main/playbooks/triggers';
import { today, todayTriggers } from '../../../main/today/service';
import type { Today } from '../../../shared/channels/today';
import { kpi, peek, useCsmWorkspace } from './setup';

const TODAY = (s: { db: string }, ...more: string[]) => ['today', '--db', s.db, '--customer', 'Samples', ...more];

describe('Today (issue 13, point 4)', () => {
  const s = useCsmWorkspace();

  async function setUp() {
    await kpi(
      'account',
      'set',
      '--db',
      s.db,
      '--customer',
      'Samples',
      '--account',
      'TechCorp Solutions',
      '--owner',
      'ana@acme.com',
      '--renewal',
      '2025-12-01',
    );
    await kpi('account', 'add', '--db', s.db, '--customer', 'Samples', '--name', 'Quiet Co');
    return peek(s.db, (d) => {
      // September worse than August: Risk → Critical
      d.raw.prepare('UPDATE health_trends SET overall_health_score = 30 WHERE year = 2025 AND month = 9').run();
      return startExecution(d, 1, {
        userId: s.ana,
        accountId: s.accountId,
        playbookId: 'voc-sprint',
        triggeredBy: 'manual',
        now: new Date('2025-10-01T10:00:00.000Z'),
      });
    });
  }

  it('lists overdue and this week’s steps, renewals, worsened status and triggers, overdue first', async () => {
    const executionId = await setUp();
    const r = await kpi(...TODAY(s, '--as-of', '2025-10-16', '--json', '--user', 'ana@acme.com'));
    expect(r.err).toBe('');
    const t = JSON.parse(r.out) as Today;
    expect(Object.keys(t)).toEqual(['asOf', 'items']);
    expect(t.asOf).toBe('2025-10-16');
    for (const i of t.items) {
      expect(['step', 'renewal', 'status', 'trigger', 'stale']).toContain(i.kind);
      expect(i.account).toBe('TechCorp Solutions');
      expect(typeof i.title).toBe('string');
      expect(i.due === null || /^\d{4}-\d{2}-\d{2}$/.test(i.due)).toBe(true);
      expect(typeof i.overdue).toBe('boolean');
    }
    const steps = t.items.filter((i) => i.kind === 'step');
    expect(steps.map((i) => i.kind === 'step' && [i.stepId, i.due, i.overdue, i.current])).toEqual([
      ['voc-week1-survey', '2025-10-08', true, true],
      ['voc-week2-interviews', '2025-10-15', true, false],
      ['voc-week3-analysis', '2025-10-22', false, false],
    ]);
    expect(steps[0]).toMatchObject({
      executionId,
      step: expect.any(String),
      title: expect.stringMatching(/^VoC Sprint: /),
    });
    expect(t.items.slice(0, 2).every((i) => i.overdue)).toBe(true);
    expect(t.items.find((i) => i.kind === 'renewal')).toMatchObject({
      due: '2025-12-01',
      overdue: false,
      daysLeft: 46,
      health: 30,
      // health with one decimal, as everywhere the user reads it
      title: 'Renews in 46 days, health 30.0 (Critical)',
      status: 'Critical',
      trend: expect.any(Number),
    });
    expect(t.items.find((i) => i.kind === 'status')).toMatchObject({ due: null, month: '2025-09', to: 'Critical' });
    // triggers: what fires for the account and is not running (the VoC Sprint runs)
    const fires = await peek(s.db, (d) =>
      evaluateWorkspace(d, 1, { dryRun: true, accountIds: [s.accountId] })
        .accounts[0].playbooks.filter((p) => p.fires && p.playbookId !== 'voc-sprint')
        .map((p) => p.playbookId),
    );
    expect(t.items.filter((i) => i.kind === 'trigger').map((i) => i.kind === 'trigger' && i.playbookId)).toEqual(fires);
    expect(t.items.some((i) => i.kind === 'stale')).toBe(false);
  });

  it('gives the playbooks that fire apart, as the page asks: the same items, the rest without them', async () => {
    await setUp();
    await peek(s.db, (d) => {
      for (const opts of [{ userId: s.ana }, { userId: s.bo }, { everyone: true }]) {
        const at = { ...opts, asOf: '2025-10-16' };
        const whole = today(d, 1, at);
        const rest = today(d, 1, { ...at, triggers: false });
        const fires = todayTriggers(d, 1, at);
        expect(rest.items).toEqual(whole.items.filter((i) => i.kind !== 'trigger'));
        expect(fires.items).toEqual(whole.items.filter((i) => i.kind === 'trigger'));
        expect([rest.scope, fires.scope, rest.asOf, fires.asOf]).toEqual([
          whole.scope,
          whole.scope,
          whole.asOf,
          whole.asOf,
        ]);
        expect(rest.overdueCount).toBe(whole.overdueCount);
      }
      // Ana's accounts (TechCorp Solutions) have playbooks that fire; Bo owns none
      expect(todayTriggers(d, 1, { userId: s.ana, asOf: '2025-10-16' }).items.length).toBeGreaterThan(0);
      expect(todayTriggers(d, 1, { userId: s.bo, asOf: '2025-10-16' }).items).toEqual([]);
    });
  });

  it('shows only the user’s accounts once owners are set, stale data later, and refuses bad input', async () => {
    await setUp();
    const bo = JSON.parse(
      (await kpi(...TODAY(s, '--as-of', '2025-10-16', '--json', '--user', 'bo@acme.com'))).out,
    ) as Today;
    expect(bo.items).toEqual([]);
    const later = JSON.parse((await kpi(...TODAY(s, '--as-of', '2026-03-02', '--json'))).out) as Today;
    expect(later.items.find((i) => i.kind === 'stale')).toMatchObject({
      account: 'TechCorp Solutions',
      latestMonth: '2025-09',
      monthsOld: 6,
      title: 'No new data since 2025-09 (6 months)',
      due: null,
    });
    expect(later.items.some((i) => i.kind === 'renewal')).toBe(false);
    const text = await kpi(...TODAY(s, '--as-of', '2025-10-16'));
    expect(text.out.split('\n')[0]).toMatch(/^Today 2025-10-16, every account: \d+ items$/);
    expect(text.out).toContain('OVERDUE step     2025-10-08  TechCorp Solutions: VoC Sprint:');
    expect(await kpi(...TODAY(s, '--as-of', '2025-02-30'))).toMatchObject({
      code: 1,
      err: 'kpi today: asOf: That date does not exist in the calendar',
    });
    expect((await kpi(...TODAY(s, '--user', 'nobody@x.y'))).code).toBe(1);
  });
});
