import { defineHandlers } from '../ipc/dispatch';
import { getSettings, updateSettings } from './service';

export const settingsHandlers = defineHandlers({
  'settings.get': (ctx, ws) => getSettings(ctx.db, ws.customerId),
  'settings.update': (ctx, ws, input) => updateSettings(ctx.db, ws.customerId, input),
});
