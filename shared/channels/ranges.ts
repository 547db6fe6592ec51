import { z } from 'zod';
import { type Range, rangeSchema } from '../scoring/range';
import { bytes, type ExportFile, fileName, id, out } from './common';
import type { StatusImpact } from './scoring';

/**
 * The reference ranges: one table shared by every workspace (the seed's has no customer column),
 * though a workspace must be open to see or change them.
 */

/** A stored range, as listed: the range with its row id and when it last changed. */
export type RangeRow = Range & { id: number; updatedAt: string };

export const rangesChannels = {
  'ranges.list': { input: z.object({}), output: out<RangeRow[]>() },
  'ranges.save': { input: z.object({ id: id.optional(), range: rangeSchema }), output: out<RangeRow>() },
  'ranges.delete': { input: z.object({ id }), output: out<{ deleted: string }>() },
  'ranges.previewImpact': {
    input: z.object({ id: id.optional(), range: rangeSchema }),
    output: out<StatusImpact>(),
  },
  'ranges.import': {
    input: z.object({ fileName, bytes }),
    output: out<{ added: number; updated: number; unchanged: number }>(),
  },
  'ranges.export': {
    input: z.object({ format: z.enum(['csv', 'xlsx']) }),
    output: out<ExportFile>(),
  },
} as const;
