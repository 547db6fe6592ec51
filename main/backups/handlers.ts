import { defineHandlers } from '../ipc/dispatch';
import { backUpNow, listBackupEntries, restoreBackup } from './service';

// unscoped: a backup and a restore concern the whole file, every workspace in it
export const backupsHandlers = defineHandlers({
  'backups.list': (ctx) => listBackupEntries(ctx.dbFile),
  'backups.create': (ctx) => backUpNow(ctx),
  'backups.restore': (ctx, { name }) => restoreBackup(ctx, name),
});
