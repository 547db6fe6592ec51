import type { AuthStatus } from '../../shared/channels/auth';
import { AppError } from '../../shared/errors';
import type { Session } from '../context';
import { all, type Db, first, run } from '../db/open';
import { failureWaitMs, verifyPassword } from './passwords';

// Sign-in (issue 11 point 5). A workspace where any user has a password is "guarded": opening or
// switching to it locks the session (no user, every scoped channel refused) until a user signs in;
// the signed-in user is the session's user (ws.userId), so what they write is attributed to them.
// The session locks again after the idle time (an app-wide setting, 15 minutes by default).

const IDLE_KEY = 'idle_lock_minutes';
export const DEFAULT_IDLE_MINUTES = 15;

/** Failed attempts per workspace, in this process. */
const failures = new Map<number, { count: number; until: number }>();

export function isGuarded(db: Db, customerId: number): boolean {
  return !!first(
    db,
    db.k
      .selectFrom('users')
      .select('user_id')
      .where('customer_id', '=', customerId)
      .where('password_hash', 'is not', null)
      .limit(1),
  );
}

/** Called whenever a workspace is opened: a guarded one starts locked, with nobody signed in. */
export function lockIfGuarded(db: Db, session: Session): void {
  session.locked = session.customerId != null && isGuarded(db, session.customerId);
  if (session.locked) session.userId = null;
  session.lastSeen = Date.now();
}

export function idleMinutes(db: Db): number {
  const r = first(db, db.k.selectFrom('app_state').select('value').where('key', '=', IDLE_KEY));
  const n = Number(r?.value);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_IDLE_MINUTES;
}

export function setIdleMinutes(db: Db, minutes: number): void {
  run(
    db,
    db.k
      .insertInto('app_state')
      .values({ key: IDLE_KEY, value: String(minutes) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(minutes) })),
  );
}

/**
 * Checked by the dispatch before a scoped channel: a locked session is refused, and a signed-in one
 * idle longer than the idle time locks first.
 */
export function assertSignedIn(db: Db, session: Session, now = Date.now()): void {
  if (session.customerId == null) return;
  if (!session.locked && session.lastSeen != null && now - session.lastSeen > idleMinutes(db) * 60_000) {
    if (isGuarded(db, session.customerId)) lockIfGuarded(db, session);
  }
  if (session.locked) throw new AppError('signin_required', 'Sign in to open this workspace.');
  session.lastSeen = now;
}

function signInUsers(db: Db, customerId: number) {
  return all(
    db,
    db.k
      .selectFrom('users')
      .select(['user_id', 'user_name', 'email', 'password_hash'])
      .where('customer_id', '=', customerId)
      .where('password_hash', 'is not', null)
      .orderBy('user_name'),
  );
}

export function authStatus(db: Db, session: Session): AuthStatus {
  const customerId = session.customerId;
  if (customerId == null)
    return { workspaceId: null, guarded: false, locked: false, user: null, people: [], idleMinutes: idleMinutes(db) };
  const guarded = isGuarded(db, customerId);
  const me = session.userId
    ? first(db, db.k.selectFrom('users').select(['user_id', 'user_name']).where('user_id', '=', session.userId))
    : undefined;
  return {
    workspaceId: customerId,
    guarded,
    locked: !!session.locked,
    user: me ? { id: me.user_id, name: me.user_name } : null,
    people: session.locked
      ? signInUsers(db, customerId).map((u) => ({ id: u.user_id, name: u.user_name, email: u.email }))
      : [],
    idleMinutes: idleMinutes(db),
  };
}

export function signIn(db: Db, session: Session, userId: number, password: string, now = Date.now()): AuthStatus {
  const customerId = session.customerId;
  if (customerId == null) throw new AppError('no_workspace', 'Create or open a workspace first.');
  const f = failures.get(customerId) ?? { count: 0, until: 0 };
  if (now < f.until) {
    const s = Math.ceil((f.until - now) / 1000);
    throw new AppError('refused', `Too many failed attempts; try again in ${s} second${s === 1 ? '' : 's'}.`);
  }
  const user = signInUsers(db, customerId).find((u) => u.user_id === userId);
  // the hash is computed even for an unknown user, so the answer takes as long either way
  if (!verifyPassword(password, user?.password_hash) || !user) {
    const count = f.count + 1;
    failures.set(customerId, { count, until: now + failureWaitMs(count) });
    throw new AppError('refused', 'That password is not right.');
  }
  failures.delete(customerId);
  session.userId = user.user_id;
  session.locked = false;
  session.lastSeen = now;
  return authStatus(db, session);
}

/** Locks the window now (the idle timer, or "Lock"); only a guarded workspace can be locked. */
export function lock(db: Db, session: Session): AuthStatus {
  if (session.customerId != null && isGuarded(db, session.customerId)) lockIfGuarded(db, session);
  return authStatus(db, session);
}

/** For tests: forget the failed attempts. */
export function resetFailures(): void {
  failures.clear();
}
