import { accountsHandlers } from '../accounts/handlers';
import { authHandlers } from '../auth/handlers';
import { backupsHandlers } from '../backups/handlers';
import { dashboardHandlers } from '../dashboard/handlers';
import { importHandlers } from '../import/handlers';
import { kpisHandlers } from '../kpis/handlers';
import { notesHandlers } from '../notes/handlers';
import { playbooksHandlers } from '../playbooks/handlers';
import { rangesHandlers } from '../ranges/handlers';
import { scoringHandlers } from '../scoring/handlers';
import { settingsHandlers } from '../settings/handlers';
import { timelineHandlers } from '../timeline/handlers';
import { todayHandlers } from '../today/handlers';
import { uploadsHandlers } from '../uploads/handlers';
import { usersHandlers } from '../users/handlers';
import { workspaceFilesHandlers } from '../workspace-files/handlers';
import { workspacesHandlers } from '../workspaces/handlers';
import { defineHandlers, type Handlers } from './dispatch';

const appHandlers = defineHandlers({
  'app.info': (ctx) => ({ version: APP_VERSION, dbFile: ctx.dbFile, desktop: ctx.desktop }),
});

declare const __APP_VERSION__: string | undefined;
const APP_VERSION = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : (process.env.npm_package_version ?? 'dev');

/** Every channel of the contract with its handler; the type fails to check if one is missing. */
export const handlers: Handlers = {
  ...appHandlers,
  ...workspacesHandlers,
  ...accountsHandlers,
  ...settingsHandlers,
  ...rangesHandlers,
  ...uploadsHandlers,
  ...importHandlers,
  ...scoringHandlers,
  ...dashboardHandlers,
  ...playbooksHandlers,
  ...workspaceFilesHandlers,
  ...kpisHandlers,
  ...notesHandlers,
  ...timelineHandlers,
  ...todayHandlers,
  ...backupsHandlers,
  ...authHandlers,
  ...usersHandlers,
};
