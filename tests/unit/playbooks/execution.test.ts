import { describe, expect, it } from 'vitest';
import { normalizeName } from '../../../shared/names';
import { PLAYBOOKS, type PlaybookDef, playbookById } from '../../../shared/playbooks/catalogue';
import {
  allStepsDone,
  cancel,
  captureBaseline,
  complete,
  completeStep,
  type ExecutionData,
  fail,
  makeExecutionId,
  newExecution,
  PlaybookError,
  parseExecutionData,
  priorityFor,
  skipStep,
  stepFieldErrors,
  stepSchedule,
  validateStepResult,
} from '../../../shared/playbooks/execution';

const voc = playbookById('voc-sprint')!;
const t0 = new Date('2025-10-15T00:25:26.017Z');
const day = (n: number) => new Date(t0.getTime() + n * 86_400_000);

function start(def: PlaybookDef = voc, health: number | null = 55): ExecutionData {
  const kpis = new Map([[normalizeName('NPS Score'), 42]]);
  return newExecution({
    id: 'exec_1',
    def,
    customerId: 1,
    accountId: 7,
    accountName: 'TechCorp Solutions',
    userId: 1,
    userName: 'Test User',
    baseline: captureBaseline(def, kpis, health, '2025-09'),
    triggeredBy: 'manual',
    now: t0,
  });
}

function expectError(fn: () => unknown, code: string, message?: RegExp): PlaybookError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PlaybookError);
    expect((e as PlaybookError).code).toBe(code);
    if (message) expect((e as PlaybookError).message).toMatch(message);
    return e as PlaybookError;
  }
  throw new Error(`expected PlaybookError ${code}`);
}

const vocResults: Record<string, unknown> = {
  'voc-week1-survey': { responses: 45, nps: 42 },
  'voc-week2-interviews': { interviews: 6, notes: ' talked to 6 users ' },
  'voc-week3-analysis': { action_items: 5 },
  'voc-week4-close-loop': { executive_sponsor: 'Dana Lee' },
};

describe('newExecution', () => {
  it('has the seed shape, first step current, baseline captured', () => {
    const e = start();
    expect(e).toMatchObject({
      id: 'exec_1',
      playbookId: 'voc-sprint',
      customerId: 1,
      accountId: 7,
      status: 'in-progress',
      currentStep: 'voc-week1-survey',
      startedAt: '2025-10-15T00:25:26.017Z',
      completedAt: null,
      results: [],
      context: {
        customerId: 1,
        accountId: 7,
        accountName: 'TechCorp Solutions',
        userId: 1,
        userName: 'Test User',
        baseline: {
          kpis: { 'NPS Score': 42, 'CSAT Score': null, 'Churn Risk Score': null },
          health: 55,
          month: '2025-09',
        },
      },
      metadata: { priority: 'high', triggeredBy: 'manual' },
    });
    const auto = newExecution({
      id: 'x',
      def: playbookById('expansion-play')!,
      customerId: 1,
      accountId: 7,
      accountName: 'A',
      userId: null,
      userName: null,
      baseline: { kpis: {}, health: 80, month: null },
      triggeredBy: 'auto',
      reason: 'overall health 80 >= 75; License Utilization 90 >= 85',
      now: t0,
    });
    expect(auto.metadata).toEqual({
      priority: 'low',
      triggeredBy: 'auto',
      reason: 'overall health 80 >= 75; License Utilization 90 >= 85',
    });
    expect(auto.currentStep).toBe('exp-opportunity');
  });

  it('priority rule', () => {
    const by = (id: string, h: number | null) => priorityFor(playbookById(id)!, h);
    expect(by('voc-sprint', 90)).toBe('high');
    expect(by('sla-recovery', null)).toBe('high');
    expect(by('activation-blitz', 39.9)).toBe('high');
    expect(by('activation-blitz', 40)).toBe('medium');
    expect(by('renewal-readiness', null)).toBe('medium');
    expect(by('expansion-play', 80)).toBe('low');
    expect(by('expansion-play', 30)).toBe('high');
  });

  it('makeExecutionId follows the seed format', () => {
    expect(makeExecutionId(t0)).toMatch(/^exec_1760487926017_[0-9a-z]{9}$/);
    expect(makeExecutionId(t0, () => 0.5)).toBe('exec_1760487926017_iiiiiiiii');
  });
});

