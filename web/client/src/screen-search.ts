import { z } from 'zod';

// Helpers for the search parameters of the alerts and reports screens (the inbox has its own,
// inbox-url.ts). An address may be old, hand-edited or cut short: a value that cannot be one is
// ignored (the screen shows its default), never an error that fails the page.

/** An optional parameter that must match `pattern`; an empty or malformed one is no value. */
export function optionalMatching(pattern: RegExp) {
  return z
    .string()
    .transform((v) => (pattern.test(v) ? v : undefined))
    .optional()
    .catch(undefined);
}

export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * A route's validateSearch from its schema. The router lays the answer over the raw parameters
 * (a key the answer leaves out shows through as typed, and a key holding undefined makes no
 * route match), so every parameter the address had is answered: its valid value, or '' for
 * "none" (which the screens read as their default and never write back).
 */
export function searchValidator<T extends z.ZodObject>(schema: T) {
  return (raw: Record<string, unknown>): { [K in keyof z.output<T>]?: Exclude<z.output<T>[K], undefined> | '' } => {
    const parsed = schema.parse(raw) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(schema.shape)) {
      const value = parsed[key];
      if (value !== undefined) out[key] = value;
      else if (raw[key] !== undefined) out[key] = '';
    }
    return out as { [K in keyof z.output<T>]?: Exclude<z.output<T>[K], undefined> | '' };
  };
}

/** The parameters to write: keys in the schema's order, empty values and defaults left out. */
export function compactSearch<T extends Record<string, string | undefined>>(search: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(search) as [keyof T, string | undefined][]) {
    if (value !== undefined && value !== '') out[key] = value as T[keyof T];
  }
  return out;
}
