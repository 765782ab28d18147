import { zodResolver } from '@hookform/resolvers/zod';
import { get, set, type FieldErrors, type FieldPath, type FieldValues, type Resolver, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { describeIssues, joinProblems, labelFor, wordMessage, type FieldLabels, type FieldProblem } from '../../src/api/field-labels.ts';
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

/** Which form field an API path is (`businessHours.5.close` → `days.5.to`), or null for none. */
export type FieldOf<V extends FieldValues> = (path: string) => FieldPath<V> | null;

/**
 * The body a form would send, checked with the contract's own schema and worded with its
 * labels exactly as the server words them (server/parse.ts): the problems, or none.
 */
export function contractProblems(schema: z.ZodType, labels: FieldLabels, body: unknown): FieldProblem[] {
  const result = schema.safeParse(body);
  return result.success ? [] : describeIssues(result.error.issues, labels);
}

/**
 * A resolver that checks what the form would send (`toBody`) with the schema the server uses,
 * and puts each problem on the field `fieldOf` names; problems with no field go to
 * `errors.root` (shown above the buttons). The client's and the server's words are then the
 * same, and so is where they show.
 */
export function contractResolver<V extends FieldValues>(
  toBody: (values: V) => unknown,
  schema: z.ZodType,
  labels: FieldLabels,
  fieldOf: FieldOf<V>,
): Resolver<V> {
  return (values) => {
    const problems = contractProblems(schema, labels, toBody(values));
    if (problems.length === 0) return { values, errors: {} };
    const errors: Record<string, unknown> = {};
    const left: FieldProblem[] = [];
    for (const p of problems) {
      const field = fieldOf(p.path);
      if (field === null) left.push(p);
      // One message a field: the first is what to fix first.
      else if (get(errors, field) === undefined) set(errors, field, { type: 'contract', message: p.message });
    }
    if (left.length > 0) errors.root = { type: 'contract', message: joinProblems(left) };
    return { values: {}, errors: errors as FieldErrors<V> };
  };
}

/**
 * Puts a failed write's problems on the form's fields (`setError`) and returns what is left to
 * show above the buttons, or null. Used by useFormMutation for every form.
 */
export function placeOnForm<V extends FieldValues>(form: UseFormReturn<V>, error: unknown, fieldOf: FieldOf<V>): string | null {
  return placeServerErrors(error, (path, message) => {
    const field = fieldOf(path);
    if (field === null) return false;
    form.setError(field, { type: 'server', message });
    return true;
  });
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
