import { z } from 'zod';
import { id, out } from './common';

/** Issue 13, point 3: notes per account (text, author, time); each person edits and deletes their own. */

export interface NoteRow {
  id: number;
  accountId: number;
  text: string;
  userId: number | null;
  author: string | null;
  createdAt: string;
  updatedAt: string;
  /** The signed-in user wrote it: they may edit and delete it. */
  mine: boolean;
}

const noteText = z
  .string()
  .trim()
  .min(1, 'A note needs some text.')
  .max(20_000, 'A note is at most 20,000 characters.');

export const notesChannels = {
  'notes.list': { input: z.object({ accountId: id }), output: out<NoteRow[]>() },
  'notes.add': { input: z.object({ accountId: id, text: noteText }), output: out<NoteRow>() },
  'notes.update': { input: z.object({ noteId: id, text: noteText }), output: out<NoteRow>() },
  'notes.delete': { input: z.object({ noteId: id }), output: out<{ deleted: true }>() },
} as const;
