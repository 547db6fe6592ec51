import { defineHandlers } from '../ipc/dispatch';
import { deleteUpload, downloadUpload, lastUploadAccount, listUploads } from './service';

export const uploadsHandlers = defineHandlers({
  'uploads.list': (ctx, ws, { accountId }) => listUploads(ctx.db, ws.customerId, accountId),
  'uploads.lastAccount': (ctx, ws) => lastUploadAccount(ctx.db, ws.customerId),
  'uploads.download': (ctx, ws, { uploadId }) => downloadUpload(ctx.db, ws.customerId, uploadId),
  'uploads.delete': (ctx, ws, { uploadId }) => deleteUpload(ctx.db, ws.customerId, uploadId),
});
