import { defineHandlers } from '../ipc/dispatch';

export const importHandlers = defineHandlers({});
