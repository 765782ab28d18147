import type { z } from 'zod';
import { AppError } from '@earshot/db';

/** Validates request input at the edge; a failure names each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
  throw new AppError('BAD_REQUEST', `Invalid ${what}: ${problems}`);
}

/**
 * Validates input whose messages are shown on a screen as they are ("Minimum count must be at
 * least 1."): the schema's own messages, each once, as sentences, and never a field path.
 */
export function parseInUserWords<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys' ? `Unknown setting${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}` : issue.message,
  );
  throw new AppError('BAD_REQUEST', [...new Set(problems)].map((p) => (/[.!?]$/.test(p) ? p : `${p}.`)).join(' '));
}
