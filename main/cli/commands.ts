import { importCommands } from '../import/cli';
import { playbookCommands } from '../playbooks/cli';
import { scoringCommands } from '../scoring/cli';
import { accountCommands } from './account-commands';
import { coreCommands } from './core-commands';
import type { Command } from './framework';
import { kpiCommands } from './kpi-commands';
import { timelineCommands } from './timeline-commands';
import { todayCommands } from './today-commands';
import { trustCommands } from './trust-commands';
import { workspaceFileCommands } from './workspace-file-commands';

/** Every command of `npm run kpi`, on the same services as the app. */
export const commands: Command[] = [
  ...coreCommands,
  ...importCommands,
  ...scoringCommands,
  ...playbookCommands,
  ...trustCommands,
  ...accountCommands,
  ...workspaceFileCommands,
  ...kpiCommands,
  ...timelineCommands,
  ...todayCommands,
];
