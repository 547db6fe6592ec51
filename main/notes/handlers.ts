import { defineHandlers } from '../ipc/dispatch';
import { addNote, deleteNote, listNotes, updateNote } from './service';

export const notesHandlers = defineHandlers({
  'notes.list': (ctx, ws, input) => listNotes(ctx.db, ws.customerId, input.accountId, ws.userId),
  'notes.add': (ctx, ws, input) => addNote(ctx.db, ws.customerId, ws.userId, input),
  'notes.update': (ctx, ws, input) => updateNote(ctx.db, ws.customerId, ws.userId, input),
  'notes.delete': (ctx, ws, input) => deleteNote(ctx.db, ws.customerId, ws.userId, input.noteId),
});
