import { z } from 'zod';
import { id, name, optionalText, out } from './common';

/** The workspace's accounts. */

export interface AccountRow {
  id: number;
  name: string;
  revenue: number;
  status: 'active' | 'inactive';
  industry: string | null;
  region: string | null;
  createdAt: string;
  updatedAt: string;
}

const money = z.number().finite().min(0, 'Revenue cannot be negative').max(1e13, 'Revenue is too large');

export const accountFilter = z.object({
  search: z.string().trim().max(200).optional(),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  industry: z.string().trim().max(200).optional(),
  region: z.string().trim().max(200).optional(),
});
export type AccountFilter = z.output<typeof accountFilter>;

const accountFields = {
  revenue: money.optional(),
  industry: optionalText,
  region: optionalText,
};
export const createAccountInput = z.object({ name: name('Account name'), ...accountFields });
export const updateAccountInput = z.object({ accountId: id, name: name('Account name').optional(), ...accountFields });
export type CreateAccountInput = z.output<typeof createAccountInput>;
export type UpdateAccountInput = z.output<typeof updateAccountInput>;

export const accountsChannels = {
  'accounts.list': { input: accountFilter, output: out<AccountRow[]>() },
  'accounts.facets': { input: z.object({}), output: out<{ industries: string[]; regions: string[] }>() },
  'accounts.create': { input: createAccountInput, output: out<AccountRow>() },
  'accounts.update': { input: updateAccountInput, output: out<AccountRow>() },
  'accounts.setStatus': {
    input: z.object({ accountId: id, status: z.enum(['active', 'inactive']) }),
    output: out<AccountRow>(),
  },
} as const;
