import { useEffect, useRef, useState } from 'react';
import type { ViewerDto } from '../../src/api/contract.ts';
import { api } from './api.ts';
import type { LiveConnection } from './use-live-connection.ts';

const HEARTBEAT_MS = 5_000;
/** Typing stops counting this long after the last keystroke. */
const TYPING_IDLE_MS = 8_000;

/**
 * Tells the server this user has the mention open (a heartbeat every few seconds, and at once
 * when typing starts or stops) and returns everyone else who has it open. Leaving the mention
 * says so; a closed tab simply stops beating and drops out when its key expires.
 */
export function usePresence(mentionId: string | null, meId: string, subscribe: LiveConnection['subscribe']) {
  const [viewers, setViewers] = useState<ViewerDto[]>([]);
  const typingUntil = useRef(0);
  const sentTyping = useRef(false);
  const beatRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    setViewers([]);
    if (mentionId === null) return;
    let live = true;
    const path = `/api/mentions/${encodeURIComponent(mentionId)}/presence`;
    const beat = () => {
      const typing = Date.now() < typingUntil.current;
      sentTyping.current = typing;
      api<{ viewers: ViewerDto[] }>('PUT', path, { body: { typing } }).then(
        (r) => {
          if (live) setViewers(r.viewers);
        },
        () => undefined,
      );
    };
    beatRef.current = beat;
    beat();
    const timer = window.setInterval(() => {
      beat();
    }, HEARTBEAT_MS);
    // Typing ends without a keystroke: say so soon after it goes idle.
    const idle = window.setInterval(() => {
      if (sentTyping.current && Date.now() >= typingUntil.current) beat();
    }, 1_000);
    const stop = subscribe({
      onEvent: (e) => {
        if (e.type === 'presence' && e.mentionId === mentionId) setViewers(e.viewers);
      },
    });
    return () => {
      live = false;
      stop();
      window.clearInterval(timer);
      window.clearInterval(idle);
      typingUntil.current = 0;
      beatRef.current = () => undefined;
      void api('DELETE', path).catch(() => undefined);
    };
  }, [mentionId, subscribe]);

  /** Call on each keystroke in the reply box. */
  const typed = () => {
    typingUntil.current = Date.now() + TYPING_IDLE_MS;
    if (!sentTyping.current) beatRef.current();
  };
  const others = viewers.filter((v) => v.userId !== meId);
  return { others, typed };
}
