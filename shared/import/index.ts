/** Pure import code: value rules, column recognition, interpretation of a raw workbook. */
export * from './columns';
export * from './interpret';
export * from './refusal';
export * from './types';
export * from './values';
