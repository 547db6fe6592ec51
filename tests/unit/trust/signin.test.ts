import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { failureWaitMs, hashPassword, parseHash, verifyPassword } from '../../../main/auth/passwords';
import { assertSignedIn, resetFailures } from '../../../main/auth/service';
import { kpi } from '../../helpers/cli';
import { ok, tempBackend, tempDir } from '../../helpers/db';

afterEach(() => resetFailures());

describe('password hashes (issue 11 point 5)', () => {
  it('are salted scrypt in the self-describing form, at most 128 characters, and verify', () => {
    const a = hashPassword('correct horse');
    const b = hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a.length).toBeLessThanOrEqual(128);
    expect(a).not.toBe(b); // a random salt each time
    expect(verifyPassword('correct horse', a)).toBe(true);
    expect(verifyPassword('correct horsE', a)).toBe(false);
    expect(verifyPassword('x', null)).toBe(false);
    // parameters out of bounds are not run (a crafted hash cannot make the check eat the memory)
    expect(parseHash(a.replace('$32768$', '$33554432$'))).toBeNull();
    expect(parseHash(a.replace('$32768$', '$1000$'))).toBeNull();
  });

  it('make repeated failures wait longer and longer, up to 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 20].map(failureWaitMs)).toEqual([0, 0, 2000, 4000, 8000, 300_000]);
  });
});

describe('sign-in through the dispatch', () => {
  it('a workspace with a password asks for sign-in; the signed-in user is the one writes are attributed to', async () => {
    const t = await tempBackend();
    try {
      const ws = await ok(t.backend, 'workspaces.create', { name: 'Acme' });
      expect((await ok(t.backend, 'auth.status')).guarded).toBe(false);
      const ann = await ok(t.backend, 'users.create', {
        name: 'Ann',
        email: 'ann@acme.com',
        password: 'ann-secret-1',
      });
      expect(ann).toMatchObject({ name: 'Ann', hasPassword: true });
      const raw = t.backend.ctx.db.raw;
      const stored = raw.prepare('SELECT password_hash FROM users WHERE user_id = ?').pluck().get(ann.id) as string;
      expect(stored).toMatch(/^scrypt\$/);
      expect(stored).not.toContain('ann-secret-1');

      // switching to it (or opening it at start) locks: every workspace channel refused
      await ok(t.backend, 'workspaces.switch', { workspaceId: ws.id });
      const status = await ok(t.backend, 'auth.status');
      expect(status).toMatchObject({ guarded: true, locked: true, user: null, idleMinutes: 15 });
      expect(status.people.map((p: { name: string }) => p.name)).toEqual(['Ann']);
      const refused = await t.backend.invoke('accounts.list', {});
      expect(refused).toMatchObject({ ok: false, error: { code: 'signin_required' } });

      const wrong = await t.backend.invoke('auth.signIn', { userId: ann.id, password: 'nope' });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'refused', message: 'That password is not right.' } });
      await ok(t.backend, 'auth.signIn', { userId: ann.id, password: 'ann-secret-1' });
      expect(t.backend.ctx.session.userId).toBe(ann.id);
      const account = await ok(t.backend, 'accounts.create', { name: 'Signed Account' });
      const people = await ok(t.backend, 'users.people');
      expect(people.find((p: { isMe: boolean }) => p.isMe).name).toBe('Ann');
      expect(account.name).toBe('Signed Account');

      // the idle time passes: the next request locks
      const later = Date.now() + 16 * 60_000;
      expect(() => assertSignedIn(t.backend.ctx.db, t.backend.ctx.session, later)).toThrow('Sign in');
      expect((await ok(t.backend, 'auth.status')).locked).toBe(true);
    } finally {
      await t.cleanup();
    }
  });

  it('refuses further attempts for a while after repeated failures, even with the right password', async () => {
    const t = await tempBackend();
    try {
      await ok(t.backend, 'workspaces.create', { name: 'Acme' });
      const bob = await ok(t.backend, 'users.create', { name: 'Bob', email: 'bob@acme.com', password: 'bob-secret-1' });
      await ok(t.backend, 'auth.lock');
      for (let i = 0; i < 3; i++) await t.backend.invoke('auth.signIn', { userId: bob.id, password: 'wrong' });
      const r = await t.backend.invoke('auth.signIn', { userId: bob.id, password: 'bob-secret-1' });
      expect(r).toMatchObject({ ok: false, error: { code: 'refused' } });
      expect(r.ok ? '' : r.error.message).toMatch(/^Too many failed attempts; try again in \d+ seconds?\.$/);
      expect((await ok(t.backend, 'auth.status')).locked).toBe(true);
    } finally {
      await t.cleanup();
    }
  });

  it('People: edit (password removed unlocks the workspace), remove (history kept, unattributed)', async () => {
    const t = await tempBackend();
    try {
      await ok(t.backend, 'workspaces.create', { name: 'Acme' });
      const cy = await ok(t.backend, 'users.create', { name: 'Cy', email: 'cy@acme.com', password: 'cy-secret-1' });
      const dup = await t.backend.invoke('users.create', { name: 'Cy 2', email: 'CY@acme.com' });
      expect(dup).toMatchObject({ ok: false, error: { code: 'conflict' } });
      const short = await t.backend.invoke('users.create', { name: 'Di', password: 'short' });
      expect(short).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      const edited = await ok(t.backend, 'users.update', { userId: cy.id, name: 'Cyrus', email: 'cy@acme.com' });
      expect(edited).toMatchObject({ name: 'Cyrus', hasPassword: true }); // absent password: kept
      await ok(t.backend, 'users.update', { userId: cy.id, name: 'Cyrus', email: 'cy@acme.com', password: null });
      expect((await ok(t.backend, 'auth.status')).guarded).toBe(false);
      const me = (await ok(t.backend, 'users.people')).find((p: { isMe: boolean }) => p.isMe);
      const self = await t.backend.invoke('users.remove', { userId: me.id });
      expect(self).toMatchObject({ ok: false, error: { code: 'refused' } });
      const left = await ok(t.backend, 'users.remove', { userId: cy.id });
      expect(left.map((p: { name: string }) => p.name)).toEqual([me.name]);
    } finally {
      await t.cleanup();
    }
  });
});

