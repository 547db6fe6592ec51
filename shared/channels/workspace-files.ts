import { z } from 'zod';
import { bytes, type ExportFile, fileName, out, unscoped } from './common';

/** Issue 11, point 4: a workspace as one .kpiw file, optionally encrypted with a passphrase. */

export interface RangeDifference {
  kpi: string;
  /** The band edges here and in the file, e.g. "critical -100..10, risk 10..30, healthy 30..100"; null when absent here. */
  here: string | null;
  inFile: string;
}

/** What a .kpiw file holds, read before anything is written. */
export interface WorkspaceFileInfo {
  workspace: string;
  encrypted: boolean;
  accounts: number;
  uploads: number;
  /** The name it would get here ("ACME (2)" when ACME exists). */
  importName: string;
  rangeDifferences: RangeDifference[];
}

export interface WorkspaceFileImport {
  workspaceId: number;
  name: string;
  accounts: number;
  uploads: number;
  rangeDifferences: RangeDifference[];
  ranges: 'keep' | 'replace';
}

const passphrase = z.string().min(8, 'A passphrase has at least 8 characters').max(1024);
const file = { fileName, bytes, passphrase: z.string().max(1024).optional() };

export const workspaceFilesChannels = {
  'workspaceFiles.export': { input: z.object({ passphrase: passphrase.optional() }), output: out<ExportFile>() },
  'workspaceFiles.inspect': { input: z.object(file), output: out<WorkspaceFileInfo>(), ...unscoped },
  'workspaceFiles.import': {
    input: z.object({
      ...file,
      name: z.string().trim().min(1).max(200).optional(),
      ranges: z.enum(['keep', 'replace']).default('keep'),
    }),
    output: out<WorkspaceFileImport>(),
    ...unscoped,
  },
} as const;