describe('step transitions', () => {
  it('walks every playbook start to finish with valid results', () => {
    for (const def of PLAYBOOKS) {
      let e = start(def);
      def.steps.forEach((s, i) => {
        expect(e.currentStep).toBe(s.id);
        const result = Object.fromEntries(
          s.records.map((r) => [r.key, r.type === 'number' ? 3 : r.type === 'boolean' ? true : 'Someone']),
        );
        const before = e;
        e = completeStep(e, def, s.id, result, day(i + 1));
        expect(before.results).toHaveLength(i); // not mutated
        expect(e.results[i]).toEqual({
          stepId: s.id,
          completedAt: day(i + 1).toISOString(),
          status: 'completed',
          result,
        });
      });
      expect(e.currentStep).toBeNull();
      expect(allStepsDone(e, def)).toBe(true);
      const done = complete(e, def, day(30));
      expect(done.status).toBe('completed');
      expect(done.completedAt).toBe(day(30).toISOString());
    }
  });

  it('enforces order', () => {
    const e = start();
    expectError(
      () => completeStep(e, voc, 'voc-week2-interviews', { interviews: 1 }, day(1)),
      'out_of_order',
      /"Customer interviews" cannot be completed yet: first complete or skip "Send NPS\/CSAT survey"/,
    );
    expectError(() => skipStep(e, voc, 'voc-week3-analysis', 'no time', day(1)), 'out_of_order');
    expectError(
      () => completeStep(e, voc, 'nope', {}, day(1)),
      'unknown_step',
      /"nope" is not a step of the VoC Sprint/,
    );
    const e1 = completeStep(e, voc, 'voc-week1-survey', vocResults['voc-week1-survey'], day(1));
    expectError(
      () => completeStep(e1, voc, 'voc-week1-survey', vocResults['voc-week1-survey'], day(2)),
      'step_already_done',
    );
    expectError(
      () => completeStep(e1, playbookById('sla-recovery')!, 'sla-incident-review', {}, day(2)),
      'wrong_playbook',
    );
  });

  it('skip needs a reason and moves on', () => {
    const e = start();
    expectError(
      () => skipStep(e, voc, 'voc-week1-survey', '', day(1)),
      'reason_required',
      /reason to skip "Send NPS\/CSAT survey"/,
    );
    expectError(() => skipStep(e, voc, 'voc-week1-survey', '   ', day(1)), 'reason_required');
    const s = skipStep(e, voc, 'voc-week1-survey', ' survey ran last month ', day(1));
    expect(s.results[0]).toEqual({
      stepId: 'voc-week1-survey',
      completedAt: day(1).toISOString(),
      status: 'skipped',
      result: {},
      reason: 'survey ran last month',
    });
    expect(s.currentStep).toBe('voc-week2-interviews');
  });

  it("gives a form each field's problem by key, named by its label only", () => {
    const survey = voc.steps[0];
    expect(stepFieldErrors(survey, { responses: Number.NaN })).toEqual({
      responses: 'Survey responses must be a number.',
      nps: 'NPS from the survey is required.',
    });
    expect(stepFieldErrors(survey, { responses: 4.5, nps: 42 })).toEqual({
      responses: 'Survey responses must be a whole number.',
    });
    expect(stepFieldErrors(survey, { responses: 45, nps: 42, notes: 'x' })).toEqual({});
  });

  it('refuses wrong result types with a message naming the field', () => {
    const e = start();
    const err = expectError(
      () => completeStep(e, voc, 'voc-week1-survey', { responses: '45', nps: 42 }, day(1)),
      'invalid_result',
      /Survey responses \(responses\) must be a number/,
    );
    expect(err.issues).toEqual(['Survey responses (responses) must be a number']);
    expectError(
      () => completeStep(e, voc, 'voc-week1-survey', { responses: 45 }, day(1)),
      'invalid_result',
      /\(nps\) is required/,
    );
    expectError(
      () => completeStep(e, voc, 'voc-week1-survey', { responses: 4.5, nps: 1 }, day(1)),
      'invalid_result',
      /whole number/,
    );
    expectError(
      () => completeStep(e, voc, 'voc-week1-survey', { responses: -1, nps: 1 }, day(1)),
      'invalid_result',
      /at least 0/,
    );
    expectError(
      () => completeStep(e, voc, 'voc-week1-survey', { responses: 4, nps: 101 }, day(1)),
      'invalid_result',
      /at most 100/,
    );
    expectError(
      () => completeStep(e, voc, 'voc-week1-survey', { responses: 4, nps: Number.NaN }, day(1)),
      'invalid_result',
      /\(nps\) must be a number/,
    );
    expectError(
      () => completeStep(e, voc, 'voc-week1-survey', { responses: 4, nps: 1, extra: 2 }, day(1)),
      'invalid_result',
      /Unknown field for this step: extra/,
    );
    expectError(
      () => completeStep(e, voc, 'voc-week1-survey', { responses: 4, nps: 1, notes: 5 }, day(1)),
      'invalid_result',
      /Notes must be text/,
    );
    expectError(() => completeStep(e, voc, 'voc-week1-survey', 'bad', day(1)), 'invalid_result');

    const sla = playbookById('sla-recovery')!;
    let s = completeStep(start(sla), sla, 'sla-incident-review', undefined, day(1));
    expectError(
      () => completeStep(s, sla, 'sla-remediation-plan', { plan_agreed: 'yes' }, day(2)),
      'invalid_result',
      /Remediation plan agreed \(plan_agreed\) must be yes or no/,
    );
    s = completeStep(s, sla, 'sla-remediation-plan', { plan_agreed: false }, day(2));
    expect(s.results[1].result).toEqual({ plan_agreed: false });

    let v = start();
    for (const id of ['voc-week1-survey', 'voc-week2-interviews', 'voc-week3-analysis'])
      v = completeStep(v, voc, id, vocResults[id], day(1));
    expectError(
      () => completeStep(v, voc, 'voc-week4-close-loop', { executive_sponsor: true }, day(2)),
      'invalid_result',
      /\(executive_sponsor\) must be text/,
    );
    expectError(
      () => completeStep(v, voc, 'voc-week4-close-loop', { executive_sponsor: '  ' }, day(2)),
      'invalid_result',
      /cannot be empty/,
    );
  });

  it('keeps trimmed notes, drops empty notes', () => {
    const step = voc.steps[1];
    expect(validateStepResult(step, { interviews: 2, notes: '  good  ' })).toEqual({
      ok: true,
      values: { interviews: 2, notes: 'good' },
    });
    expect(validateStepResult(step, { interviews: 2, notes: '   ' })).toEqual({ ok: true, values: { interviews: 2 } });
  });

  it('complete only when every step is completed or skipped', () => {
    let e = start();
    expectError(() => complete(e, voc, day(1)), 'steps_remaining', /4 steps still to do/);
    e = completeStep(e, voc, 'voc-week1-survey', vocResults['voc-week1-survey'], day(1));
    e = skipStep(e, voc, 'voc-week2-interviews', 'customer unavailable', day(2));
    e = completeStep(e, voc, 'voc-week3-analysis', vocResults['voc-week3-analysis'], day(3));
    expectError(() => complete(e, voc, day(4)), 'steps_remaining', /1 step still to do \("Close the loop/);
    e = skipStep(e, voc, 'voc-week4-close-loop', 'sponsor left', day(4));
    expect(complete(e, voc, day(5)).status).toBe('completed');
  });

  it('nothing happens after finished', () => {
    let done = start();
    for (const s of voc.steps) done = skipStep(done, voc, s.id, 'n/a', day(1));
    const finished = [complete(done, voc, day(2)), cancel(start(), day(1), 'customer asked'), fail(start(), day(1))];
    expect(finished.map((f) => f.status)).toEqual(['completed', 'cancelled', 'failed']);
    expect(finished[1].metadata.endReason).toBe('customer asked');
    expect(finished[1].completedAt).toBe(day(1).toISOString());
    for (const f of finished) {
      expectError(
        () => completeStep(f, voc, 'voc-week1-survey', vocResults['voc-week1-survey'], day(3)),
        'finished',
        /already/,
      );
      expectError(() => skipStep(f, voc, 'voc-week1-survey', 'x', day(3)), 'finished');
      expectError(() => complete(f, voc, day(3)), 'finished');
      expectError(() => cancel(f, day(3)), 'finished');
      expectError(() => fail(f, day(3), 'x'), 'finished');
    }
  });
});

describe('stepSchedule', () => {
  it('due = start + dueDay days; overdue when not done and past due', () => {
    const e = completeStep(start(), voc, 'voc-week1-survey', vocResults['voc-week1-survey'], day(9));
    const sched = stepSchedule(voc, e.startedAt, day(15), e.results);
    expect(sched.map((s) => s.dueAt)).toEqual([day(7), day(14), day(21), day(30)].map((d) => d.toISOString()));
    expect(sched.map((s) => s.status)).toEqual(['completed', 'pending', 'pending', 'pending']);
    expect(sched.map((s) => s.overdue)).toEqual([false, true, false, false]);
    expect(stepSchedule(voc, e.startedAt, day(14), e.results)[1].overdue).toBe(false);
    expect(stepSchedule(voc, e.startedAt, day(8))[0].overdue).toBe(true);
  });
});

describe('parseExecutionData', () => {
  it('reads the seed example (no baseline, no completedAt) and round-trips ours', () => {
    const seed = {
      id: 'exec_1760487926017_e954mwgcv',
      playbookId: 'voc-sprint',
      customerId: 1,
      accountId: 1,
      status: 'in-progress',
      currentStep: 'voc-week1-survey',
      startedAt: '2025-10-15T00:25:26.017Z',
      results: [
        {
          stepId: 'voc-week1-survey',
          completedAt: '2025-10-15T00:30:15.123Z',
          status: 'completed',
          result: { responses: 45, nps: 42 },
        },
      ],
      context: { customerId: 1, accountId: 1, accountName: 'TechCorp Solutions', userId: 1, userName: 'Test User' },
      metadata: { priority: 'high', triggeredBy: 'manual' },
    };
    const e = parseExecutionData(JSON.stringify(seed));
    expect(e.completedAt).toBeNull();
    expect(e.context.baseline).toEqual({ kpis: {}, health: null, month: null });
    const ours = completeStep(start(), voc, 'voc-week1-survey', vocResults['voc-week1-survey'], day(1));
    expect(parseExecutionData(JSON.parse(JSON.stringify(ours)))).toEqual(ours);
    // A completed one keeps what its report measured.
    let done = start();
    for (const s of voc.steps) done = skipStep(done, voc, s.id, 'n/a', day(1));
    const atCompletion = {
      ...captureBaseline(voc, new Map([[normalizeName('NPS Score'), 58]]), 70, '2025-10'),
      triggerConfig: { ...voc.triggerDefaults },
    };
    const completed = complete(done, voc, day(2), atCompletion);
    expect(completed.context.atCompletion).toEqual(atCompletion);
    expect(parseExecutionData(JSON.stringify(completed))).toEqual(completed);
    expect(parseExecutionData(JSON.stringify(complete(done, voc, day(2)))).context).not.toHaveProperty('atCompletion');
    expectError(() => parseExecutionData('{'), 'invalid_execution');
    expectError(() => parseExecutionData({ ...seed, playbookId: 'nope' }), 'invalid_execution', /playbookId/);
  });
});
