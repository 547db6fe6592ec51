/** The Playbooks view's tab, kept while the window is open (and set by links such as Settings' "Edit thresholds"). */
export type PlaybooksTab = 'executions' | 'triggers';
export const playbooksTab: { last: PlaybooksTab } = { last: 'executions' };
