import { z } from 'zod';
import { isCalendarDate } from '../import/values';
import { bytes, fileName, id, name, optionalText, out } from './common';

/** The workspace's accounts. */

export interface AccountRow {
  id: number;
  name: string;
  revenue: number;
  status: 'active' | 'inactive';
  industry: string | null;
  region: string | null;
  /** Issue 13: the owner (a user of the workspace), the renewal date (YYYY-MM-DD) and the segment. */
  ownerUserId: number | null;
  ownerName: string | null;
  renewalDate: string | null;
  segment: string | null;
  createdAt: string;
  updatedAt: string;
}

const money = z.number().finite().min(0, 'Revenue cannot be negative').max(1e13, 'Revenue is too large');

export const accountFilter = z.object({
  search: z.string().trim().max(200).optional(),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  industry: z.string().trim().max(200).optional(),
  region: z.string().trim().max(200).optional(),
  ownerUserId: id.optional(),
  segment: z.string().trim().max(200).optional(),
});
export type AccountFilter = z.output<typeof accountFilter>;

/** A calendar date as "YYYY-MM-DD" that exists (no 2025-02-30). */
export const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A date is written YYYY-MM-DD, e.g. 2026-03-31')
  .refine(isCalendarDate, 'That date does not exist in the calendar');

const accountFields = {
  revenue: money.optional(),
  industry: optionalText,
  region: optionalText,
  ownerUserId: id.nullish(),
  renewalDate: isoDate.nullish(),
  segment: optionalText,
};

export interface PersonRow {
  id: number;
  name: string;
  email: string | null;
}

export const bulkUpdateInput = z.object({
  accountIds: z.array(id).min(1, 'Select at least one account').max(10000),
  ownerUserId: id.nullish(),
  segment: optionalText,
  industry: optionalText,
  region: optionalText,
});
export type BulkUpdateInput = z.output<typeof bulkUpdateInput>;
export const createAccountInput = z.object({ name: name('Account name'), ...accountFields });
export const updateAccountInput = z.object({ accountId: id, name: name('Account name').optional(), ...accountFields });
export type CreateAccountInput = z.output<typeof createAccountInput>;
export type UpdateAccountInput = z.output<typeof updateAccountInput>;

/** Issue 13: an accounts list (xlsx or CSV from a CRM) previewed, then imported all or nothing. */
export interface AccountsListChange {
  field: 'revenue' | 'owner' | 'renewal' | 'industry' | 'region' | 'segment';
  from: string | null;
  to: string;
}
export interface AccountsListRow {
  row: number;
  name: string;
  accountId: number | null;
  action: 'create' | 'update' | 'unchanged';
  changes: AccountsListChange[];
}
export interface AccountsListPreview {
  fileName: string;
  sheet: string;
  /** The columns recognised, as a person calls them. */
  columns: string[];
  rows: AccountsListRow[];
  counts: { create: number; update: number; unchanged: number };
  /** One sentence per problem (bad date, unknown owner, repeated account); any problem blocks the import. */
  problems: string[];
}
export interface AccountsListResult {
  created: string[];
  updated: string[];
  unchanged: number;
}
const accountsListFile = z.object({ fileName, bytes });

export const accountsChannels = {
  'accounts.list': { input: accountFilter, output: out<AccountRow[]>() },
  'accounts.facets': {
    input: z.object({}),
    output: out<{ industries: string[]; regions: string[]; segments: string[] }>(),
  },
  /** The workspace's people, read-only, for the owner picker (the users.* channels manage them). */
  'accounts.people': { input: z.object({}), output: out<PersonRow[]>() },
  'accounts.bulkUpdate': { input: bulkUpdateInput, output: out<{ updated: number }>() },
  'accounts.listPreview': { input: accountsListFile, output: out<AccountsListPreview>() },
  'accounts.listImport': {
    input: accountsListFile.extend({ createAccounts: z.boolean().default(false) }),
    output: out<AccountsListResult>(),
  },
  'accounts.create': { input: createAccountInput, output: out<AccountRow>() },
  'accounts.update': { input: updateAccountInput, output: out<AccountRow>() },
  'accounts.setStatus': {
    input: z.object({ accountId: id, status: z.enum(['active', 'inactive']) }),
    output: out<AccountRow>(),
  },
} as const;
