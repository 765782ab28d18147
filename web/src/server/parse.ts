import type { z } from 'zod';
import { AppError } from '@earshot/db';
import { describeIssues, joinProblems, type FieldLabels, type FieldProblem } from '../api/field-labels.ts';

/**
 * Validates request input at the edge. A failure names each bad field: with the form's label
 * table (field-labels.ts), in the user's words ("P2 target must be at least 1 minute"), and
 * each problem also goes to the client as `error.fields` so the form shows it by its field;
 * without one, by its path.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string, labels?: FieldLabels): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  if (labels !== undefined) throw fieldError(describeIssues(result.error.issues, labels));
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

/** A 400 whose message is the problems in words and whose body lists them by field. */
export function fieldError(fields: FieldProblem[]): AppError {
  return new AppError('BAD_REQUEST', joinProblems(fields), { fields });
}
