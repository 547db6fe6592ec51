import { useState } from 'react';
import type { NoteRow } from '../../shared/channels/notes';
import { Dialog } from '../components/Dialog';
import { fmtDateTime } from '../components/format';
import { useMutation, useQuery } from '../data/useQuery';
import './notes.css';

/** Issue 13, point 3: the account's notes; each person edits and deletes their own. */
export function NotesCard(props: { accountId: number }) {
  const notes = useQuery('notes.list', { accountId: props.accountId });
  const [text, setText] = useState('');
  const add = useMutation('notes.add', { done: 'Note added.' });
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (await add.run({ accountId: props.accountId, text })) setText('');
  };
  return (
    <section className="card notes-card" id="account-notes" aria-labelledby="notes-h">
      <div className="card-head">
        <h2 id="notes-h">Notes</h2>
      </div>
      <form className="note-form" onSubmit={submit}>
        <textarea
          aria-label="New note"
          placeholder="What happened, what was agreed…"
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={20000}
          rows={2}
        />
        <button type="submit" className="primary" disabled={add.pending || !text.trim()}>
          Add note
        </button>
      </form>
      {notes.data?.length === 0 && <p className="muted small">No notes yet.</p>}
      <ul className="note-list">
        {(notes.data ?? []).map((n) => (
          <NoteItem key={n.id} note={n} />
        ))}
      </ul>
    </section>
  );
}

function NoteItem({ note }: { note: NoteRow }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.text);
  const [confirming, setConfirming] = useState(false);
  const update = useMutation('notes.update', { done: 'Note saved.' });
  const remove = useMutation('notes.delete', { done: 'Note deleted.' });
  return (
    <li className="note-item" id={`note-${note.id}`}>
      <div className="note-meta muted small">
        {note.author ?? 'Someone'} · {fmtDateTime(note.createdAt)}
        {note.updatedAt !== note.createdAt && ' · edited'}
      </div>
      {editing ? (
        <form
          className="note-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await update.run({ noteId: note.id, text })) setEditing(false);
          }}
        >
          <textarea aria-label="Edit note" value={text} onChange={(e) => setText(e.target.value)} rows={2} />
          <button type="submit" className="primary" disabled={update.pending || !text.trim()}>
            Save
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <p className="note-text">{note.text}</p>
      )}
      {note.mine && !editing && (
        <div className="note-actions">
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            Edit
          </button>
          <button type="button" className="link-button" onClick={() => setConfirming(true)}>
            Delete
          </button>
        </div>
      )}
      <Dialog title="Delete this note?" open={confirming} onClose={() => setConfirming(false)}>
        <p>The note is removed for everyone; this cannot be undone.</p>
        <div className="actions">
          <button type="button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
          <button
            type="button"
            className="danger-button"
            onClick={async () => {
              if (await remove.run({ noteId: note.id })) setConfirming(false);
            }}
          >
            Delete note
          </button>
        </div>
      </Dialog>
    </li>
  );
}
