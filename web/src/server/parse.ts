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
