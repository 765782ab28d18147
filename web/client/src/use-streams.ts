import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { StreamDto } from '../../src/api/contract.ts';
import { api, errorMessage } from './api.ts';
import { apiKey, putAfterWrite } from './query-client.ts';

const PATH = '/api/streams';
const REFRESH_MS = 10_000;

export interface Streams {
  streams: StreamDto[];
  loading: boolean;
  /** The last read's failure; the list shown is then the last good one. */
  error: string | null;
  reload(): void;
  /** Shows a stream a write just returned, ahead of the next read. */
  replace(stream: StreamDto): void;
}

/**
 * Streams with their health, re-read every 10 s while the screen is open (health moves
 * with every poll, which sends no event) and when alerts change (live-queries.ts).
 */
export function useStreams(): Streams {
  const client = useQueryClient();
  const key = apiKey(PATH);
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api<{ streams: StreamDto[] }>('GET', PATH, { signal }),
    refetchInterval: REFRESH_MS,
  });
  const reload = useCallback(() => void client.refetchQueries({ queryKey: apiKey(PATH), exact: true }), [client]);
  const replace = useCallback(
    (stream: StreamDto) =>
      putAfterWrite<{ streams: StreamDto[] }>(client, apiKey(PATH), (old) => {
        const streams = old?.streams ?? [];
        const exists = streams.some((x) => x.id === stream.id);
        return { streams: exists ? streams.map((x) => (x.id === stream.id ? stream : x)) : [...streams, stream] };
      }),
    [client],
  );
  return {
    streams: query.data?.streams ?? [],
    loading: query.isLoading,
    error: query.error === null ? null : errorMessage(query.error),
    reload,
    replace,
  };
}
