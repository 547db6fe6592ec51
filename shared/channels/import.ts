import { z } from 'zod';
import type { UploadMode } from '../defaults';
import { type ColumnMapping, columnMappingSchema } from '../import/columns';
import type { Issue, SkippedSheet } from '../import/interpret';
import type { Status } from '../scoring';
import { bytes, fileName, id, out, unscoped, yearMonth } from './common';

/** Import of workbooks: preview, commit, cancel, the sample data. */

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
  /**
   * The first rows as read, for the preview table: the Data cell and its value, and the row's
   * month columns by month ("2025-09"), so that the value stored for any period chosen can be shown.
   */
  sample: Array<{
    row: number;
    kpi: string;
    account: string | null;
    data: string | null;
    dataValue: number | null;
    months: Record<string, number>;
  }>;
}

/** An account proposed for a corporate-mode file, and where its name was found. */
export interface AccountProposal {
  id: number;
  name: string;
  from: 'file name' | 'title' | 'Account column';
}

/** Corporate: a new account the first title row names when no existing account is named in the file. */
export interface NewAccountProposal {
  name: string;
  /** The title text it was read from. */
  title: string;
  /**
   * Accounts of the workspace whose names begin with this one's words ("Hooli Inc" for "Hooli"):
   * perhaps the same account, so it is not added unasked.
   */
  similar: string[];
}

export interface ImportPreview {
  fileName: string;
  contentHash: string;
  mode: UploadMode;
  sheets: SheetPreview[];
  /**
   * Skipped sheets whose header row comes near one ("Metric Name" over month columns), with that
   * row's columns for the user to correct: a correction that names a KPI column and a value column
   * makes the sheet a KPI sheet.
   */
  nearSheets: SheetPreview[];
  skipped: SkippedSheet[];
  issues: Issue[];
  /** Every month column, YYYY-MM, oldest first. */
  months: string[];
  /** The default period (spec: title rows, file name, month columns compared with Data, today). */
  defaultPeriod: string;
  /** Where the default period came from, and a plain sentence saying so ("Period September 2025: from ..."). */
  defaultPeriodFrom: { from: 'title' | 'file name' | 'month columns' | 'today'; sentence: string };
  /** Corporate: the account named in the title rows, file name or Account column, if one matches best. */
  proposedAccount: AccountProposal | null;
  /** Corporate: no account is named, but the first title row names a new one ("Add Globex Analytics"). */
  proposedNewAccount: NewAccountProposal | null;
  /** Corporate: the accounts named equally well in the file, when no single one is (none is proposed). */
  ambiguousAccounts: string[];
  /** Why this file cannot be imported as it is (the import button stays off), or null. */
  blocked: string | null;
  /** Roll-up: the accounts of the Account column, with whether they exist already. */
  accounts: Array<{
    name: string;
    existingId: number | null;
    inactive: boolean;
    kpiRows: number;
    /** A new name's existing account of the same name but for accents, "&" and spacing ("Nestlé" for "Nestle"). */
    like: string | null;
  }>;
  /**
   * What depends on the period chosen, for every month column, the default and every period this
   * file is already imported for; any other month has nothing to note.
   */
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
  mode: UploadMode;
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
  /** Accounts not written: the identical file for the same period, with when and by whom it was imported. */
  skippedAccounts: Array<{
    name: string;
    reason: string;
    version?: number;
    uploadedAt?: string;
    userName?: string | null;
  }>;
  /** What this import changed, per account written (point 2 of issue 10). */
  changes: AccountChange[];
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

/** One account's change by an import: its health for the period, the months it restated, the playbooks that now fire. */
export interface AccountChange {
  accountId: number;
  accountName: string;
  /** Created by this import. */
  created: boolean;
  version: number;
  /** Overall health for the import's period, before and after (null: none). */
  health: {
    before: number | null;
    after: number | null;
    statusBefore: Status | null;
    statusAfter: Status | null;
  };
  /**
   * Months that held values before and whose values this upload changed (an identical value is no
   * change): how many values, the month's health before and after, and the first changes.
   */
  restated: Array<{
    month: string;
    values: number;
    healthBefore: number | null;
    healthAfter: number | null;
    examples: Array<{ kpi: string; from: number; to: number }>;
  }>;
  /** Playbooks whose trigger holds now and did not before the import (started when auto-trigger is on). */
  playbooks: Array<{ playbookId: string; playbookName: string; reason: string; started: boolean }>;
}

const fileInput = {
  /** Names the progress events of this import, so the screen can follow and cancel it. */
  jobId: z.string().min(1).max(100),
  fileName,
  bytes,
  /** Mappings corrected by the user, by sheet name. */
  mappings: z.record(z.string(), columnMappingSchema).optional(),
};

export const importChannels = {
  'import.preview': { input: z.object(fileInput), output: out<ImportPreview>() },
  'import.commit': {
    input: z.object({
      ...fileInput,
      period: yearMonth,
      /** Corporate mode: the account the workbook belongs to. */
      accountId: id.optional(),
      /** Corporate mode, with createAccounts: a new account to create for the workbook (instead of accountId). */
      newAccountName: z.string().trim().min(1).max(200).optional(),
      /** Roll-up mode: create the accounts of the file that do not exist yet. */
      createAccounts: z.boolean().default(false),
      /** Remember the corrected mappings for the next file with the same headers. */
      rememberMappings: z.boolean().default(true),
    }),
    output: out<ImportReport>(),
  },
  'import.cancel': {
    input: z.object({ jobId: z.string().min(1).max(100) }),
    output: out<{ cancelled: boolean }>(),
    ...unscoped,
  },
  /** Imports the sample workbooks shipped with the app through the real importer. */
  'import.loadSamples': { input: z.object({}), output: out<ImportReport[]>() },
} as const;
