import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getRolePeople, responsibleSteps, setRolePeople } from '../../../main/playbooks/assignments';
import {
  cancelExecution,
  deleteExecution,
  getExecutionView,
  recordStepResult,
  skipExecutionStep,
  startExecution,
} from '../../../main/playbooks/executions';
import { AppError } from '../../../shared/errors';
import { ok, tempBackend, tempDb } from '../../helpers/db';
import { account, workspace } from './helpers';

/** Issue 13, point 5: the RACI roles of an execution mapped to the workspace's people. */
let t: Awaited<ReturnType<typeof tempDb>>;
let customerId: number;
let dana: number;
let omar: number;
let pia: number;
let acme: number;
const START = new Date('2026-03-02T09:00:00Z');

const addUser = (customer: number, name: string) =>
  Number(
    t.db.raw
      .prepare('INSERT INTO users (customer_id, user_name, email) VALUES (?, ?, ?)')
      .run(customer, name, `${name.toLowerCase()}@example.com`).lastInsertRowid,
  );
const setOwner = (accountId: number, userId: number | null) =>
  t.db.raw.prepare('UPDATE accounts SET owner_user_id = ? WHERE account_id = ?').run(userId, accountId);
const mapping = () =>
  t.db.raw.prepare('SELECT execution_id, role, user_id FROM playbook_role_people ORDER BY id').all() as Array<{
    execution_id: string;
    role: string;
    user_id: number;
  }>;
const start = (accountId = acme, playbookId = 'voc-sprint') =>
  startExecution(t.db, customerId, { accountId, playbookId, now: START });
const names = (people: Array<{ userName: string }>) => people.map((p) => p.userName);

beforeEach(async () => {
  t = await tempDb();
  ({ customerId, userId: dana } = workspace(t.db));
  omar = addUser(customerId, 'Omar');
  pia = addUser(customerId, 'Pia');
  acme = account(t.db, customerId, 'Acme');
});
afterEach(async () => {
  await t.cleanup();
});

function refusal(fn: () => unknown, code: string, message: RegExp): void {
  const before = mapping();
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code });
  expect((error as Error).message).toMatch(message);
  expect(mapping(), 'a refusal changes nothing').toEqual(before);
}

describe('when a playbook starts', () => {
  it("maps the CSM role to the account's owner; every other role starts unassigned", () => {
    setOwner(acme, omar);
    const id = start();
    expect(mapping()).toEqual([{ execution_id: id, role: 'CSM', user_id: omar }]);
    const view = getRolePeople(t.db, customerId, id, START);
    expect(view.roles.map((r) => [r.role, names(r.people)])).toEqual([
      ['CSM', ['Omar']],
      ['VP Customer Success', []],
      ['Product Manager', []],
      ['Account Executive', []],
      ['Engineering Lead', []],
      ['CEO', []],
    ]);
    expect(view.editable).toBe(true);
    expect(names(view.users)).toEqual(['Dana CSM', 'Omar', 'Pia']);
    expect(view.steps.map((s) => [s.stepId, s.roles, names(s.people)])).toEqual([
      ['voc-week1-survey', ['CSM'], ['Omar']],
      ['voc-week2-interviews', ['CSM', 'Product Manager'], ['Omar']],
      ['voc-week3-analysis', ['Product Manager'], []],
      ['voc-week4-close-loop', ['CSM'], ['Omar']],
    ]);
  });

  it('maps nobody when the account has no owner', () => {
    const id = start();
    expect(mapping()).toEqual([]);
    expect(getExecutionView(t.db, customerId, id).steps.every((s) => s.responsiblePeople?.length === 0)).toBe(true);
  });
});

describe('during the execution', () => {
  it('a role is mapped to several people, shown on the steps it is responsible for, and unassigned again', () => {
    setOwner(acme, omar);
    const id = start();
    setRolePeople(t.db, customerId, { executionId: id, role: 'Product Manager', userIds: [pia, dana, pia] });
    const steps = getExecutionView(t.db, customerId, id).steps;
    expect(steps.map((s) => names(s.responsiblePeople ?? []))).toEqual([
      ['Omar'],
      ['Omar', 'Dana CSM', 'Pia'],
      ['Dana CSM', 'Pia'],
      ['Omar'],
    ]);
    const view = setRolePeople(t.db, customerId, { executionId: id, role: 'CSM', userIds: [] });
    expect(view.roles.find((r) => r.role === 'CSM')?.people).toEqual([]);
    expect(mapping().map((m) => [m.role, m.user_id])).toEqual([
      ['Product Manager', pia],
      ['Product Manager', dana],
    ]);
  });

  it('refuses a role the playbook does not have, a user of another workspace, and a finished execution', () => {
    const id = start();
    refusal(
      () => setRolePeople(t.db, customerId, { executionId: id, role: 'Support Lead', userIds: [omar] }),
      'invalid_input',
      /"Support Lead" is not a role of the VoC Sprint/,
    );
    const other = workspace(t.db, 'Initech');
    refusal(
      () => setRolePeople(t.db, customerId, { executionId: id, role: 'CSM', userIds: [omar, other.userId] }),
      'not_found',
      /not a user of this workspace/,
    );
    refusal(
      () => setRolePeople(t.db, other.customerId, { executionId: id, role: 'CSM', userIds: [other.userId] }),
      'not_found',
      /no playbook execution/,
    );
    setRolePeople(t.db, customerId, { executionId: id, role: 'CSM', userIds: [omar] });
    cancelExecution(t.db, customerId, id);
    refusal(
      () => setRolePeople(t.db, customerId, { executionId: id, role: 'CSM', userIds: [pia] }),
      'refused',
      /already cancelled/,
    );
    expect(getRolePeople(t.db, customerId, id).editable).toBe(false);
  });

  it('deleting the execution deletes its people', () => {
    setOwner(acme, omar);
    const id = start();
    deleteExecution(t.db, customerId, id);
    expect(mapping()).toEqual([]);
  });
});

