import { z } from 'zod';

/** Building blocks of the channel declarations. */
export const out = <T>() => undefined as unknown as T;
export const id = z.number().int().positive();
export const name = (what: string) =>
  z.string().trim().min(1, `${what} cannot be empty`).max(200, `${what} is too long (200 characters at most)`);
/** An optional email address; an empty or malformed one is refused, not stored. */
export const optionalEmail = z
  .string()
  .trim()
  .email('This is not an email address; write it as name@company.com')
  .nullish();
export const optionalText = z.string().trim().max(200).nullish();
/** A month as "YYYY-MM". */
export const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month is written YYYY-MM, e.g. 2025-09');
/** File contents: Uint8Array over Electron IPC, decoded from base64 by the browser preview's server. */
export const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'Expected the file contents' });
