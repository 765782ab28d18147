import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { StreamDto, StreamPatchBody } from '../../src/api/contract.ts';
import { api, errorMessage } from './api.ts';
import { cachePut, withItem, type ApiRequest, type CachePut } from './hooks/use-api-mutation.ts';
import { apiKey } from './query-client.ts';

export const STREAMS_PATH = '/api/streams';
const REFRESH_MS = 10_000;

export interface Streams {
  streams: StreamDto[];
  loading: boolean;
  /** The last read's failure; the list shown is then the last good one. */
  error: string | null;
  reload(): void;
}

/**
 * Streams with their health, re-read every 10 s while the screen is open (health moves
 * with every poll, which sends no event) and when alerts change (live-queries.ts).
 */
export function useStreams(): Streams {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: apiKey(STREAMS_PATH),
    queryFn: ({ signal }) => api<{ streams: StreamDto[] }>('GET', STREAMS_PATH, { signal }),
    refetchInterval: REFRESH_MS,
  });
  const reload = useCallback(() => void client.refetchQueries({ queryKey: apiKey(STREAMS_PATH), exact: true }), [client]);
  return {
    streams: query.data?.streams ?? [],
    loading: query.isLoading,
    error: query.error === null ? null : errorMessage(query.error),
    reload,
  };
}

/** A stream a write answered (or, with `null`, deleted) shown in the list ahead of the next read. */
export function streamPut(id: string, stream: StreamDto | null): CachePut {
  return cachePut<{ streams: StreamDto[] }>(STREAMS_PATH, (old) => ({ streams: withItem(old?.streams, id, stream) }));
}

/** The PATCH of one stream's settings (edit form, enabled switch). */
export function streamPatch(id: string, body: StreamPatchBody): ApiRequest {
  return { method: 'PATCH', path: `${STREAMS_PATH}/${encodeURIComponent(id)}`, body };
}
