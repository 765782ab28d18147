import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { LiveEvent } from '../../src/api/contract.ts';
import type { LiveConnection } from './use-live-connection.ts';
import { pathOfKey } from './query-client.ts';

/** Which cached reads an event makes stale, and how long to gather a burst before re-reading. */
export interface Staleness {
  /** Names the group: events within `delayMs` of the first are answered by one read. */
  name: string;
  path: RegExp;
  delayMs: number;
  /** Reads filtered to another brand (a `brandId` search parameter) are not affected. */
  brandId?: string;
}

const ALERTS: Staleness = { name: 'alerts', path: /^\/api\/alerts(\/|\?|$)/, delayMs: 0 };
// A false alarm also changes its rule (stricter hours), so rules are read again too.
const BRAND_ALERTS: Staleness = { name: 'brand-alerts', path: /^\/api\/brands\/[^/]+\/(alerts|alert-rules)(\/|\?|$)/, delayMs: 0 };
const INCIDENTS_NOW: Staleness = { name: 'incidents-now', path: /^\/api\/incidents(\/|\?|$)/, delayMs: 0 };
// Stream health moves with alerts (and with every poll, which sends no event: StreamsPage polls).
const STREAMS: Staleness = { name: 'streams', path: /^\/api\/streams(\?|$)/, delayMs: 0 };
const COUNTS: Staleness = { name: 'counts', path: /^\/api\/inbox\/counts(\?|$)/, delayMs: 500 };
// New mentions change incidents' counts; in a storm they come many a second.
const INCIDENT_LIST: Staleness = { name: 'incident-list', path: /^\/api\/incidents(\?|$)/, delayMs: 2_000 };
const INCIDENT_DETAIL: Staleness = { name: 'incident-detail', path: /^\/api\/incidents\/[^/?]+$/, delayMs: 300 };
// Every loaded page of the inbox lists (use-inbox.ts) is read again, once per burst.
const INBOX: Staleness = { name: 'inbox', path: /^\/api\/mentions\?/, delayMs: 300 };
const NOTICES: Staleness = { name: 'notices', path: /^\/api\/notices$/, delayMs: 0 };

/**
 * The one place that says what each live event makes stale. Rows that change in place or
 * leave a view, and the open mention, are patched by InboxScreen (it knows the view).
 */
export function stalenessOf(event: LiveEvent, meId: string): Staleness[] {
  switch (event.type) {
    case 'alerts.changed':
      return [ALERTS, BRAND_ALERTS, INCIDENTS_NOW, STREAMS];
    case 'mentions.created':
      return ofBrand(event.brandId, [COUNTS, INBOX, INCIDENT_LIST, INCIDENT_DETAIL]);
    case 'mention.updated':
      return ofBrand(event.brandId, [COUNTS]);
    case 'mentions.changed':
      // Others may have joined a view (reopened, assigned to me): lists are read again.
      return ofBrand(event.brandId, [COUNTS, INBOX]);
    case 'notices.changed':
      return event.userIds.includes(meId) ? [NOTICES] : [];
    case 'presence':
      return [];
  }
}

function ofBrand(brandId: string, list: Staleness[]): Staleness[] {
  return list.map((s) => ({ ...s, name: `${s.name}:${brandId}`, brandId }));
}

function affected(s: Staleness, path: string | null): boolean {
  if (path === null || !s.path.test(path)) return false;
  if (s.brandId === undefined) return true;
  const only = new URLSearchParams(path.split('?')[1] ?? '').get('brandId');
  return only === null || only === s.brandId;
}

function matching(s: Staleness) {
  return { predicate: (q: { queryKey: readonly unknown[] }) => affected(s, pathOfKey(q.queryKey)) };
}

/** Re-reads the screens' live queries that match (the others are only marked stale). */
function invalidate(client: QueryClient, s: Staleness): void {
  void client.invalidateQueries(matching(s));
}

/**
 * Turns live events into cache invalidations for as long as the dashboard is open, and
 * re-reads everything shown after events may have been missed (a reconnect).
 */
export function useLiveQueries(subscribe: LiveConnection['subscribe'], meId: string): void {
  const client = useQueryClient();
  useEffect(() => {
    const timers = new Map<string, number>();
    const later = (s: Staleness) => {
      if (timers.has(s.name)) return;
      timers.set(
        s.name,
        window.setTimeout(() => {
          timers.delete(s.name);
          // A read still on its way may have started before the events it should show: wait
          // for it, then read again, rather than cancel it (in a storm that would starve).
          if (client.isFetching(matching(s)) > 0) later(s);
          else invalidate(client, s);
        }, s.delayMs),
      );
    };
    const stop = subscribe({
      onEvent: (event) => {
        for (const s of stalenessOf(event, meId)) {
          if (s.delayMs === 0) invalidate(client, s);
          else later(s);
        }
      },
      onCatchUp: () => void client.invalidateQueries(),
    });
    return () => {
      stop();
      for (const timer of timers.values()) window.clearTimeout(timer);
    };
  }, [client, subscribe, meId]);
}

/**
 * After this user's own write: re-reads at once what the live event for that write would
 * (the event also comes, but the writer should not wait for it).
 */
export function useRefreshAfter(): (event: LiveEvent, meId?: string) => void {
  const client = useQueryClient();
  return (event, meId = '') => {
    for (const s of stalenessOf(event, meId)) invalidate(client, s);
  };
}

/** Whether `event` makes the cached read of `path` stale (for tests and for reading the table). */
export function affects(event: LiveEvent, meId: string, path: string): boolean {
  return stalenessOf(event, meId).some((s) => affected(s, path));
}
