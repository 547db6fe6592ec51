import { defineHandlers } from '../ipc/dispatch';

export const dashboardHandlers = defineHandlers({});
