import { defineHandlers } from '../ipc/dispatch';
import { authStatus, lock, setIdleMinutes, signIn } from './service';

export const authHandlers = defineHandlers({
  // unscoped: they answer while the workspace is locked, about the session's own workspace
  'auth.status': (ctx) => authStatus(ctx.db, ctx.session),
  'auth.signIn': (ctx, { userId, password }) => signIn(ctx.db, ctx.session, userId, password),
  'auth.lock': (ctx) => lock(ctx.db, ctx.session),
  'auth.setIdle': (ctx, _ws, { minutes }) => {
    setIdleMinutes(ctx.db, minutes);
    return { idleMinutes: minutes };
  },
});
