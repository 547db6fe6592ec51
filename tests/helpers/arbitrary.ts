import fc from 'fast-check';
import { type ZodType, z } from 'zod';

/**
 * fast-check arbitraries for a channel's request, derived from its zod schema through
 * `z.toJSONSchema` (zod's public description of a schema), so that every channel of the
 * contract, including ones added later, gets valid payloads without a hand-written table.
 * Covers what the contract uses: objects, records, arrays, strings (length, pattern, email),
 * numbers and integers with bounds, booleans, enums, nullable and optional fields. A field the
 * JSON schema cannot describe (`z.custom`) is file contents when it is called `bytes`, else any
 * JSON value. A schema with `examples` (zod's `.meta`) gives those: its refinements hold for them.
 */
type Json = {
  type?: string | string[];
  properties?: Record<string, Json>;
  required?: string[];
  additionalProperties?: Json | boolean;
  items?: Json;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  anyOf?: Json[];
  examples?: unknown[];
};

const SMALL_IDS = fc.integer({ min: 1, max: 40 });

function stringArb(s: Json): fc.Arbitrary<string> {
  if (s.format === 'email') return fc.emailAddress();
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern));
  const minLength = s.minLength ?? 0;
  const maxLength = Math.min(s.maxLength ?? 40, 40);
  // a non-blank character first, so that a trimmed minimum length still holds
  if (minLength > 0) return fc.string({ minLength: minLength - 1, maxLength: maxLength - 1 }).map((x) => `x${x}`);
  return fc.string({ maxLength });
}

function numberArb(s: Json, integer: boolean): fc.Arbitrary<number> {
  const min = s.minimum ?? (s.exclusiveMinimum != null ? s.exclusiveMinimum + (integer ? 1 : 1e-9) : -1e9);
  const max = s.maximum ?? (s.exclusiveMaximum != null ? s.exclusiveMaximum - (integer ? 1 : 1e-9) : 1e9);
  if (!integer) return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  const wide = fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) });
  // ids: small ones most of the time, so that some name stored rows
  return min >= 0 && min <= 1 && max > 40 ? fc.oneof(SMALL_IDS, wide) : wide;
}

function objectArb(s: Json): fc.Arbitrary<unknown> {
  if (!s.properties) {
    const values = typeof s.additionalProperties === 'object' ? arbitraryOf(s.additionalProperties) : fc.jsonValue();
    return fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), values, { maxKeys: 4 });
  }
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, prop] of Object.entries(s.properties)) {
    model[key] =
      key === 'bytes' && Object.keys(prop).length === 0 ? fc.uint8Array({ maxLength: 64 }) : arbitraryOf(prop);
  }
  return fc.record(model, { requiredKeys: s.required ?? [] });
}

export function arbitraryOf(s: Json): fc.Arbitrary<unknown> {
  // a schema with rules JSON cannot state (a refinement) gives its examples, which keep them
  if (s.examples?.length) return fc.constantFrom(...s.examples);
  if (s.anyOf) return fc.oneof(...s.anyOf.map(arbitraryOf));
  if (s.enum) return fc.constantFrom(...s.enum);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object':
      return objectArb(s);
    case 'array':
      return fc.array(s.items ? arbitraryOf(s.items) : fc.jsonValue(), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 5, 5),
      });
    case 'string':
      return stringArb(s);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue();
  }
}

/** Payloads the schema should accept (most of them: a pattern or refinement may still refuse some). */
export function validPayloads(schema: ZodType): fc.Arbitrary<unknown> {
  return arbitraryOf(z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Json);
}

/** Payloads of every shape: valid ones, valid ones with a field replaced by anything, and anything. */
export function anyPayloads(schema: ZodType): fc.Arbitrary<unknown> {
  const valid = validPayloads(schema);
  const mangled = fc.tuple(valid, fc.string({ maxLength: 12 }), fc.anything()).map(([v, key, junk]) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return junk;
    const keys = Object.keys(v);
    const at = keys.length ? keys[key.length % keys.length] : key;
    return { ...v, [at]: junk };
  });
  return fc.oneof(valid, mangled, fc.anything(), fc.constantFrom(null, undefined, [], 'x', 0));
}
