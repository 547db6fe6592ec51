import { z } from 'zod';
import type { Status } from '../scoring';
import { isoDate } from './accounts';
import { id, out } from './common';

/** Issue 13, point 4: what is due today for a CSM. */

export type TodayKind = 'step' | 'renewal' | 'status' | 'trigger' | 'stale';

interface ItemBase {
  kind: TodayKind;
  account: string;
  accountId: number;
  title: string;
  /** YYYY-MM-DD, or null when the item has no date. */
  due: string | null;
  overdue: boolean;
}

export type TodayItem =
  | (ItemBase & {
      kind: 'step';
      executionId: string;
      playbookId: string;
      playbook: string;
      stepId: string;
      step: string;
      /** The execution's next step: the one that can be completed now. */
      current: boolean;
      /**
       * Who is responsible (issue 13, point 5): the names of the people mapped to the step's
       * Responsible roles in this execution, the account's owner for a role nobody is mapped to.
       */
      responsible?: string[];
    })
  | (ItemBase & {
      kind: 'renewal';
      daysLeft: number;
      health: number | null;
      status: Status | null;
      /** Change of the overall health since the month before the latest. */
      trend: number | null;
    })
  | (ItemBase & { kind: 'status'; month: string; from: Status; to: Status; health: number })
  | (ItemBase & { kind: 'trigger'; playbookId: string; playbook: string; reason: string })
  | (ItemBase & { kind: 'stale'; latestMonth: string; monthsOld: number });

export interface Today {
  asOf: string;
  items: TodayItem[];
}

export interface TodayView extends Today {
  /** Whose items: the user's accounts, or everyone's (no owners set, or the switch). */
  scope: 'mine' | 'everyone';
  /** Overdue steps, the sidebar's count. */
  overdueCount: number;
}

export const todayInput = z.object({
  /** Whose accounts; default the signed-in user. */
  userId: id.optional(),
  /** Everyone's items, whatever the owners. */
  everyone: z.boolean().optional(),
  asOf: isoDate.optional(),
  /** The user's time zone (IANA), for step due dates. */
  timeZone: z
    .string()
    .max(64)
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-CA', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'That is not a time zone, e.g. Europe/Berlin')
    .meta({ examples: ['Europe/Berlin', 'America/New_York', 'UTC'] })
    .optional(),
  /**
   * False: without the playbooks that fire, the slow part at thousands of accounts; the page asks
   * for them apart (today.triggers) and shows the other sections meanwhile. Default true.
   */
  triggers: z.boolean().optional(),
});

export const todayChannels = {
  'today.get': { input: todayInput, output: out<TodayView>() },
  /** Today's playbooks that fire and are not running, alone (items of kind 'trigger'). */
  'today.triggers': { input: todayInput.omit({ triggers: true }), output: out<TodayView>() },
} as const;
