import type { User, Workspace, WorkspaceList } from '../../shared/contract';
import { DEFAULT_CATEGORY_WEIGHTS, type UploadMode } from '../../shared/defaults';
import { AppError } from '../../shared/errors';
import { normalizeName } from '../../shared/names';
import { lockIfGuarded } from '../auth/service';
import type { Session } from '../context';
import { all, type Db, first, inTransaction, run } from '../db/open';

const LAST_WORKSPACE = 'last_workspace_id';

function toWorkspace(r: {
  customer_id: number;
  customer_name: string;
  email: string | null;
  kpi_upload_mode: string | null;
  account_count: number | null;
}): Workspace {
  return {
    id: r.customer_id,
    name: r.customer_name,
    email: r.email,
    mode: r.kpi_upload_mode === 'account_rollup' ? 'account_rollup' : 'corporate',
    accountCount: Number(r.account_count ?? 0),
  };
}

function workspaceQuery(db: Db) {
  return db.k
    .selectFrom('customers as c')
    .leftJoin('customer_configs as cc', 'cc.customer_id', 'c.customer_id')
    .select((eb) => [
      'c.customer_id',
      'c.customer_name',
      'c.email',
      'cc.kpi_upload_mode',
      eb
        .selectFrom('accounts as a')
        .whereRef('a.customer_id', '=', 'c.customer_id')
        .where('a.account_status', '=', 'active')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('account_count'),
    ]);
}

export function listWorkspaces(db: Db, session: Session): WorkspaceList {
  const rows = all(db, workspaceQuery(db).orderBy('c.customer_name'));
  return {
    workspaces: rows.map(toWorkspace),
    activeId: session.customerId,
  };
}

export function getWorkspace(db: Db, customerId: number): Workspace {
  const r = first(db, workspaceQuery(db).where('c.customer_id', '=', customerId));
  if (!r) throw new AppError('not_found', 'That workspace no longer exists.');
  return toWorkspace(r);
}

export function findWorkspaceByName(db: Db, name: string): Workspace {
  const rows = all(db, workspaceQuery(db));
  const wanted = normalizeName(name);
  const r = rows.find((x) => normalizeName(x.customer_name) === wanted);
  if (!r) throw new AppError('not_found', `There is no workspace named "${name}".`);
  return toWorkspace(r);
}

/** Hooks other features add to a new workspace (the playbook triggers, for one). */
const onCreate: Array<(db: Db, customerId: number) => void> = [];
export function onWorkspaceCreated(hook: (db: Db, customerId: number) => void): void {
  onCreate.push(hook);
}

