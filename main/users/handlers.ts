import { defineHandlers } from '../ipc/dispatch';
import { createPerson, listPeople, removePerson, updatePerson } from './service';

export const usersHandlers = defineHandlers({
  'users.people': (ctx, ws) => listPeople(ctx.db, ws),
  'users.create': (ctx, ws, input) => createPerson(ctx.db, ws, input),
  'users.update': (ctx, ws, input) => updatePerson(ctx.db, ws, input),
  'users.remove': (ctx, ws, { userId }) => removePerson(ctx.db, ws, userId),
});
