import { useEffect, useState } from 'react';
import { call } from '../api';
import { Field } from '../components/Dialog';
import { errorMessage, useApp } from '../store';
import { useAuth } from './authState';
import './signin.css';

/**
 * The sign-in asked for by a workspace where someone has a password: on opening it, switching to
 * it, and after the idle time. It guards the window, not the file (see the README).
 */
export function SignInScreen() {
  const status = useAuth((s) => s.status);
  const workspace = useApp((s) => s.workspaces.find((w) => w.id === s.activeId));
  const people = status?.people ?? [];
  const [userId, setUserId] = useState<number | null>(people[0]?.id ?? null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  useEffect(() => {
    if (userId == null || !people.some((p) => p.id === userId)) setUserId(people[0]?.id ?? null);
  }, [people, userId]);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (userId == null) return;
    setPending(true);
    setError(null);
    try {
      useAuth.getState().set(await call('auth.signIn', { userId, password }));
      setPassword('');
      useApp.getState().dataChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setPending(false);
    }
  };
  return (
    <section className="screen signin" aria-labelledby="signin-title">
      <form className="card signin-card" onSubmit={submit}>
        <h1 id="signin-title">Sign in to {workspace?.name ?? 'this workspace'}</h1>
        <p className="muted">This workspace asks who is using it. Choose your name and type your password.</p>
        <Field label="Name">
          <select value={userId ?? ''} onChange={(e) => setUserId(Number(e.target.value))}>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.email ? `${p.name} (${p.email})` : p.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Password">
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </Field>
        {error && (
          <p className="signin-error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={pending || !password || userId == null}>
            {pending ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Locks the window after the idle time without a key press, click or pointer move. */
export function IdleLock() {
  const status = useAuth((s) => s.status);
  const active = !!status?.guarded && !status.locked;
  const minutes = status?.idleMinutes ?? 15;
  useEffect(() => {
    if (!active) return;
    let timer = 0;
    const lock = () => {
      call('auth.lock', {}).then(useAuth.getState().set, () => undefined);
    };
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(lock, minutes * 60_000);
    };
    const events = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, restart, { passive: true });
    restart();
    return () => {
      window.clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, restart);
    };
  }, [active, minutes]);
  return null;
}
