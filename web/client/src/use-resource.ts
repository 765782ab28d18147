import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, errorMessage } from './api.ts';
import { apiKey, putAfterWrite } from './query-client.ts';

export interface Resource<T> {
  data: T | null;
  /** Only the first load's failure; a failed reload keeps what is shown. */
  error: string | null;
  loading: boolean;
  reload(): void;
  /** Replaces the data with what a write just returned, without another read. */
  set(data: T): void;
}

/**
 * One GET endpoint's answer from the query cache (key `apiKey(path)`), read when `path`
 * changes; `null` reads nothing. Screens that read the same path share one answer, and
 * live events re-read it (live-queries.ts).
 */
export function useResource<T>(path: string | null, options: { everyMs?: number } = {}): Resource<T> {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: apiKey(path ?? ''),
    queryFn: ({ signal }) => api<T>('GET', path ?? '', { signal }),
    enabled: path !== null,
    // Data that moves without an event (e.g. overdue counts, stream health) is read again now and then.
    ...(options.everyMs === undefined ? {} : { refetchInterval: options.everyMs }),
  });
  const reload = useCallback(() => {
    if (path !== null) void client.refetchQueries({ queryKey: apiKey(path), exact: true });
  }, [client, path]);
  const set = useCallback(
    (data: T) => {
      if (path !== null) putAfterWrite<T>(client, apiKey(path), () => data);
    },
    [client, path],
  );
  const data = path === null ? null : (query.data ?? null);
  return {
    data,
    error: data === null && query.error !== null ? errorMessage(query.error) : null,
    loading: query.isLoading,
    reload,
    set,
  };
}
