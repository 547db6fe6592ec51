import { defineHandlers } from '../ipc/dispatch';

export const scoringHandlers = defineHandlers({});