describe('user add / user passwd on the command line', () => {
  it('adds a user and sets a password from an environment variable, never from the command line', async () => {
    const t = tempDir();
    try {
      const db = path.join(t.dir, 'app.db');
      expect((await kpi('customer', 'add', '--db', db, '--name', 'Acme')).code).toBe(0);
      process.env.KPI_TEST_PW = 'eve-secret-1';
      const add = await kpi(
        'user',
        'add',
        '--db',
        db,
        '--customer',
        'Acme',
        '--name',
        'Eve',
        '--email',
        'eve@acme.com',
        '--password-env',
        'KPI_TEST_PW',
      );
      expect(add).toMatchObject({ code: 0 });
      expect(add.out).toContain('Eve <eve@acme.com> in Acme, with a password');
      const unset = await kpi(
        'user',
        'passwd',
        '--db',
        db,
        '--customer',
        'Acme',
        '--email',
        'eve@acme.com',
        '--password-env',
        'KPI_NOT_SET_X',
      );
      expect(unset).toMatchObject({ code: 1 });
      expect(unset.err).toContain('KPI_NOT_SET_X is not set');
      process.env.KPI_TEST_PW = 'eve-secret-2';
      const pw = await kpi(
        'user',
        'passwd',
        '--db',
        db,
        '--customer',
        'Acme',
        '--email',
        'eve@acme.com',
        '--password-env',
        'KPI_TEST_PW',
      );
      expect(pw).toMatchObject({ code: 0 });
      const nobody = await kpi(
        'user',
        'passwd',
        '--db',
        db,
        '--customer',
        'Acme',
        '--email',
        'x@acme.com',
        '--password-env',
        'KPI_TEST_PW',
      );
      expect(nobody.code).toBe(1);
      expect((await kpi('user', 'passwd', '--db', db, '--customer', 'Acme', '--email', 'eve@acme.com')).code).toBe(2);
    } finally {
      delete process.env.KPI_TEST_PW;
      t.cleanup();
    }
  });
});
