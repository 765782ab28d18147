import type { LiveEvent } from '../../src/api/contract.ts';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

export interface LiveEventHandlers {
  onEvent(event: LiveEvent): void;
  onStatus(status: LiveStatus): void;
  /** The stream came back after a gap: events may have been missed, so refresh. */
  onResumed(): void;
  /** The browser gave up on the stream (e.g. a non-200 answer, such as 401). */
  onClosed(): void;
}

const EVENT_TYPES = ['mentions.created', 'mention.updated', 'alerts.changed', 'mentions.changed', 'notices.changed', 'presence'] as const satisfies readonly LiveEvent['type'][];

function parse(type: string, data: string): LiveEvent | null {
  try {
    const value = JSON.parse(data) as Partial<LiveEvent> | null;
    if (typeof value !== 'object' || value === null) return null;
    // The event name is authoritative; some servers leave `type` out of the data.
    return { ...value, type } as LiveEvent;
  } catch {
    return null;
  }
}

/**
 * Listens to /api/events. EventSource reconnects on its own after a dropped connection;
 * when it gives up (readyState CLOSED) the caller decides whether to reconnect.
 * Returns a function that closes the stream.
 */
export function connectLiveEvents(handlers: LiveEventHandlers): () => void {
  const source = new EventSource('/api/events');
  let hadError = false;
  handlers.onStatus('connecting');

  source.onopen = () => {
    handlers.onStatus('live');
    if (hadError) handlers.onResumed();
    hadError = false;
  };
  source.onerror = () => {
    hadError = true;
    handlers.onStatus('reconnecting');
    if (source.readyState === EventSource.CLOSED) handlers.onClosed();
  };
  for (const type of EVENT_TYPES) {
    source.addEventListener(type, (message: MessageEvent<string>) => {
      const event = parse(type, message.data);
      if (event !== null) handlers.onEvent(event);
    });
  }
  return () => source.close();
}
