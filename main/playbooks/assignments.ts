import type { ResponsibleStep, RolePeopleView } from '../../shared/channels/playbooks';
import { AppError } from '../../shared/errors';
import { isFinished, stepSchedule } from '../../shared/playbooks/execution';
import { all, type Db, inTransaction } from '../db/open';
import { defOf, loadExecutionRow, readExecution } from './executions';
import { peopleByRole, responsibleFor, rolesOf, workspacePeople, writeRolePeople } from './people';

/**
 * Playbooks assigned to people (issue 13, point 5): who plays each role of an execution, its
 * change while the execution runs, and the steps a user is responsible for (for Today).
 */

/** The roles of an execution with their people, the users to choose from, and each step's responsible people. */
export function getRolePeople(db: Db, customerId: number, executionId: string, now = new Date()): RolePeopleView {
  const row = loadExecutionRow(db, customerId, executionId);
  const exec = readExecution(row);
  const def = defOf(exec.playbookId);
  const people = peopleByRole(db, customerId, executionId);
  const sched = stepSchedule(def, exec.startedAt, now, exec.results);
  return {
    executionId,
    playbookName: def.name,
    editable: !isFinished(exec),
    roles: rolesOf(def).map((role) => ({ role, people: people.get(role) ?? [] })),
    users: workspacePeople(db, customerId),
    steps: def.steps.map((s, i) => ({
      stepId: s.id,
      name: s.name,
      roles: [...s.raci.responsible],
      people: responsibleFor(s.raci, people),
      status: sched[i].status,
    })),
  };
}

/**
 * Maps one role of a running execution to these users (an empty list leaves it unassigned).
 * Refused for a finished execution, a role the playbook does not have, and a user of another
 * workspace; nothing changes then.
 */
export function setRolePeople(
  db: Db,
  customerId: number,
  input: { executionId: string; role: string; userIds: readonly number[] },
): RolePeopleView {
  const { executionId } = input;
  const role = input.role.trim();
  inTransaction(db, () => {
    const exec = readExecution(loadExecutionRow(db, customerId, executionId));
    const def = defOf(exec.playbookId);
    if (isFinished(exec))
      throw new AppError('refused', `This ${def.name} is already ${exec.status}: its people can no longer be changed.`);
    const roles = rolesOf(def);
    if (!roles.includes(role))
      throw new AppError(
        'invalid_input',
        `"${role}" is not a role of the ${def.name}; its roles are ${roles.join(', ')}.`,
      );
    const known = new Set(workspacePeople(db, customerId).map((p) => p.userId));
    if (input.userIds.some((u) => !known.has(u)))
      throw new AppError('not_found', 'One of these people is not a user of this workspace.');
    writeRolePeople(db, customerId, executionId, role, input.userIds);
  });
  return getRolePeople(db, customerId, executionId);
}

/**
 * The steps still to do of the workspace's running executions where the user plays one of the
 * step's responsible roles, soonest due first.
 */
export function responsibleSteps(db: Db, customerId: number, userId: number, now = new Date()): ResponsibleStep[] {
  const rows = all(
    db,
    db.k
      .selectFrom('playbook_role_people as rp')
      .innerJoin('playbook_executions as e', (j) =>
        j.onRef('e.execution_id', '=', 'rp.execution_id').on('e.customer_id', '=', customerId),
      )
      .leftJoin('accounts as a', (j) =>
        j.onRef('a.account_id', '=', 'e.account_id').on('a.customer_id', '=', customerId),
      )
      .select(['e.execution_id', 'e.execution_data', 'a.account_name', 'rp.role'])
      .where('rp.customer_id', '=', customerId)
      .where('rp.user_id', '=', userId)
      .where('e.status', '=', 'in-progress'),
  );
  const byExecution = new Map<string, { data: string; accountName: string | null; roles: Set<string> }>();
  for (const r of rows) {
    const item = byExecution.get(r.execution_id) ?? {
      data: r.execution_data,
      accountName: r.account_name,
      roles: new Set(),
    };
    item.roles.add(r.role);
    byExecution.set(r.execution_id, item);
  }
  const out: ResponsibleStep[] = [];
  for (const item of byExecution.values()) out.push(...stepsOfExecution(item, now));
  return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.accountName.localeCompare(b.accountName));
}

function stepsOfExecution(
  item: { data: string; accountName: string | null; roles: Set<string> },
  now: Date,
): ResponsibleStep[] {
  let exec: ReturnType<typeof readExecution>;
  try {
    exec = readExecution({ execution_data: item.data });
  } catch {
    return []; // an unreadable execution is left out, as on the board
  }
  const def = defOf(exec.playbookId);
  const sched = stepSchedule(def, exec.startedAt, now, exec.results);
  const out: ResponsibleStep[] = [];
  def.steps.forEach((s, i) => {
    const roles = s.raci.responsible.filter((r) => item.roles.has(r));
    if (sched[i].status !== 'pending' || roles.length === 0) return;
    out.push({
      executionId: exec.id,
      playbookId: def.id,
      playbookName: def.name,
      accountId: exec.accountId,
      accountName: item.accountName ?? exec.context.accountName,
      stepId: s.id,
      stepName: s.name,
      roles,
      dueAt: sched[i].dueAt,
      overdue: sched[i].overdue,
      isCurrent: exec.currentStep === s.id,
    });
  });
  return out;
}
