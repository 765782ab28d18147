import { useMutation, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import { api } from '../api.ts';
import { apiKey, putAfterWrite } from '../query-client.ts';

// The dashboard's one way to write: a request through TanStack Query's useMutation (its
// pending and error states are what the screens show), and, once the server has answered,
// the answer put into the cached reads it changes, or those reads marked stale. A screen never
// reloads by hand after a write.

export interface ApiRequest {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
}

/**
 * A cached GET (by its path) and what a write's answer makes of it. `update` may run twice
 * (putAfterWrite applies it again after cancelling a read in flight), so it must give the same
 * result either way: replace by id (withItem), never append.
 */
export interface CachePut {
  path: string;
  update(old: unknown): unknown;
}

/** `CachePut` with the read's type: `cachePut<{ rules: AlertRuleDto[] }>(path, (old) => …)`. */
export function cachePut<T>(path: string, update: (old: T | undefined) => T): CachePut {
  return { path, update: (old) => update(old as T | undefined) };
}

export interface ApiMutationOptions<TVars, TAnswer> {
  request(vars: TVars): ApiRequest;
  /** Reads the answer says everything about: updated in place, without another read. */
  put?(answer: TAnswer, vars: TVars): CachePut[];
  /** Reads the write changed in ways the answer does not carry: read again (exact paths). */
  invalidate?(answer: TAnswer, vars: TVars): string[];
  onMutate?(vars: TVars): void;
  onSuccess?(answer: TAnswer, vars: TVars): void;
  onError?(error: Error, vars: TVars): void;
}

/** A write to the API; `isPending` and `error` are the screen's "Saving…" and its message. */
export function useApiMutation<TVars = void, TAnswer = unknown>(
  options: ApiMutationOptions<TVars, TAnswer>,
): UseMutationResult<TAnswer, Error, TVars> {
  const client = useQueryClient();
  return useMutation<TAnswer, Error, TVars>({
    mutationFn: (vars) => {
      const { method, path, body } = options.request(vars);
      return api<TAnswer>(method, path, body === undefined ? {} : { body });
    },
    onMutate: (vars) => options.onMutate?.(vars),
    onSuccess: (answer, vars) => {
      for (const { path, update } of options.put?.(answer, vars) ?? []) putAfterWrite(client, apiKey(path), update);
      for (const path of options.invalidate?.(answer, vars) ?? []) void client.invalidateQueries({ queryKey: apiKey(path), exact: true });
      options.onSuccess?.(answer, vars);
    },
    onError: (error, vars) => options.onError?.(error, vars),
  });
}

/** A list's items with one replaced by id, added at the end when new, or removed (`next` null). */
export function withItem<T extends { id: string }>(list: readonly T[] | undefined, id: string, next: T | null): T[] {
  const items = list ?? [];
  if (next === null) return items.filter((x) => x.id !== id);
  return items.some((x) => x.id === id) ? items.map((x) => (x.id === id ? next : x)) : [...items, next];
}
