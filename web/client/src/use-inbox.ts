import { useCallback, useEffect, useRef, useState } from 'react';
import type { InboxPage, MentionDto } from '../../src/api/contract.ts';
import { api, errorMessage } from './api.ts';
import { mergeMentions } from './format.ts';
import { inboxSearch, type InboxView } from './inbox-url.ts';

export type { StatusFilter } from './inbox-url.ts';

const PAGE_SIZE = 50;
/** The API's largest page; a live refresh re-reads at most this many rows. */
const MAX_PAGE = 200;

export interface InboxState {
  items: MentionDto[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
}

export interface Inbox extends InboxState {
  loadMore(): void;
  /** Re-reads the top of the list (coalesced), e.g. after `mentions.created`. */
  scheduleRefresh(): void;
  /** Replaces a mention already in the list with a fresher copy; others are ignored. */
  upsert(mention: MentionDto): void;
  has(id: string): boolean;
  /** Takes mentions out of the list (they left this view). */
  remove(ids: readonly string[]): void;
  retry(): void;
}

/** `search` is the view's "?status=…&…" (inboxSearch). */
function pageUrl(search: string, limit: number, cursor?: string): string {
  const query = new URLSearchParams(search);
  query.set('limit', String(limit));
  if (cursor !== undefined) query.set('cursor', cursor);
  return `/api/mentions?${query.toString()}`;
}

const EMPTY: InboxState = { items: [], nextCursor: null, loading: true, loadingMore: false, error: null };

/** The inbox list for one view (status and filters): first page, "Load more", and live merging. */
export function useInbox(view: InboxView): Inbox {
  // One string names the view, so effects re-run only when it really changes.
  const search = inboxSearch(view);
  const [state, setState] = useState<InboxState>(EMPTY);
  const [attempt, setAttempt] = useState(0);
  // Responses for an earlier filter are dropped: each filter change starts a new generation.
  const generation = useRef(0);
  const stateRef = useRef(state);
  stateRef.current = state;
  const refreshTimer = useRef<number | null>(null);
  // A refresh scheduled before a filter change must read the new filter, not the old one.
  const filter = useRef(search);
  filter.current = search;

  useEffect(() => {
    const gen = ++generation.current;
    setState(EMPTY);
    api<InboxPage>('GET', pageUrl(search, PAGE_SIZE)).then(
      (page) => {
        if (gen !== generation.current) return;
        setState({ items: page.items, nextCursor: page.nextCursor, loading: false, loadingMore: false, error: null });
      },
      (error: unknown) => {
        if (gen !== generation.current) return;
        setState({ ...EMPTY, loading: false, error: errorMessage(error) });
      },
    );
  }, [search, attempt]);

  useEffect(
    () => () => {
      if (refreshTimer.current !== null) window.clearTimeout(refreshTimer.current);
    },
    [],
  );

  const loadMore = useCallback(() => {
    const { nextCursor, loadingMore } = stateRef.current;
    if (nextCursor === null || loadingMore) return;
    const gen = generation.current;
    setState((s) => ({ ...s, loadingMore: true, error: null }));
    api<InboxPage>('GET', pageUrl(search, PAGE_SIZE, nextCursor)).then(
      (page) => {
        if (gen !== generation.current) return;
        setState((s) => ({
          ...s,
          items: mergeMentions(s.items, page.items),
          nextCursor: page.nextCursor,
          loadingMore: false,
        }));
      },
      (error: unknown) => {
        if (gen !== generation.current) return;
        setState((s) => ({ ...s, loadingMore: false, error: errorMessage(error) }));
      },
    );
  }, [search]);

  const refresh = useCallback(() => {
    const gen = generation.current;
    const search = filter.current;
    const { items, loading } = stateRef.current;
    if (loading) return; // the first page is on its way and will include the new mentions
    // Re-read everything already shown (up to the API's page limit) so a new mention whose
    // deadline falls inside the loaded range appears in place, not only on page one.
    const limit = Math.min(MAX_PAGE, Math.max(PAGE_SIZE, items.length));
    const coversLoaded = limit >= items.length;
    api<InboxPage>('GET', pageUrl(search, limit)).then(
      (page) => {
        if (gen !== generation.current) return;
        setState((s) => ({
          ...s,
          items: mergeMentions(s.items, page.items),
          nextCursor: coversLoaded ? page.nextCursor : s.nextCursor,
          error: null,
        }));
      },
      () => {
        // A failed live refresh is not worth an error banner: the next event or a
        // reconnect refreshes again, and the list on screen is still valid.
      },
    );
  }, []);

  const scheduleRefresh = useCallback(() => {
    // Mentions arrive in bursts (one event per collected page); read once per burst.
    if (refreshTimer.current !== null) return;
    refreshTimer.current = window.setTimeout(() => {
      refreshTimer.current = null;
      refresh();
    }, 300);
  }, [refresh]);

  const upsert = useCallback((mention: MentionDto) => {
    setState((s) => {
      const index = s.items.findIndex((m) => m.id === mention.id);
      if (index === -1 || s.items[index] === mention) return s;
      return { ...s, items: mergeMentions(s.items, [mention]) };
    });
  }, []);

  const has = useCallback((id: string) => stateRef.current.items.some((m) => m.id === id), []);
  const remove = useCallback((ids: readonly string[]) => {
    const gone = new Set(ids);
    setState((s) => (s.items.some((m) => gone.has(m.id)) ? { ...s, items: s.items.filter((m) => !gone.has(m.id)) } : s));
  }, []);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return { ...state, loadMore, scheduleRefresh, upsert, has, remove, retry };
}
