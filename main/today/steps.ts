import type { TodayItem } from '../../shared/channels/today';
import { playbookById } from '../../shared/playbooks/catalogue';
import { parseExecutionData } from '../../shared/playbooks/execution';
import { dueState, stepDueDates } from '../../shared/today/dates';
import { all, type Db } from '../db/open';

/**
 * Today's playbook steps (issue 13, points 4 and 5): the pending steps of running executions that
 * are overdue or due this week. For one user, the steps where they are responsible by RACI: they
 * play one of the step's Responsible roles in that execution (playbook_role_people), or, for a
 * role nobody is mapped to in that execution, they own the account. Each step names its people.
 */

export interface ActiveAccount {
  name: string;
  ownerId: number | null;
}

export interface StepScope {
  /** The workspace's active accounts (executions of other accounts are left out). */
  accounts: ReadonlyMap<number, ActiveAccount>;
  /** Only this user's steps; null: every step of these accounts. */
  userId: number | null;
}

/** Running execution → role → the users mapped to it. */
type RoleMap = Map<string, Map<string, number[]>>;

function roleMap(db: Db, customerId: number): RoleMap {
  const out: RoleMap = new Map();
  for (const r of all(
    db,
    db.k
      .selectFrom('playbook_role_people as rp')
      .innerJoin('playbook_executions as e', (j) =>
        j.onRef('e.execution_id', '=', 'rp.execution_id').on('e.customer_id', '=', customerId),
      )
      .select(['rp.execution_id', 'rp.role', 'rp.user_id'])
      .where('rp.customer_id', '=', customerId)
      .where('e.status', '=', 'in-progress')
      .orderBy('rp.user_id'),
  )) {
    let roles = out.get(r.execution_id);
    if (!roles) {
      roles = new Map();
      out.set(r.execution_id, roles);
    }
    const list = roles.get(r.role) ?? [];
    list.push(r.user_id);
    roles.set(r.role, list);
  }
  return out;
}

/**
 * Who is responsible for a step: the people mapped to each of its Responsible roles, and for a
 * role with nobody mapped in this execution, the account's owner (when it has one). Each once.
 */
export function responsibleIds(
  roles: readonly string[],
  mapped: ReadonlyMap<string, readonly number[]> | undefined,
  ownerId: number | null,
): number[] {
  const out: number[] = [];
  for (const role of roles) {
    const people = mapped?.get(role);
    const ids = people && people.length > 0 ? people : ownerId != null ? [ownerId] : [];
    for (const id of ids) if (!out.includes(id)) out.push(id);
  }
  return out;
}

function userNames(db: Db, customerId: number): Map<number, string> {
  return new Map(
    all(db, db.k.selectFrom('users').select(['user_id', 'user_name']).where('customer_id', '=', customerId)).map(
      (u) => [u.user_id, u.user_name],
    ),
  );
}

/** Pending steps of running executions that are overdue or due within the week, in scope. */
export function stepItems(db: Db, customerId: number, scope: StepScope, asOf: string, timeZone?: string): TodayItem[] {
  const rows = all(
    db,
    db.k
      .selectFrom('playbook_executions')
      .select(['execution_id', 'account_id', 'execution_data'])
      .where('customer_id', '=', customerId)
      .where('status', '=', 'in-progress'),
  );
  if (rows.length === 0) return [];
  const roles = roleMap(db, customerId);
  const names = userNames(db, customerId);
  const out: TodayItem[] = [];
  for (const row of rows) {
    const accountId = row.account_id;
    const account = accountId != null ? scope.accounts.get(accountId) : undefined;
    if (accountId == null || !account) continue;
    let exec: ReturnType<typeof parseExecutionData>;
    try {
      exec = parseExecutionData(row.execution_data);
    } catch {
      continue;
    }
    const def = playbookById(exec.playbookId);
    if (!def || exec.status !== 'in-progress') continue;
    const done = new Set(exec.results.map((r) => r.stepId));
    const dueOf = stepDueDates(exec.startedAt, timeZone);
    for (const step of def.steps) {
      if (done.has(step.id)) continue;
      const due = dueOf(step.dueDay);
      const state = dueState(due, asOf);
      if (state === 'later') continue;
      const people = responsibleIds(step.raci.responsible, roles.get(row.execution_id), account.ownerId);
      if (scope.userId != null && !people.includes(scope.userId)) continue;
      out.push({
        kind: 'step',
        account: account.name,
        accountId,
        title: `${def.name}: ${step.name}`,
        due,
        overdue: state === 'overdue',
        executionId: exec.id,
        playbookId: def.id,
        playbook: def.name,
        stepId: step.id,
        step: step.name,
        current: exec.currentStep === step.id,
        responsible: people.flatMap((id) => names.get(id) ?? []),
      });
    }
  }
  return out;
}
