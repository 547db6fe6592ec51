import { workspaceOf } from '../context';
import { defineHandlers } from '../ipc/dispatch';
import { getSettings, updateSettings } from './service';

export const settingsHandlers = defineHandlers({
  'settings.get': (ctx) => getSettings(ctx.db, workspaceOf(ctx)),
  'settings.update': (ctx, input) => updateSettings(ctx.db, workspaceOf(ctx), input),
});
