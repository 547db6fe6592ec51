export type PlaybookErrorCode =
  | 'unknown_playbook'
  | 'wrong_playbook'
  | 'invalid_config'
  | 'finished'
  | 'unknown_step'
  | 'step_already_done'
  | 'out_of_order'
  | 'invalid_result'
  | 'reason_required'
  | 'steps_remaining'
  | 'invalid_execution';

/** A refused playbook action. `message` is written for the CSM; `issues` lists field problems. */
export class PlaybookError extends Error {
  readonly code: PlaybookErrorCode;
  readonly issues: readonly string[];

  constructor(code: PlaybookErrorCode, message: string, issues: readonly string[] = []) {
    super(message);
    this.name = 'PlaybookError';
    this.code = code;
    this.issues = issues;
  }
}
