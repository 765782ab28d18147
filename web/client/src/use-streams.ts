import { useCallback, useEffect, useRef, useState } from 'react';
import type { StreamDto } from '../../src/api/contract.ts';
import { api, errorMessage } from './api.ts';
import type { LiveConnection } from './use-live-connection.ts';

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
 * with every poll, which sends no event) and when alerts change.
 */
export function useStreams(subscribe: LiveConnection['subscribe']): Streams {
  const [state, setState] = useState<{ streams: StreamDto[]; loading: boolean; error: string | null }>({
    streams: [],
    loading: true,
    error: null,
  });
  const generation = useRef(0);

  const reload = useCallback(() => {
    const gen = ++generation.current;
    api<{ streams: StreamDto[] }>('GET', '/api/streams').then(
      (r) => {
        if (gen === generation.current) setState({ streams: r.streams, loading: false, error: null });
      },
      (error: unknown) => {
        if (gen === generation.current) setState((s) => ({ ...s, loading: false, error: errorMessage(error) }));
      },
    );
  }, []);

  useEffect(() => {
    reload();
    const timer = window.setInterval(reload, REFRESH_MS);
    const unsubscribe = subscribe({
      onEvent: (event) => {
        if (event.type === 'alerts.changed') reload();
      },
      onCatchUp: reload,
    });
    return () => {
      window.clearInterval(timer);
      unsubscribe();
    };
  }, [reload, subscribe]);

  const replace = useCallback((stream: StreamDto) => {
    generation.current += 1; // a read that started before this write would show the old state
    setState((s) => {
      const exists = s.streams.some((x) => x.id === stream.id);
      return {
        ...s,
        streams: exists ? s.streams.map((x) => (x.id === stream.id ? stream : x)) : [...s.streams, stream],
      };
    });
  }, []);

  return { ...state, reload, replace };
}
