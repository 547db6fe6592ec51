import { defineHandlers } from '../ipc/dispatch';

export const playbooksHandlers = defineHandlers({});