describe('steps where a user is responsible', () => {
  it('lists the pending steps of running executions for the roles the user plays, soonest due first', () => {
    setOwner(acme, omar);
    const voc = start();
    const globex = account(t.db, customerId, 'Globex');
    const sla = start(globex, 'sla-recovery');
    setRolePeople(t.db, customerId, { executionId: sla, role: 'CSM', userIds: [omar] });
    const now = new Date('2026-03-10T12:00:00Z'); // past day 7, before day 14
    const steps = responsibleSteps(t.db, customerId, omar, now);
    expect(
      steps.filter((s) => s.executionId === voc).map((s) => [s.stepId, s.roles, s.dueAt, s.overdue, s.isCurrent]),
    ).toEqual([
      ['voc-week1-survey', ['CSM'], '2026-03-09T09:00:00.000Z', true, true],
      ['voc-week2-interviews', ['CSM'], '2026-03-16T09:00:00.000Z', false, false],
      ['voc-week4-close-loop', ['CSM'], '2026-04-01T09:00:00.000Z', false, false],
    ]);
    expect(steps.some((s) => s.executionId === sla && s.accountName === 'Globex')).toBe(true);
    const dues = steps.map((s) => s.dueAt);
    expect(dues).toEqual([...dues].sort());
    expect(responsibleSteps(t.db, customerId, pia, now)).toEqual([]);

    recordStepResult(t.db, customerId, voc, 'voc-week1-survey', { responses: 12, nps: 30 }, now);
    skipExecutionStep(t.db, customerId, voc, 'voc-week2-interviews', 'no time', now);
    expect(
      responsibleSteps(t.db, customerId, omar, now)
        .filter((s) => s.executionId === voc)
        .map((s) => [s.stepId, s.isCurrent]),
    ).toEqual([['voc-week4-close-loop', false]]);

    cancelExecution(t.db, customerId, sla);
    expect(responsibleSteps(t.db, customerId, omar, now).every((s) => s.executionId === voc)).toBe(true);
    const other = workspace(t.db, 'Initech');
    expect(responsibleSteps(t.db, other.customerId, omar, now)).toEqual([]);
  });
});

describe('through the dispatch', () => {
  it("another workspace's execution is not found; the signed-in user's steps by default", async () => {
    const b = await tempBackend();
    try {
      await ok(b.backend, 'workspaces.create', { name: 'Theirs' });
      const theirs = await ok(b.backend, 'accounts.create', { name: 'Secret' });
      const theirExecution = (
        await ok(b.backend, 'playbooks.start', { accountId: theirs.id, playbookId: 'voc-sprint' })
      ).executionId;
      await ok(b.backend, 'workspaces.create', { name: 'Mine' });
      const mine = await ok(b.backend, 'accounts.create', { name: 'Acme' });
      for (const [channel, payload] of [
        ['playbooks.rolePeople', { executionId: theirExecution }],
        ['playbooks.setRolePeople', { executionId: theirExecution, role: 'CSM', userIds: [] }],
      ] as const) {
        expect(await b.backend.invoke(channel, payload), channel).toMatchObject({
          ok: false,
          error: { code: 'not_found' },
        });
      }
      const started = await ok(b.backend, 'playbooks.start', { accountId: mine.id, playbookId: 'voc-sprint' });
      const view = await ok(b.backend, 'playbooks.rolePeople', { executionId: started.executionId });
      const me = view.users[0].userId;
      await ok(b.backend, 'playbooks.setRolePeople', { executionId: started.executionId, role: 'CSM', userIds: [me] });
      const steps = await ok(b.backend, 'playbooks.responsibleSteps', {});
      expect(steps.map((s: { stepId: string }) => s.stepId)).toEqual([
        'voc-week1-survey',
        'voc-week2-interviews',
        'voc-week4-close-loop',
      ]);
      expect(
        await b.backend.invoke('playbooks.setRolePeople', { executionId: 'x', role: '', userIds: [0] }),
      ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      await b.cleanup();
    }
  });
});
