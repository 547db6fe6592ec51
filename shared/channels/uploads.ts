import { z } from 'zod';
import { type ExportFile, id, out } from './common';

/** The upload history: every version per account, its original file, its deletion. */

export interface UploadRow {
  uploadId: number;
  accountId: number;
  version: number;
  uploadedAt: string;
  fileName: string | null;
  userName: string | null;
  period: string | null;
  kpis: number;
  sizeBytes: number | null;
}

export const uploadsChannels = {
  'uploads.list': { input: z.object({ accountId: id }), output: out<UploadRow[]>() },
  /** The account of the workspace's most recent upload, or null when nothing was imported yet. */
  'uploads.lastAccount': { input: z.object({}), output: out<{ accountId: number | null }>() },
  'uploads.download': { input: z.object({ uploadId: id }), output: out<ExportFile>() },
  /** Deletes a version with its KPIs and values; the months it covered are scored again. */
  'uploads.delete': {
    input: z.object({ uploadId: id }),
    output: out<{ deletedVersion: number; rescoredMonths: number }>(),
  },
} as const;
