import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { labelFor, wordMessage, type FieldLabels, type FieldProblem } from '../../src/api/field-labels.ts';
import { ApiError, errorMessage } from './api.ts';

// The dashboard's half of "errors in the user's words": forms validate with the contract's zod
// schemas through React Hook Form, and their messages get the same labels the server uses
// (field-labels.ts); problems the server finds come back by field and are shown by the field.

/**
 * zodResolver, with each message worded with its field's label ("Poll interval must be …").
 * Raw: the submit handler gets the values as typed (the forms turn them into a body themselves).
 */
export function wordedResolver<T extends FieldValues>(schema: z.ZodType<unknown, T>, labels: FieldLabels): Resolver<T> {
  const inner = zodResolver(schema as never, undefined, { raw: true }) as unknown as Resolver<T>;
  return async (values, context, options) => {
    const result = await inner(values, context, options);
    relabel(result.errors as FieldErrors, [], labels);
    return result;
  };
}

function relabel(errors: Record<string, unknown>, path: string[], labels: FieldLabels): void {
  for (const [key, value] of Object.entries(errors)) {
    if (typeof value !== 'object' || value === null || key === 'ref') continue;
    const here = [...path, key];
    const error = value as { message?: unknown; type?: unknown };
    if (typeof error.message === 'string' && typeof error.type === 'string') {
      const label = labelFor(labels, here);
      if (label !== null) error.message = wordMessage(label, error.message);
    } else relabel(value as Record<string, unknown>, here, labels);
  }
}

/** The server's problems by field, or none when the error is not a refused body. */
export function serverFieldProblems(error: unknown): FieldProblem[] {
  return error instanceof ApiError ? error.fields : [];
}

/**
 * Puts each of the server's problems by its field (`place` says which form field a path is,
 * or null for none) and returns what is left to show above the buttons, or null.
 */
export function placeServerErrors(error: unknown, place: (path: string, message: string) => boolean): string | null {
  const problems = serverFieldProblems(error);
  if (problems.length === 0) return errorMessage(error);
  const left = problems.filter((p) => !place(p.path, p.message));
  if (left.length === problems.length) return errorMessage(error);
  return left.length === 0 ? null : left.map((p) => p.message).join(' ');
}
