import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { MentionDetail, MentionDto, ReplyDto } from '../../src/api/contract.ts';
import { ApiError, api, errorMessage } from './api.ts';
import { apiKey } from './query-client.ts';

export interface DetailState {
  detail: MentionDetail | null;
  loading: boolean;
  error: { message: string; notFound: boolean } | null;
}

export interface MentionDetailHandle extends DetailState {
  /** Re-reads the mention and its replies; resolves with the fresh mention (null on failure). */
  reload(): Promise<MentionDto | null>;
  /** Shows a reply the API just accepted, before any live update arrives. */
  addReply(reply: ReplyDto): void;
  /** Shows a mention the API just returned (e.g. after a correction), before any live update. */
  replaceMention(mention: MentionDto): void;
}

function byCreatedAt(a: ReplyDto, b: ReplyDto): number {
  return Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Replies are never deleted, so a reply we hold that a (possibly older) read lacks is kept:
 * a read issued just before a send must not make the new reply vanish.
 */
function mergeReplies(held: ReplyDto[], fresh: ReplyDto[]): ReplyDto[] {
  const freshIds = new Set(fresh.map((r) => r.id));
  return [...fresh, ...held.filter((r) => !freshIds.has(r.id))].sort(byCreatedAt);
}

export function mentionDetailPath(id: string): string {
  return `/api/mentions/${encodeURIComponent(id)}`;
}

/** One mention with its replies, cached under `apiKey(mentionDetailPath(id))`: the panel's query and every single-mention read share it. */
function mentionDetailQuery(client: QueryClient, id: string) {
  const key = apiKey(mentionDetailPath(id));
  return queryOptions({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const fresh = await api<MentionDetail>('GET', key[1], { signal });
      const held = client.getQueryData<MentionDetail>(key)?.replies ?? [];
      return { ...fresh, replies: mergeReplies(held, fresh.replies) };
    },
  });
}

/**
 * Reads a mention now (at most one read of it at a time) into the query cache and answers
 * its fresh copy: how the inbox refreshes a row that changed in place.
 */
export async function readMention(client: QueryClient, id: string): Promise<MentionDto> {
  return (await client.fetchQuery(mentionDetailQuery(client, id))).mention;
}

/** The mention open in the detail panel, with its replies (query key `apiKey(mentionDetailPath(id))`). */
export function useMentionDetail(id: string | null): MentionDetailHandle {
  const client = useQueryClient();
  const query = useQuery({
    ...mentionDetailQuery(client, id ?? ''),
    enabled: id !== null,
  });

  const reload = useCallback(async (): Promise<MentionDto | null> => {
    if (id === null) return null;
    const k = apiKey(mentionDetailPath(id));
    await client.refetchQueries({ queryKey: k, exact: true });
    const state = client.getQueryState<MentionDetail>(k);
    return state?.status === 'success' && state.fetchStatus === 'idle' ? (state.data?.mention ?? null) : null;
  }, [client, id]);

  const update = useCallback(
    (change: (d: MentionDetail) => MentionDetail) => {
      if (id === null) return;
      client.setQueryData<MentionDetail>(apiKey(mentionDetailPath(id)), (d) => (d === undefined ? d : change(d)));
    },
    [client, id],
  );
  const addReply = useCallback(
    (reply: ReplyDto) =>
      update((d) =>
        d.mention.id !== reply.mentionId || d.replies.some((r) => r.id === reply.id) ? d : { ...d, replies: [...d.replies, reply].sort(byCreatedAt) },
      ),
    [update],
  );
  const replaceMention = useCallback((mention: MentionDto) => update((d) => (d.mention.id !== mention.id ? d : { ...d, mention })), [update]);

  const notFound = query.error instanceof ApiError && query.error.status === 404;
  // A failed background refresh keeps what is on screen; only a first load (or "gone") shows the error.
  const failed = query.error !== null && (query.data === undefined || notFound);
  return {
    detail: id === null || failed ? null : (query.data ?? null),
    loading: query.isLoading,
    error: failed ? { message: errorMessage(query.error), notFound } : null,
    reload,
    addReply,
    replaceMention,
  };
}
