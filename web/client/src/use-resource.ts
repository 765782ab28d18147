import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage } from './api.ts';

export interface Resource<T> {
  data: T | null;
  /** Only the first load's failure; a failed reload keeps what is shown. */
  error: string | null;
  loading: boolean;
  reload(): void;
  /** Replaces the data with what a write just returned, without another read. */
  set(data: T): void;
}

/** One GET endpoint's answer, read when `path` changes; `null` reads nothing. */
export function useResource<T>(path: string | null): Resource<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: path !== null,
  });
  const [attempt, setAttempt] = useState(0);
  // Only the newest read may land: a slow answer for an earlier path must not win.
  const generation = useRef(0);
  const loadedPath = useRef<string | null>(null);

  useEffect(() => {
    const gen = ++generation.current;
    if (path === null) {
      loadedPath.current = null;
      setState({ data: null, error: null, loading: false });
      return;
    }
    const fresh = loadedPath.current !== path;
    if (fresh) setState({ data: null, error: null, loading: true });
    api<T>('GET', path).then(
      (data) => {
        if (gen !== generation.current) return;
        loadedPath.current = path;
        setState({ data, error: null, loading: false });
      },
      (error: unknown) => {
        if (gen !== generation.current) return;
        setState((s) => (fresh || s.data === null ? { data: null, error: errorMessage(error), loading: false } : s));
      },
    );
  }, [path, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const set = useCallback((data: T) => {
    generation.current += 1; // an older read in flight must not overwrite this
    setState({ data, error: null, loading: false });
  }, []);
  return { ...state, reload, set };
}
