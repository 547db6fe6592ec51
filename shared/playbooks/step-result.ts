/**
 * A step's result: the zod schema built from the step's `records`, the problems of each field as
 * a form shows them, and the validation a completion goes through. Pure: no database, no Node APIs.
 */

import { z } from 'zod';
import type { PlaybookStep, StepRecordDef } from './catalogue';

export type RecordedValue = number | boolean | string;
/** Recorded values of a step, keyed as in the catalogue's `records`, plus optional `notes`. */
export type StepResultValues = Record<string, RecordedValue>;

function fieldName(rec: StepRecordDef): string {
  return `${rec.label} (${rec.key})`;
}

/** A record's schema; its messages name it `name` (by default its label and key, as the command line shows it). */
function recordSchema(rec: StepRecordDef, name = fieldName(rec)) {
  const typeError = (what: string) => (iss: { input: unknown }) =>
    iss.input === undefined ? `${name} is required` : `${name} must be ${what}`;
  switch (rec.type) {
    case 'number': {
      let s = z.number({ error: typeError('a number') });
      if (rec.integer) s = s.int({ error: `${name} must be a whole number` });
      if (rec.min !== undefined) s = s.min(rec.min, { error: `${name} must be at least ${rec.min}` });
      if (rec.max !== undefined) s = s.max(rec.max, { error: `${name} must be at most ${rec.max}` });
      return s;
    }
    case 'boolean':
      return z.boolean({ error: typeError('yes or no (true/false)') });
    case 'text':
      return z
        .string({ error: typeError('text') })
        .trim()
        .min(1, { error: `${name} cannot be empty` });
  }
}

/**
 * The zod schema of a step's result, built from its `records`: every record is required and typed;
 * `notes` is optional free text; any other key is refused.
 */
export function stepResultSchema(step: PlaybookStep) {
  const shape: Record<string, z.ZodType<RecordedValue | undefined>> = {};
  for (const rec of step.records) shape[rec.key] = recordSchema(rec);
  shape.notes = z.string({ error: 'Notes must be text' }).optional();
  return z.strictObject(shape);
}

/**
 * The problem of each record of a step result as typed, by key, naming it by its label only (a
 * form shows it on the field): `{ responses: 'Survey responses must be a number.' }`; empty when
 * all are valid.
 */
export function stepFieldErrors(
  step: Pick<PlaybookStep, 'records'>,
  result: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const rec of step.records) {
    const r = recordSchema(rec, rec.label).safeParse(result[rec.key]);
    if (!r.success) errors[rec.key] = `${r.error.issues[0].message}.`;
  }
  return errors;
}

/** Validates a step result; returns the cleaned values or the CSM-readable problems. */
export function validateStepResult(
  step: PlaybookStep,
  result: unknown,
): { ok: true; values: StepResultValues } | { ok: false; errors: string[] } {
  const raw = result ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, errors: ['The result must be a set of fields'] };
  const r = stepResultSchema(step).safeParse(raw);
  if (!r.success) {
    const errors = r.error.issues.map((i) =>
      i.code === 'unrecognized_keys'
        ? `Unknown field${i.keys.length === 1 ? '' : 's'} for this step: ${i.keys.join(', ')}`
        : i.message,
    );
    return { ok: false, errors };
  }
  const values: StepResultValues = {};
  for (const [k, v] of Object.entries(r.data)) {
    if (v === undefined) continue;
    if (k === 'notes') {
      const notes = String(v).trim();
      if (notes) values.notes = notes;
    } else values[k] = v;
  }
  return { ok: true, values };
}
