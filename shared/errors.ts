/** Error codes the renderer can act on. Messages are written for a CSM, not a developer. */
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'no_workspace'
  | 'refused'
  | 'cancelled'
  | 'forbidden'
  | 'signin_required'
  | 'damaged'
  | 'internal';

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /** Each problem when there are several (every faulty row of a file), one sentence each. */
  details?: string[];
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo };

/** An expected failure: becomes `{ ok: false, error }` at the IPC boundary, never a crash. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: string[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found in this workspace.`);
