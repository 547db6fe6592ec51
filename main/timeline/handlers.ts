import { defineHandlers } from '../ipc/dispatch';
import { accountTimeline } from './service';

export const timelineHandlers = defineHandlers({
  'timeline.account': (ctx, ws, input) => accountTimeline(ctx.db, ws.customerId, input.accountId, input.kinds),
});
