import { useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { placeOnForm, type FieldOf } from '../form-errors.ts';
import { useApiMutation, type ApiMutationOptions } from './use-api-mutation.ts';

export interface FormMutation<TVars> {
  send(vars: TVars): void;
  pending: boolean;
  /** What the server refused that no field of the form is about, in its words; null otherwise. */
  failure: string | null;
}

/**
 * A form's write: useApiMutation, with the server's problems put on the fields `fieldOf`
 * names (form-errors.ts) and the rest kept as `failure` for above the buttons.
 */
export function useFormMutation<V extends FieldValues, TVars, TAnswer>(
  form: UseFormReturn<V>,
  fieldOf: FieldOf<V>,
  options: ApiMutationOptions<TVars, TAnswer>,
): FormMutation<TVars> {
  const [failure, setFailure] = useState<string | null>(null);
  const mutation = useApiMutation<TVars, TAnswer>({
    ...options,
    onMutate: (vars) => {
      setFailure(null);
      options.onMutate?.(vars);
    },
    onError: (error, vars) => {
      setFailure(placeOnForm(form, error, fieldOf));
      options.onError?.(error, vars);
    },
  });
  return { send: (vars) => mutation.mutate(vars), pending: mutation.isPending, failure };
}
