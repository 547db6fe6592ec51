import { AppError } from '../../shared/errors';
import { workspaceOf } from '../context';
import { defineHandlers } from '../ipc/dispatch';
import {
  activate,
  addUser,
  createWorkspace,
  deleteWorkspace,
  getWorkspace,
  listUsers,
  listWorkspaces,
  renameWorkspace,
} from './service';

export const workspaceHandlers = defineHandlers({
  'workspaces.list': (ctx) => listWorkspaces(ctx.db, ctx.session),
  'workspaces.create': (ctx, input) => {
    const ws = createWorkspace(ctx.db, { name: input.name, email: input.email, mode: input.mode });
    activate(ctx.db, ctx.session, ws.id);
    return ws;
  },
  'workspaces.switch': (ctx, { workspaceId }) => {
    activate(ctx.db, ctx.session, workspaceId);
    return listWorkspaces(ctx.db, ctx.session);
  },
  'workspaces.rename': (ctx, { name }) => renameWorkspace(ctx.db, workspaceOf(ctx), name),
  'workspaces.delete': (ctx, { confirmName }) => {
    const ws = getWorkspace(ctx.db, workspaceOf(ctx));
    if (confirmName.trim() !== ws.name.trim()) {
      throw new AppError('invalid_input', `Type the workspace's name, "${ws.name}", to confirm the deletion.`);
    }
    deleteWorkspace(ctx.db, ws.id);
    const rest = listWorkspaces(ctx.db, { customerId: null, userId: null }).workspaces;
    activate(ctx.db, ctx.session, rest[0]?.id ?? null);
    return listWorkspaces(ctx.db, ctx.session);
  },
  'users.list': (ctx) => listUsers(ctx.db, workspaceOf(ctx)),
  'users.add': (ctx, input) => addUser(ctx.db, workspaceOf(ctx), input),
});
