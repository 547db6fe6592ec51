import { defineHandlers } from '../ipc/dispatch';
import { today, todayTriggers } from './service';

export const todayHandlers = defineHandlers({
  'today.get': (ctx, ws, input) => today(ctx.db, ws.customerId, { ...input, userId: input.userId ?? ws.userId }),
  'today.triggers': (ctx, ws, input) =>
    todayTriggers(ctx.db, ws.customerId, { ...input, userId: input.userId ?? ws.userId }),
});
