import { useInfiniteQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useCallback, useMemo, useRef } from 'react';
import type { InboxPage, MentionDto } from '../../src/api/contract.ts';
import { api, errorMessage } from './api.ts';
import { mergeMentions } from './format.ts';
import { inboxSearch, type InboxView } from './inbox-url.ts';
import { apiKey } from './query-client.ts';

export type { StatusFilter } from './inbox-url.ts';

const PAGE_SIZE = 50;

export interface Inbox {
  items: MentionDto[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  /** The first page's failure, or the last "Load more"'s; a failed live re-read shows nothing. */
  error: string | null;
  loadMore(): void;
  /** Replaces a mention already in the list with a fresher copy; others are ignored. */
  upsert(mention: MentionDto): void;
  has(id: string): boolean;
  /** Takes mentions out of the list (they left this view). */
  remove(ids: readonly string[]): void;
  retry(): void;
}

/**
 * The cache key of a view's list: the first page's path without limit or cursor. Live
 * events re-read it by that path (live-queries.ts), every loaded page again, in order.
 */
export function inboxPath(search: string): string {
  return `/api/mentions${search}`;
}

/** `search` is the view's "?status=…&…" (inboxSearch). */
function pageUrl(search: string, cursor: string | null): string {
  const query = new URLSearchParams(search);
  query.set('limit', String(PAGE_SIZE));
  if (cursor !== null) query.set('cursor', cursor);
  return `/api/mentions?${query.toString()}`;
}

type Pages = InfiniteData<InboxPage, string | null>;

/** Every page's rows, with what `change` makes of each page's list. */
function patch(pages: Pages | undefined, change: (items: MentionDto[]) => MentionDto[]): Pages | undefined {
  if (pages === undefined) return undefined;
  let changed = false;
  const next = pages.pages.map((page) => {
    const items = change(page.items);
    if (items === page.items) return page;
    changed = true;
    return { ...page, items };
  });
  return changed ? { ...pages, pages: next } : pages;
}

/** The inbox list for one view (status and filters): keyset pages, "Load more", and live patches. */
export function useInbox(view: InboxView): Inbox {
  // One string names the view, so the query changes only when the view really does.
  const search = inboxSearch(view);
  const key = useMemo(() => apiKey(inboxPath(search)), [search]);
  const client = useQueryClient();
  const query = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) => api<InboxPage>('GET', pageUrl(search, pageParam), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

  // Pages are read at different moments: a mention can move between them (its priority
  // changed), so the list is the pages' rows once each, in the inbox's order.
  const items = useMemo(() => mergeMentions([], query.data?.pages.flatMap((p) => p.items) ?? []), [query.data]);
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const lastPage = query.data?.pages.at(-1);

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const upsert = useCallback(
    (mention: MentionDto) =>
      client.setQueryData<Pages>(key, (pages) =>
        patch(pages, (rows) => {
          const i = rows.findIndex((m) => m.id === mention.id);
          return i === -1 || rows[i] === mention ? rows : rows.map((m, j) => (j === i ? mention : m));
        }),
      ),
    [client, key],
  );
  const remove = useCallback(
    (ids: readonly string[]) => {
      const gone = new Set(ids);
      client.setQueryData<Pages>(key, (pages) => patch(pages, (rows) => (rows.some((m) => gone.has(m.id)) ? rows.filter((m) => !gone.has(m.id)) : rows)));
    },
    [client, key],
  );
  const has = useCallback((id: string) => itemsRef.current.some((m) => m.id === id), []);
  const retry = useCallback(() => void client.refetchQueries({ queryKey: key, exact: true }), [client, key]);

  const firstLoadFailed = query.data === undefined && query.error !== null;
  return {
    items,
    nextCursor: lastPage?.nextCursor ?? null,
    loading: query.isLoading,
    loadingMore: isFetchingNextPage,
    error: firstLoadFailed || query.isFetchNextPageError ? errorMessage(query.error) : null,
    loadMore,
    upsert,
    has,
    remove,
    retry,
  };
}
