import { QueryClient, type QueryKey } from '@tanstack/react-query';

/** The key of a GET on the API: `['api', path]`. Live events find what to re-read by the path. */
export function apiKey(path: string): readonly ['api', string] {
  return ['api', path] as const;
}

/** The path inside an `apiKey`, or null for any other key. */
export function pathOfKey(key: readonly unknown[]): string | null {
  return key[0] === 'api' && typeof key[1] === 'string' ? key[1] : null;
}

/**
 * Puts what a write answered into the cache under `key`. A read that started before the write
 * would land the old state: it is cancelled (which puts back what was there before it) and the
 * update applied again.
 */
export function putAfterWrite<T>(client: QueryClient, key: QueryKey, update: (old: T | undefined) => T): void {
  client.setQueryData<T>(key, update);
  void client.cancelQueries({ queryKey: key, exact: true }).then(() => client.setQueryData<T>(key, update));
}

/**
 * One cache per signed-in session (a new sign-in starts empty, so nobody sees the last
 * user's data). Reads are re-done when a screen mounts and when a live event says they
 * changed (live-queries.ts), never on window focus or on a timer of the library's own:
 * the live stream already says when data moves, and a dashboard left open in many tabs
 * must not multiply reads.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 0,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        // A failure shows at once in the user's words (api.ts); the live stream's catch-up
        // and the screens' own "Try again" read again.
        retry: false,
        // The browser's idea of "offline" must not hold reads back: an unreachable server
        // answers with api.ts's "Cannot reach the Earshot server" message instead.
        networkMode: 'always',
      },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}
