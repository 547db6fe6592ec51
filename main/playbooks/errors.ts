import { AppError, type ErrorCode } from '../../shared/errors';
import { PlaybookError, type PlaybookErrorCode } from '../../shared/playbooks/errors';

const CODES: Record<PlaybookErrorCode, ErrorCode> = {
  unknown_playbook: 'not_found',
  unknown_step: 'not_found',
  wrong_playbook: 'refused',
  invalid_config: 'invalid_input',
  invalid_result: 'invalid_input',
  reason_required: 'invalid_input',
  finished: 'conflict',
  step_already_done: 'conflict',
  out_of_order: 'refused',
  steps_remaining: 'refused',
  invalid_execution: 'internal',
};

/** Runs pure playbook code, turning its refusals into AppErrors the boundary shows as they are. */
export function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PlaybookError) throw new AppError(CODES[e.code], e.message);
    throw e;
  }
}
