import { useState } from 'react';
import type { Person } from '../../shared/channels/users';
import { MIN_PASSWORD_LENGTH } from '../../shared/defaults-auth';
import { call } from '../api';
import { useAuth } from '../auth/authState';
import { Dialog, DialogError, Field } from '../components/Dialog';
import { useMutation, useQuery } from '../data/useQuery';
import { applyChange, errorMessage } from '../store';
import './people.css';

/**
 * Settings → People (issue 11 point 5): the workspace's users, with an optional password each.
 * Once anyone has a password, opening this workspace asks for sign-in.
 */
export function PeopleCard() {
  const people = useQuery('users.people', {}).data ?? [];
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const [removing, setRemoving] = useState<Person | null>(null);
  const remove = useMutation('users.remove', { done: 'User removed.' });
  return (
    <section className="card people-card" aria-labelledby="people-title">
      <h2 id="people-title">People</h2>
      <ul className="people-list">
        {people.map((p) => (
          <li key={p.id}>
            <span className="people-name">
              {p.name}
              {p.isMe && <span className="muted"> (you)</span>}
              {p.email && <span className="muted people-email">{p.email}</span>}
            </span>
            {p.hasPassword && <span className="people-badge">Password</span>}
            <button type="button" onClick={() => setEditing(p)} aria-label={`Edit ${p.name}`}>
              Edit
            </button>
            <button type="button" onClick={() => setRemoving(p)} aria-label={`Remove ${p.name}`} disabled={p.isMe}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <p className="muted">
        When anyone here has a password, opening this workspace asks who is signing in; only people with a password can
        sign in.
      </p>
      <div className="actions">
        <button type="button" onClick={() => setEditing('new')}>
          Add person…
        </button>
      </div>
      <IdleSetting />
      <PersonDialog person={editing} onClose={() => setEditing(null)} />
      <Dialog title={`Remove ${removing?.name ?? ''}?`} open={removing != null} onClose={() => setRemoving(null)}>
        <div className="form">
          <p>What they uploaded or edited stays, no longer attributed to anyone.</p>
          <div className="actions">
            <button type="button" onClick={() => setRemoving(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="danger-button"
              onClick={async () => {
                if (removing && (await remove.run({ userId: removing.id }))) setRemoving(null);
              }}
            >
              Remove
            </button>
          </div>
        </div>
      </Dialog>
    </section>
  );
}

function PersonDialog(props: { person: Person | 'new' | null; onClose: () => void }) {
  const p = props.person === 'new' ? null : props.person;
  const open = props.person != null;
  return (
    <Dialog title={p ? `Edit ${p.name}` : 'Add person'} open={open} onClose={props.onClose}>
      {open && <PersonForm key={p?.id ?? 'new'} person={p} onDone={props.onClose} />}
    </Dialog>
  );
}

function PersonForm({ person, onDone }: { person: Person | null; onDone: () => void }) {
  const [name, setName] = useState(person?.name ?? '');
  const [email, setEmail] = useState(person?.email ?? '');
  const [password, setPassword] = useState('');
  const [clear, setClear] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    const base = { name, email: email || null };
    const pw = clear ? null : password || undefined;
    const work = person
      ? call('users.update', { userId: person.id, ...base, password: pw })
      : call('users.create', { ...base, password: password || null });
    const done = await applyChange(work, person ? 'Saved.' : 'Person added.', 'success', (err) =>
      setError(errorMessage(err)),
    );
    if (done) {
      void useAuth.getState().refresh();
      onDone();
    }
  };
  return (
    <form className="form" onSubmit={save}>
      <Field label="Name">
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </Field>
      <Field label="Email">
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      <Field label={person?.hasPassword ? 'New password (empty: keep the current one)' : 'Password (optional)'}>
        <input
          type="password"
          autoComplete="new-password"
          value={password}
          disabled={clear}
          minLength={MIN_PASSWORD_LENGTH}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      {person?.hasPassword && (
        <label className="check">
          <input type="checkbox" checked={clear} onChange={(e) => setClear(e.target.checked)} /> Remove the password
        </label>
      )}
      <DialogError message={error} />
      <div className="actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!name.trim()}>
          {person ? 'Save' : 'Add person'}
        </button>
      </div>
    </form>
  );
}

/** The idle time before the window locks (it matters once someone has a password). */
function IdleSetting() {
  const current = useAuth((s) => s.status?.idleMinutes ?? 15);
  const [value, setValue] = useState(String(current));
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (await applyChange(call('auth.setIdle', { minutes: Number(value) }), 'Saved.'))
      void useAuth.getState().refresh();
  };
  return (
    <form className="people-idle" onSubmit={save}>
      <Field label="Lock the window after this many minutes without use">
        <input type="number" min={1} max={480} value={value} onChange={(e) => setValue(e.target.value)} />
      </Field>
      <button type="submit" disabled={Number(value) === current || !value}>
        Save
      </button>
    </form>
  );
}
