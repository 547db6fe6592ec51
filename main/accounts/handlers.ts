import { defineHandlers } from '../ipc/dispatch';
import { bulkUpdateAccounts, listPeople } from './book';
import { importAccountsList, previewAccountsList } from './list-import';
import { accountFacets, createAccount, listAccounts, setAccountStatus, updateAccount } from './service';

export const accountsHandlers = defineHandlers({
  'accounts.list': (ctx, ws, filter) => listAccounts(ctx.db, ws.customerId, filter),
  'accounts.facets': (ctx, ws) => accountFacets(ctx.db, ws.customerId),
  'accounts.create': (ctx, ws, input) => createAccount(ctx.db, ws.customerId, input),
  'accounts.update': (ctx, ws, input) => updateAccount(ctx.db, ws.customerId, input, ws.userId ?? null),
  'accounts.people': (ctx, ws) => listPeople(ctx.db, ws.customerId),
  'accounts.bulkUpdate': (ctx, ws, input) => bulkUpdateAccounts(ctx.db, ws.customerId, input, ws.userId ?? null),
  'accounts.listPreview': (ctx, ws, { fileName, bytes }) => previewAccountsList(ctx.db, ws.customerId, fileName, bytes),
  'accounts.listImport': (ctx, ws, input) => importAccountsList(ctx.db, ws.customerId, input, ws.userId ?? null),
  'accounts.setStatus': (ctx, ws, { accountId, status }) => setAccountStatus(ctx.db, ws.customerId, accountId, status),
});
