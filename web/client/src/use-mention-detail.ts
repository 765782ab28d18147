import { useCallback, useEffect, useRef, useState } from 'react';
import type { MentionDetail, MentionDto, ReplyDto } from '../../src/api/contract.ts';
import { ApiError, api, errorMessage } from './api.ts';

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

const IDLE: DetailState = { detail: null, loading: false, error: null };

/** The mention open in the detail panel, with its replies, kept fresh by `reload`. */
export function useMentionDetail(id: string | null): MentionDetailHandle {
  const [state, setState] = useState<DetailState>(IDLE);
  const idRef = useRef(id);
  idRef.current = id;

  const fetchDetail = useCallback(async (forId: string, initial: boolean) => {
    try {
      const detail = await api<MentionDetail>('GET', `/api/mentions/${encodeURIComponent(forId)}`);
      if (idRef.current !== forId) return null;
      setState((s) => {
        const held = s.detail?.mention.id === forId ? s.detail.replies : [];
        return {
          detail: { ...detail, replies: mergeReplies(held, detail.replies) },
          loading: false,
          error: null,
        };
      });
      return detail.mention;
    } catch (error) {
      if (idRef.current !== forId) return null;
      const notFound = error instanceof ApiError && error.status === 404;
      // A failed background refresh keeps what is on screen; only a first load shows the error.
      if (initial || notFound) {
        setState({ detail: null, loading: false, error: { message: errorMessage(error), notFound } });
      }
      return null;
    }
  }, []);

  useEffect(() => {
    if (id === null) {
      setState(IDLE);
      return;
    }
    setState({ detail: null, loading: true, error: null });
    void fetchDetail(id, true);
  }, [id, fetchDetail]);

  const reload = useCallback(async () => {
    const current = idRef.current;
    return current === null ? null : fetchDetail(current, false);
  }, [fetchDetail]);

  const addReply = useCallback((reply: ReplyDto) => {
    setState((s) => {
      if (s.detail === null || s.detail.mention.id !== reply.mentionId) return s;
      if (s.detail.replies.some((r) => r.id === reply.id)) return s; // a live read got here first
      return { ...s, detail: { ...s.detail, replies: [...s.detail.replies, reply].sort(byCreatedAt) } };
    });
  }, []);

  const replaceMention = useCallback((mention: MentionDto) => {
    setState((s) => {
      if (s.detail === null || s.detail.mention.id !== mention.id) return s;
      return { ...s, detail: { ...s.detail, mention } };
    });
  }, []);

  return { ...state, reload, addReply, replaceMention };
}
