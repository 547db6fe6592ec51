import { workspaceOf } from '../context';
import { defineHandlers } from '../ipc/dispatch';
import { accountFacets, createAccount, listAccounts, setAccountStatus, updateAccount } from './service';

export const accountHandlers = defineHandlers({
  'accounts.list': (ctx, filter) => listAccounts(ctx.db, workspaceOf(ctx), filter),
  'accounts.facets': (ctx) => accountFacets(ctx.db, workspaceOf(ctx)),
  'accounts.create': (ctx, input) => createAccount(ctx.db, workspaceOf(ctx), input),
  'accounts.update': (ctx, input) => updateAccount(ctx.db, workspaceOf(ctx), input),
  'accounts.setStatus': (ctx, { accountId, status }) => setAccountStatus(ctx.db, workspaceOf(ctx), accountId, status),
});
