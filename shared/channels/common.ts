import { z } from 'zod';
import { UPLOAD_MODES } from '../defaults';

/** Building blocks of the channel declarations. */
export const out = <T>() => undefined as unknown as T;

/**
 * Marks a channel that needs no open workspace. Every other channel is workspace-scoped: the
 * dispatch refuses it when no workspace is open and hands its handler the session's workspace.
 * Keep this list short (app info, the workspace list and switch, import cancel).
 */
export const unscoped = { scoped: false } as const;

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
/** File contents: Uint8Array over Electron IPC and in the browser preview's binary body. */
export const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'Expected the file contents' });
export const fileName = z.string().trim().min(1).max(260);
export const uploadMode = z.enum(UPLOAD_MODES);

/** A file the app made for the user to save (an export, an original upload). */
export interface ExportFile {
  fileName: string;
  bytes: Uint8Array;
}
