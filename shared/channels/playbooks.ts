// Playbook triggers, executions and reports.
export const playbooksChannels = {} as const;
