import { z } from 'zod';
import { STALE_AFTER_MONTHS_MAX, type UploadMode } from '../defaults';
import { out, uploadMode } from './common';

/** A workspace's settings: its upload mode and category weights. */

export interface Settings {
  mode: UploadMode;
  /** The weights scoring uses; when none are configured, the equal shares it uses then. */
  categoryWeights: Record<string, number>;
  /** False when the workspace has no category_weights: every scored category counts the same. */
  weightsConfigured: boolean;
  masterFileName: string | null;
  /** The categories of the workspace's KPIs (sheet names, first spelling); empty before any import. */
  categories: string[];
  /** An account is stale when its newest data is more than this many months before today (default 2). */
  staleAfterMonths: number;
}

export const categoryWeights = z.record(z.string().trim().min(1), z.number().finite());

export const staleAfterMonths = z
  .number()
  .int('The stale limit is a whole number of months.')
  .min(1, 'The stale limit is at least 1 month.')
  .max(STALE_AFTER_MONTHS_MAX, `The stale limit is at most ${STALE_AFTER_MONTHS_MAX} months.`);

export const settingsInput = z.object({
  mode: uploadMode.optional(),
  categoryWeights: categoryWeights.optional(),
  staleAfterMonths: staleAfterMonths.optional(),
});
export type SettingsInput = z.output<typeof settingsInput>;

export const settingsChannels = {
  'settings.get': { input: z.object({}), output: out<Settings>() },
  'settings.update': { input: settingsInput, output: out<Settings>() },
} as const;