export function createWorkspace(
  db: Db,
  input: { name: string; email?: string | null; mode?: UploadMode; userName?: string },
): Workspace {
  const taken = all(db, db.k.selectFrom('customers').select(['customer_name', 'email']));
  if (taken.some((c) => normalizeName(c.customer_name) === normalizeName(input.name))) {
    throw new AppError('conflict', `A workspace named "${input.name}" already exists.`);
  }
  const emailTaken = () => new AppError('conflict', `A workspace with the email ${input.email} already exists.`);
  if (input.email != null && taken.some((c) => c.email?.toLowerCase() === input.email?.toLowerCase())) {
    throw emailTaken();
  }
  const customerId = inTransaction(db, () => {
    let id: number;
    try {
      id = run(
        db,
        db.k.insertInto('customers').values({ customer_name: input.name, email: input.email ?? null }),
      ).lastInsertRowid;
    } catch (err) {
      // The email column is UNIQUE: another process on the same file may have taken it since the check.
      if ((err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw emailTaken();
      throw err;
    }
    run(
      db,
      db.k.insertInto('customer_configs').values({
        customer_id: id,
        kpi_upload_mode: input.mode ?? 'corporate',
        category_weights: JSON.stringify(DEFAULT_CATEGORY_WEIGHTS),
      }),
    );
    run(
      db,
      db.k
        .insertInto('users')
        .values({ customer_id: id, user_name: input.userName ?? 'Me', email: input.email ?? null }),
    );
    for (const hook of onCreate) hook(db, id);
    return id;
  });
  return getWorkspace(db, customerId);
}

export function renameWorkspace(db: Db, customerId: number, name: string): Workspace {
  const clash = all(db, db.k.selectFrom('customers').select(['customer_id', 'customer_name'])).find(
    (c) => c.customer_id !== customerId && normalizeName(c.customer_name) === normalizeName(name),
  );
  if (clash) throw new AppError('conflict', `A workspace named "${name}" already exists.`);
  run(db, db.k.updateTable('customers').set({ customer_name: name }).where('customer_id', '=', customerId));
  return getWorkspace(db, customerId);
}

/** Deletes a workspace and every row that belongs to it, children first, in one transaction. */
export function deleteWorkspace(db: Db, customerId: number): void {
  inTransaction(db, () => {
    const accountIds = db.k.selectFrom('accounts').select('account_id').where('customer_id', '=', customerId);
    const userIds = db.k.selectFrom('users').select('user_id').where('customer_id', '=', customerId);
    run(db, db.k.deleteFrom('playbook_reports').where('customer_id', '=', customerId));
    run(db, db.k.deleteFrom('playbook_executions').where('customer_id', '=', customerId));
    run(db, db.k.deleteFrom('playbook_triggers').where('customer_id', '=', customerId));
    // issue 13 (migrations 0008, 0009): account history, KPI edits and notes
    for (const table of ['account_changes', 'kpi_edits', 'account_notes'] as const)
      run(db, db.k.deleteFrom(table).where('customer_id', '=', customerId));
    run(db, db.k.deleteFrom('health_trend_categories').where('customer_id', '=', customerId));
    run(db, db.k.deleteFrom('health_trends').where('customer_id', '=', customerId));
    run(
      db,
      db.k
        .deleteFrom('kpi_time_series')
        .where('kpi_id', 'in', db.k.selectFrom('kpis').select('kpi_id').where('account_id', 'in', accountIds)),
    );
    run(db, db.k.deleteFrom('kpis').where('account_id', 'in', accountIds));
    run(db, db.k.deleteFrom('kpi_uploads').where('customer_id', '=', customerId));
    run(db, db.k.deleteFrom('import_files').where('customer_id', '=', customerId));
    run(db, db.k.deleteFrom('import_mappings').where('customer_id', '=', customerId));
    run(db, db.k.deleteFrom('accounts').where('customer_id', '=', customerId));
    run(db, db.k.deleteFrom('customer_configs').where('customer_id', '=', customerId));
    run(db, db.k.updateTable('kpi_reference_ranges').set({ created_by: null }).where('created_by', 'in', userIds));
    run(db, db.k.updateTable('kpi_reference_ranges').set({ updated_by: null }).where('updated_by', 'in', userIds));
    run(db, db.k.deleteFrom('users').where('customer_id', '=', customerId));
    run(db, db.k.deleteFrom('customers').where('customer_id', '=', customerId));
  });
}

/**
 * The workspace's default user: its first. The session works as this user; the command line and
 * the automatic playbook starts record it too.
 */
export function defaultUserId(db: Db, customerId: number): number | null {
  const user = first(
    db,
    db.k.selectFrom('users').select('user_id').where('customer_id', '=', customerId).orderBy('user_id').limit(1),
  );
  return user?.user_id ?? null;
}

/** Makes a workspace the session's active one, with its default user, and remembers it. */
export function activate(db: Db, session: Session, customerId: number | null): void {
  if (customerId == null) {
    session.customerId = null;
    session.userId = null;
    session.locked = false;
    return;
  }
  getWorkspace(db, customerId);
  session.customerId = customerId;
  session.userId = defaultUserId(db, customerId);
  lockIfGuarded(db, session); // a workspace with a password asks for sign-in (issue 11 point 5)
  run(
    db,
    db.k
      .insertInto('app_state')
      .values({ key: LAST_WORKSPACE, value: String(customerId) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(customerId) })),
  );
}

/** The session a fresh start opens with: the last workspace used, else the first one. */
export function restoreSession(db: Db): Session {
  const session: Session = { customerId: null, userId: null };
  const last = first(db, db.k.selectFrom('app_state').select('value').where('key', '=', LAST_WORKSPACE));
  const ids = all(db, db.k.selectFrom('customers').select('customer_id').orderBy('customer_id')).map(
    (r) => r.customer_id,
  );
  const wanted = last?.value ? Number(last.value) : null;
  const pick = wanted != null && ids.includes(wanted) ? wanted : (ids[0] ?? null);
  activate(db, session, pick);
  return session;
}

export function listUsers(db: Db, customerId: number): User[] {
  return all(
    db,
    db.k
      .selectFrom('users')
      .select(['user_id', 'user_name', 'email'])
      .where('customer_id', '=', customerId)
      .orderBy('user_id'),
  ).map((u) => ({ id: u.user_id, name: u.user_name, email: u.email }));
}

export function addUser(db: Db, customerId: number, input: { name: string; email?: string | null }): User {
  const id = run(
    db,
    db.k.insertInto('users').values({ customer_id: customerId, user_name: input.name, email: input.email ?? null }),
  ).lastInsertRowid;
  return { id, name: input.name, email: input.email ?? null };
}
