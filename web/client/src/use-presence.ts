import { useEffect, useRef, useState } from 'react';
import type { PresenceDto, ViewerDto } from '../../src/api/contract.ts';
import { api } from './api.ts';
import type { LiveConnection } from './use-live-connection.ts';

const HEARTBEAT_MS = 5_000;
/** Typing stops counting this long after the last keystroke. */
const TYPING_IDLE_MS = 8_000;

/**
 * Leaves still on their way, by presence path: a panel opened again on the same mention sends its
 * first heartbeat after the leave has landed, or the leave would wipe it out.
 */
const leaving = new Map<string, Promise<void>>();

/**
 * Tells the server this user has the mention open (a heartbeat every few seconds, and at once
 * when typing starts or stops) and returns everyone else who has it open. The user leaves at
 * once, not when the key expires: on moving to another mention or closing the panel, and when
 * the tab is hidden or closed (it comes back when the tab is shown again).
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
    let here = false;
    // The newest presence change heard of (answers and events can cross): older lists are ignored.
    let version = 0;
    const take = (news: PresenceDto) => {
      if (!live || news.version <= version) return;
      version = news.version;
      if (here) setViewers(news.viewers);
    };
    // A heartbeat still on its way when the user leaves could land after the leave and show them
    // present for another 15 s: heartbeats go one after another, and a leave sent while one is
    // on its way is sent again once it has landed.
    const path = `/api/mentions/${encodeURIComponent(mentionId)}/presence`;
    let queue: Promise<unknown> = leaving.get(path) ?? Promise.resolve();
    let beating = 0;
    const beat = () => {
      if (document.visibilityState === 'hidden') return;
      here = true;
      const typing = Date.now() < typingUntil.current;
      sentTyping.current = typing;
      beating += 1;
      queue = queue.then(() =>
        api<PresenceDto>('PUT', path, { body: { typing } })
          .then(take, () => undefined)
          .finally(() => (beating -= 1)),
      );
    };
    const leave = () => {
      if (!here) return;
      here = false;
      sentTyping.current = false;
      // At once (a closing tab may not wait), and again after a heartbeat still on its way.
      void leavePresence(path);
      if (beating > 0) {
        queue = queue.then(() => {
          if (!here) return leavePresence(path);
        });
      }
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
    const onVisibility = () => (document.visibilityState === 'hidden' ? leave() : beat());
    // pagehide also covers the tab closing and navigating away (and the back-forward cache).
    const onPageHide = () => leave();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onPageHide);
    const stop = subscribe({
      onEvent: (e) => {
        if (e.type === 'presence' && e.mentionId === mentionId) take(e);
      },
    });
    return () => {
      live = false;
      stop();
      window.clearInterval(timer);
      window.clearInterval(idle);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onPageHide);
      typingUntil.current = 0;
      beatRef.current = () => undefined;
      leave();
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

/** DELETE of the presence; keepalive, so it completes even while the page unloads. */
function leavePresence(path: string): Promise<void> {
  const sent = fetch(path, { method: 'DELETE', credentials: 'same-origin', keepalive: true, headers: { Accept: 'application/json' } }).then(
    () => undefined,
    () => undefined,
  );
  const done = sent.finally(() => {
    if (leaving.get(path) === done) leaving.delete(path);
  });
  leaving.set(path, done);
  return done;
}
