import type { Channel, Input, Output } from '../shared/contract';
import type { ErrorCode } from '../shared/errors';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Each problem when there are several (every faulty row of a file). */
    readonly details?: string[],
  ) {
    super(message);
  }
}

/** Told when a request is refused because the workspace is locked (renderer/auth shows the sign-in). */
export const signInRequired = new Set<() => void>();

/** The renderer's typed client: one call per channel of the contract; failures throw ApiError. */
export async function call<C extends Channel>(channel: C, payload: Input<C>): Promise<Output<C>> {
  const result = await window.kpi.invoke(channel, payload);
  if (!result.ok && result.error.code === 'signin_required') for (const l of signInRequired) l();
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.details);
  return result.data;
}

export async function saveFile(fileName: string, bytes: Uint8Array): Promise<boolean> {
  const r = await window.kpi.saveFile(fileName, bytes);
  return r.ok && r.data.saved;
}
