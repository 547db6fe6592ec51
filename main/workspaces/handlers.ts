import { AppError } from '../../shared/errors';
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

export const workspacesHandlers = defineHandlers({
  // unscoped: they read or change which workspace the session has open
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

  'workspaces.rename': (ctx, ws, { name }) => renameWorkspace(ctx.db, ws.customerId, name),
  'workspaces.delete': (ctx, ws, { confirmName }) => {
    const workspace = getWorkspace(ctx.db, ws.customerId);
    if (confirmName.trim() !== workspace.name.trim()) {
      throw new AppError('invalid_input', `Type the workspace's name, "${workspace.name}", to confirm the deletion.`);
    }
    deleteWorkspace(ctx.db, workspace.id);
    // the session moves to the first workspace left, or to none
    return ctx.openWorkspace(null);
  },
  'users.list': (ctx, ws) => listUsers(ctx.db, ws.customerId),
  'users.add': (ctx, ws, input) => addUser(ctx.db, ws.customerId, input),
});
