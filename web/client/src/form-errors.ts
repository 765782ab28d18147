import { get, set, type FieldErrors, type FieldPath, type FieldValues, type Resolver, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { describeIssues, joinProblems, type FieldLabels, type FieldProblem } from '../../src/api/field-labels.ts';
import { ApiError, errorMessage } from './api.ts';

// The dashboard's half of "errors in the user's words": forms validate with the contract's zod
// schemas through React Hook Form, and their messages get the same labels the server uses
// (field-labels.ts); problems the server finds come back by field and are shown by the field.

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
 * contractResolver for a form whose values are checked as they are, with its fields named as
 * the schema's paths (`cap`, `confirmName`, `pollSeconds`): the schema may turn the typed
 * strings into the body itself (a transform piped into the API's schema). Not a second
 * resolver: the same checks, words and placing, with the values as the body and each path its
 * own field.
 */
export function wordedResolver<V extends FieldValues>(schema: z.ZodType<unknown, V>, labels: FieldLabels): Resolver<V> {
  return contractResolver<V>((values) => values, schema, labels, ownField);
}

/** A path that is a field's own name, or null for the whole form. */
function ownField<V extends FieldValues>(path: string): FieldPath<V> | null {
  return path === '' ? null : (path as FieldPath<V>);
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
