import { describe, expect, it } from 'vitest';
import { setRolePeople } from '../../../main/playbooks/assignments';
import { startExecution } from '../../../main/playbooks/executions';
import { today } from '../../../main/today/service';
import type { Today, TodayItem } from '../../../shared/channels/today';
import { kpi, peek, useCsmWorkspace } from './setup';

/**
 * Issue 13, point 5: Today lists the steps where the user is responsible by RACI. The VoC Sprint's
 * steps due by 2025-10-22 (started 2025-10-01) and their Responsible roles:
 *   week 1 survey      CSM                    due 2025-10-08 (overdue on 2025-10-16)
 *   week 2 interviews  CSM, Product Manager   due 2025-10-15 (overdue)
 *   week 3 analysis    Product Manager        due 2025-10-22 (this week)
 */
const AS_OF = '2025-10-16';
const stepsOf = (items: TodayItem[]) =>
  items.flatMap((i) => (i.kind === 'step' ? [[i.stepId, i.overdue, i.responsible] as const] : []));

describe('Today: the steps you are responsible for (issue 13, point 5)', () => {
  const s = useCsmWorkspace();

  /** Ana owns TechCorp; its VoC Sprint starts with Ana as the CSM (the default mapping). */
  async function start(owner: string | null = 'ana@acme.com') {
    if (owner) {
      const r = await kpi(
        ...['account', 'set', '--db', s.db, '--customer', 'Samples', '--account', 'TechCorp Solutions'],
        ...['--owner', owner],
      );
      expect(r.code).toBe(0);
    }
    return peek(s.db, (d) =>
      startExecution(d, 1, {
        userId: s.ana,
        accountId: s.accountId,
        playbookId: 'voc-sprint',
        triggeredBy: 'manual',
        now: new Date('2025-10-01T10:00:00.000Z'),
      }),
    );
  }

  it('a user mapped to the Responsible role sees the step; the owner does not when someone else is mapped', async () => {
    const executionId = await start();
    await peek(s.db, (d) => {
      // Bo, who owns no account, is made the CSM of this execution; the Product Manager stays unmapped.
      setRolePeople(d, 1, { executionId, role: 'CSM', userIds: [s.bo] });
      const bo = today(d, 1, { userId: s.bo, asOf: AS_OF });
      expect(bo.scope).toBe('mine');
      expect(stepsOf(bo.items)).toEqual([
        ['voc-week1-survey', true, ['Bo Lead']],
        ['voc-week2-interviews', true, ['Bo Lead', 'Ana CSM']],
      ]);
      // Bo's Today holds only his steps: the account's renewal, status and triggers are Ana's.
      expect(bo.items.every((i) => i.kind === 'step')).toBe(true);
      expect(bo.overdueCount).toBe(2);
      // Ana owns the account but is not the CSM any more: week 1 is Bo's alone; for the
      // unmapped Product Manager, week 2 and 3 fall back to her as the owner.
      const ana = today(d, 1, { userId: s.ana, asOf: AS_OF });
      expect(stepsOf(ana.items)).toEqual([
        ['voc-week2-interviews', true, ['Bo Lead', 'Ana CSM']],
        ['voc-week3-analysis', false, ['Ana CSM']],
      ]);
      expect(ana.overdueCount).toBe(1);
      // Mapping Ana as the Product Manager too: she is named once, from the mapping.
      setRolePeople(d, 1, { executionId, role: 'Product Manager', userIds: [s.bo, s.ana] });
      expect(stepsOf(today(d, 1, { userId: s.ana, asOf: AS_OF }).items)).toEqual([
        ['voc-week2-interviews', true, ['Bo Lead', 'Ana CSM']],
        ['voc-week3-analysis', false, ['Ana CSM', 'Bo Lead']],
      ]);
    });
  });

  it('falls back to the account owner when nobody is mapped, and names nobody without an owner', async () => {
    const executionId = await start();
    await peek(s.db, (d) => {
      setRolePeople(d, 1, { executionId, role: 'CSM', userIds: [] });
      expect(stepsOf(today(d, 1, { userId: s.ana, asOf: AS_OF }).items)).toEqual([
        ['voc-week1-survey', true, ['Ana CSM']],
        ['voc-week2-interviews', true, ['Ana CSM']],
        ['voc-week3-analysis', false, ['Ana CSM']],
      ]);
      expect(stepsOf(today(d, 1, { userId: s.bo, asOf: AS_OF }).items)).toEqual([]);
      // The switch to everyone's: every step, each naming its people.
      expect(stepsOf(today(d, 1, { userId: s.bo, everyone: true, asOf: AS_OF }).items)).toHaveLength(3);
      // Without an owner, nobody: no account is owned, so Today is everyone's.
      d.raw.prepare('UPDATE accounts SET owner_user_id = NULL').run();
      const all = today(d, 1, { userId: s.ana, asOf: AS_OF });
      expect(all.scope).toBe('everyone');
      expect(stepsOf(all.items).map((x) => x[2])).toEqual([[], [], []]);
    });
  });

  it('the command line: `today --json` keeps its fields and names who is responsible', async () => {
    const executionId = await start();
    await peek(s.db, (d) => setRolePeople(d, 1, { executionId, role: 'CSM', userIds: [s.bo] }));
    const r = await kpi(
      'today',
      '--db',
      s.db,
      '--customer',
      'Samples',
      '--as-of',
      AS_OF,
      '--json',
      '--user',
      'bo@acme.com',
    );
    expect(r.code).toBe(0);
    const t = JSON.parse(r.out) as Today;
    expect(Object.keys(t)).toEqual(['asOf', 'items']);
    expect(t.items.map((i) => i.kind === 'step' && i.stepId)).toEqual(['voc-week1-survey', 'voc-week2-interviews']);
    expect(t.items[0]).toMatchObject({
      kind: 'step',
      account: 'TechCorp Solutions',
      title: expect.stringMatching(/^VoC Sprint: /),
      due: '2025-10-08',
      overdue: true,
      executionId,
      stepId: 'voc-week1-survey',
      step: expect.any(String),
      responsible: ['Bo Lead'],
    });
  });
});
