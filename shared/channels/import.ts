import { z } from 'zod';
import type { ColumnMapping } from '../import/columns';
import type { Issue, SkippedSheet } from '../import/interpret';
import { bytes, id, out, yearMonth } from './common';

/** Import of workbooks, upload history, and the reference ranges. */

export interface SheetPreview {
  name: string;
  category: string;
  headerRow: number;
  mapping: ColumnMapping;
  signature: string;
  /** True when the mapping came from one the user corrected for these headers before. */
  remembered: boolean;
  hasAccountColumn: boolean;
  rowsRead: number;
  kpiRows: number;
  notes: Array<{ row: number; text: string }>;
  months: string[];
  /** The first rows as read, for the preview table. */
  sample: Array<{ row: number; kpi: string; account: string | null; data: string | null; dataValue: number | null }>;
}

/** An account proposed for a corporate-mode file, and where its name was found. */
export interface AccountProposal {
  id: number;
  name: string;
  from: 'file name' | 'title' | 'Account column';
}

export interface ImportPreview {
  fileName: string;
  contentHash: string;
  mode: 'corporate' | 'account_rollup';
  sheets: SheetPreview[];
  skipped: SkippedSheet[];
  issues: Issue[];
  /** Every month column, YYYY-MM, oldest first. */
  months: string[];
  /** The latest month column, else the current month. */
  defaultPeriod: string;
  /** Corporate: the account named in the file name, title rows or Account column, if one matches best. */
  proposedAccount: AccountProposal | null;
  /** Corporate: the accounts named equally well in the file, when no single one is (none is proposed). */
  ambiguousAccounts: string[];
  /** Why this file cannot be imported as it is (the import button stays off), or null. */
  blocked: string | null;
  /** Roll-up: the accounts of the Account column, with whether they exist already. */
  accounts: Array<{ name: string; existingId: number | null; inactive: boolean; kpiRows: number }>;
  /** What depends on the period chosen, for each period offered (every month column and the default). */
  periods: Record<string, PeriodNotes>;
}

/** What the preview says about one period the Data column may be for. */
export interface PeriodNotes {
  /** Accounts that already hold this very file for the period: importing it again stores nothing for them. */
  alreadyImported: Array<{ id: number; name: string }>;
  /** KPI rows whose Data value differs from the period's month column: how many, and the first ones. */
  conflicts: { count: number; issues: Issue[] };
}

export interface ImportReport {
  fileName: string;
  mode: 'corporate' | 'account_rollup';
  period: string;
  /** True when nothing was stored because the identical file was already imported. */
  alreadyImported: boolean;
  uploads: Array<{
    uploadId: number;
    accountId: number;
    accountName: string;
    version: number;
    kpis: number;
    values: number;
  }>;
  accountsCreated: string[];
  skippedAccounts: Array<{ name: string; reason: string }>;
  sheets: Array<{
    name: string;
    rowsRead: number;
    kpisImported: number;
    notesSkipped: number;
    notes: Array<{ row: number; text: string }>;
  }>;
  skipped: SkippedSheet[];
  issues: Issue[];
  /** YYYY-MM months that received values. */
  months: string[];
  unweightedCategories: string[];
  /** Scoring of what the import touched (inside the same transaction), with its time. */
  scored: { accounts: number; months: number; trendsWritten: number; ms: number };
  durationMs: number;
  /** Where the time went, in ms: reading the file, interpreting it, writing it, scoring it. */
  timings: { read: number; check: number; store: number; score: number };
}

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

export interface RangeRow {
  id: number;
  kpiName: string;
  unit: string;
  higherIsBetter: boolean;
  criticalMin: number;
  criticalMax: number;
  riskMin: number;
  riskMax: number;
  healthyMin: number;
  healthyMax: number;
  updatedAt: string;
}

const mappingSchema = z.array(
  z.object({
    col: z.number().int().min(1).max(16384),
    header: z.string().max(500),
    field: z.enum([
      'kpi_parameter',
      'health_score_component',
      'impact_level',
      'weight',
      'data',
      'source_review',
      'measurement_frequency',
      'account',
      'category',
      'month',
      'ignored',
    ]),
    month: z.object({ year: z.number().int().min(1900).max(2200), month: z.number().int().min(1).max(12) }).optional(),
  }),
);

const fileInput = {
  /** Names the progress events of this import, so the screen can follow and cancel it. */
  jobId: z.string().min(1).max(100),
  fileName: z.string().trim().min(1).max(260),
  bytes,
  /** Mappings corrected by the user, by sheet name. */
  mappings: z.record(z.string(), mappingSchema).optional(),
};

export const rangeInput = z.object({
  kpiName: z.string().trim().min(1, 'The KPI name cannot be empty').max(200),
  unit: z.string().trim().min(1, 'The unit cannot be empty').max(50),
  higherIsBetter: z.boolean(),
  criticalMin: z.number().finite(),
  criticalMax: z.number().finite(),
  riskMin: z.number().finite(),
  riskMax: z.number().finite(),
  healthyMin: z.number().finite(),
  healthyMax: z.number().finite(),
});

export const importChannels = {
  'import.preview': { input: z.object(fileInput), output: out<ImportPreview>() },
  'import.commit': {
    input: z.object({
      ...fileInput,
      period: yearMonth,
      /** Corporate mode: the account the workbook belongs to. */
      accountId: id.optional(),
      /** Roll-up mode: create the accounts of the file that do not exist yet. */
      createAccounts: z.boolean().default(false),
      /** Remember the corrected mappings for the next file with the same headers. */
      rememberMappings: z.boolean().default(true),
    }),
    output: out<ImportReport>(),
  },
  'import.cancel': { input: z.object({ jobId: z.string().min(1).max(100) }), output: out<{ cancelled: boolean }>() },
  /** Imports the sample workbooks shipped with the app through the real importer. */
  'import.loadSamples': { input: z.object({}), output: out<ImportReport[]>() },

  'uploads.list': { input: z.object({ accountId: id }), output: out<UploadRow[]>() },
  /** The account of the workspace's most recent upload, or null when nothing was imported yet. */
  'uploads.lastAccount': { input: z.object({}), output: out<{ accountId: number | null }>() },
  'uploads.download': { input: z.object({ uploadId: id }), output: out<{ fileName: string; bytes: Uint8Array }>() },
  /** Deletes a version with its KPIs and values; the months it covered are scored again. */
  'uploads.delete': {
    input: z.object({ uploadId: id }),
    output: out<{ deletedVersion: number; rescoredMonths: number }>(),
  },

  'ranges.list': { input: z.object({}), output: out<RangeRow[]>() },
  'ranges.save': { input: z.object({ id: id.optional(), range: rangeInput }), output: out<RangeRow>() },
  'ranges.delete': { input: z.object({ id }), output: out<{ deleted: string }>() },
  'ranges.previewImpact': {
    input: z.object({ id: id.optional(), range: rangeInput }),
    output: out<import('./scoring').StatusImpact>(),
  },
  'ranges.import': {
    input: z.object({ fileName: z.string().min(1).max(260), bytes }),
    output: out<{ added: number; updated: number; unchanged: number }>(),
  },
  'ranges.export': {
    input: z.object({ format: z.enum(['csv', 'xlsx']) }),
    output: out<{ fileName: string; bytes: Uint8Array }>(),
  },
} as const;
