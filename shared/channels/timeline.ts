import { z } from 'zod';
import type { Status } from '../scoring';
import { id, out } from './common';

/** Issue 13, point 3: an account's timeline, newest first. */

export const TIMELINE_KINDS = ['note', 'upload', 'edit', 'status', 'playbook', 'change'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

interface Base {
  kind: TimelineKind;
  /** ISO timestamp (UTC); a status change is dated on the last day of its month. */
  time: string;
  /** Who did it, where someone did. */
  author: string | null;
  /** One line in words. */
  title: string;
}

export type TimelineEntry =
  | (Base & { kind: 'note'; noteId: number; text: string })
  | (Base & { kind: 'upload'; uploadId: number; fileName: string | null; version: number; period: string | null })
  | (Base & {
      kind: 'edit';
      editId: number;
      kpi: string;
      category: string;
      month: string;
      oldValue: number | null;
      newValue: number | null;
      reason: string | null;
    })
  | (Base & { kind: 'status'; month: string; from: Status; to: Status; score: number })
  | (Base & {
      kind: 'playbook';
      event: 'started' | 'step' | 'skipped' | 'completed' | 'cancelled' | 'failed';
      executionId: string;
      playbookId: string;
      playbook: string;
      stepId?: string;
      step?: string;
    })
  | (Base & { kind: 'change'; field: string; oldValue: string | null; newValue: string | null });

export const timelineInput = z.object({
  accountId: id,
  kinds: z.array(z.enum(TIMELINE_KINDS)).max(TIMELINE_KINDS.length).optional(),
});

export const timelineChannels = {
  'timeline.account': { input: timelineInput, output: out<TimelineEntry[]>() },
} as const;
