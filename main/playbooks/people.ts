import type { RolePerson } from '../../shared/channels/playbooks';
import type { PlaybookDef, RaciRoles } from '../../shared/playbooks/catalogue';
import { all, type Db, first, run } from '../db/open';

/**
 * The people behind an execution's RACI roles (issue 13, point 5), stored in playbook_role_people
 * (migration 0012): the defaults when a playbook starts (the account's owner as the CSM) and the
 * reads the execution views use. Every query is scoped to the workspace.
 */

export const CSM_ROLE = 'CSM';
const RACI_KEYS = ['responsible', 'accountable', 'consulted', 'informed'] as const;

/** Every role the playbook's steps name (R, A, C and I alike), in the order they first appear. */
export function rolesOf(def: PlaybookDef): string[] {
  const out: string[] = [];
  for (const step of def.steps)
    for (const key of RACI_KEYS) for (const role of step.raci[key]) if (!out.includes(role)) out.push(role);
  return out;
}

/** The workspace's users, by name. */
export function workspacePeople(db: Db, customerId: number): RolePerson[] {
  return all(
    db,
    db.k
      .selectFrom('users')
      .select(['user_id', 'user_name', 'email'])
      .where('customer_id', '=', customerId)
      .orderBy('user_name')
      .orderBy('user_id'),
  ).map((u) => ({ userId: u.user_id, userName: u.user_name, email: u.email }));
}

/** Role → the people mapped to it for one execution (roles with nobody are absent). */
export function peopleByRole(db: Db, customerId: number, executionId: string): Map<string, RolePerson[]> {
  const rows = all(
    db,
    db.k
      .selectFrom('playbook_role_people as rp')
      .innerJoin('users as u', (j) => j.onRef('u.user_id', '=', 'rp.user_id').on('u.customer_id', '=', customerId))
      .select(['rp.role', 'u.user_id', 'u.user_name', 'u.email'])
      .where('rp.customer_id', '=', customerId)
      .where('rp.execution_id', '=', executionId)
      .orderBy('u.user_name')
      .orderBy('u.user_id'),
  );
  const out = new Map<string, RolePerson[]>();
  for (const r of rows) {
    const list = out.get(r.role) ?? [];
    list.push({ userId: r.user_id, userName: r.user_name, email: r.email });
    out.set(r.role, list);
  }
  return out;
}

/** The people mapped to a step's responsible roles, each once. */
export function responsibleFor(raci: RaciRoles, people: Map<string, RolePerson[]>): RolePerson[] {
  const out: RolePerson[] = [];
  for (const role of raci.responsible)
    for (const p of people.get(role) ?? []) if (!out.some((o) => o.userId === p.userId)) out.push(p);
  return out;
}

/** Replaces the people of one role (no check: the caller validated the role and the users). */
export function writeRolePeople(
  db: Db,
  customerId: number,
  executionId: string,
  role: string,
  userIds: readonly number[],
): void {
  run(
    db,
    db.k
      .deleteFrom('playbook_role_people')
      .where('customer_id', '=', customerId)
      .where('execution_id', '=', executionId)
      .where('role', '=', role),
  );
  const distinct = [...new Set(userIds)];
  if (distinct.length === 0) return;
  run(
    db,
    db.k
      .insertInto('playbook_role_people')
      .values(distinct.map((user_id) => ({ customer_id: customerId, execution_id: executionId, role, user_id }))),
  );
}

/**
 * The mapping a new execution starts with: the account's owner plays the CSM role when the
 * playbook has one and the account has an owner of this workspace; other roles start unassigned.
 */
export function assignDefaultPeople(
  db: Db,
  customerId: number,
  executionId: string,
  accountId: number,
  def: PlaybookDef,
): void {
  if (!rolesOf(def).includes(CSM_ROLE)) return;
  const owner = first(
    db,
    db.k
      .selectFrom('accounts as a')
      .innerJoin('users as u', (j) => j.onRef('u.user_id', '=', 'a.owner_user_id').on('u.customer_id', '=', customerId))
      .select('u.user_id')
      .where('a.customer_id', '=', customerId)
      .where('a.account_id', '=', accountId),
  );
  if (owner) writeRolePeople(db, customerId, executionId, CSM_ROLE, [owner.user_id]);
}
