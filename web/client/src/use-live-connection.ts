import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveEvent } from '../../src/api/contract.ts';
import { api } from './api.ts';
import { connectLiveEvents, type LiveStatus } from './live-events.ts';

const RECONNECT_MS = 5000;
const POLL_WHILE_OFFLINE_MS = 15_000;

export interface LiveListener {
  onEvent?(event: LiveEvent): void;
  /** Events may have been missed (a reconnect, or a poll while the stream is down): re-read. */
  onCatchUp?(): void;
}

export interface LiveConnection {
  status: LiveStatus;
  /** Registers a listener for as long as the returned function is not called. */
  subscribe(listener: LiveListener): () => void;
}

/**
 * One event stream for the whole dashboard, shared by every screen that wants live
 * updates. Reconnects after the browser gives up, and while the stream is down asks every
 * listener to catch up now and then so screens still move.
 */
export function useLiveConnection(): LiveConnection {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [connection, setConnection] = useState(0);
  const listeners = useRef(new Set<LiveListener>());

  const catchUp = useCallback(() => {
    for (const listener of [...listeners.current]) listener.onCatchUp?.();
  }, []);

  useEffect(() => {
    let disposed = false;
    let reconnectTimer: number | undefined;
    const close = connectLiveEvents({
      onEvent: (event) => {
        for (const listener of [...listeners.current]) listener.onEvent?.(event);
      },
      onStatus: setStatus,
      onResumed: catchUp,
      onClosed: () => {
        close();
        // A 401 here signs the user out (api() calls the unauthorized handler); anything
        // else means the server is away, so try again shortly.
        api('GET', '/api/session')
          .catch(() => undefined)
          .then(() => {
            if (!disposed) reconnectTimer = window.setTimeout(() => setConnection((n) => n + 1), RECONNECT_MS);
          });
      },
    });
    if (connection > 0) catchUp(); // events may have been missed while reconnecting
    return () => {
      disposed = true;
      window.clearTimeout(reconnectTimer);
      close();
    };
  }, [connection, catchUp]);

  useEffect(() => {
    if (status === 'live') return;
    const timer = window.setInterval(catchUp, POLL_WHILE_OFFLINE_MS);
    return () => window.clearInterval(timer);
  }, [status, catchUp]);

  const subscribe = useCallback((listener: LiveListener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  return { status, subscribe };
}
