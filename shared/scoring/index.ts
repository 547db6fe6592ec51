/**
 * Health scoring engine: the rules of /work/shared/spec/scoring.md as pure functions.
 *
 * No database, no Node APIs, no Electron: this module runs in the main process (import, re-score)
 * and in the renderer (what-if). All computations are at full precision; use `round2` only when
 * storing or showing a number.
 */

export * from './account-month';
export * from './change';
export { type Range, rangeSchema } from './range';
export * from './range-rules';
export * from './trends';
export * from './value';
export * from './weights';
