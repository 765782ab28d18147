import { useEffect, useRef, useState } from 'react';
import type { InboxCountsDto } from '../../src/api/contract.ts';
import { api } from './api.ts';
import type { LiveConnection } from './use-live-connection.ts';

/** How a capped count reads: "999+" at the cap. */
export function countLabel(n: number, cap: number): string {
  return n >= cap ? `${cap - 1}+` : String(n);
}

/**
 * The open / overdue / mine / unassigned counts, re-read (at most twice a second) whenever
 * mentions arrive or change, and after a reconnect. Null until the first answer.
 */
export function useInboxCounts(subscribe: LiveConnection['subscribe'], brandId: string | undefined): InboxCountsDto | null {
  const [counts, setCounts] = useState<InboxCountsDto | null>(null);
  const timer = useRef<number | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    const load = () => {
      const request = ++latest.current;
      api<InboxCountsDto>('GET', `/api/inbox/counts${brandId ? `?brandId=${encodeURIComponent(brandId)}` : ''}`).then(
        (c) => {
          if (request === latest.current) setCounts(c);
        },
        () => undefined, // the next event or reconnect re-reads
      );
    };
    const schedule = () => {
      if (timer.current !== null) return;
      timer.current = window.setTimeout(() => {
        timer.current = null;
        load();
      }, 500);
    };
    load();
    // Overdue grows with time alone.
    const minute = window.setInterval(load, 60_000);
    const stop = subscribe({
      onEvent: (e) => {
        if (e.type === 'mentions.created' || e.type === 'mention.updated' || e.type === 'mentions.changed') schedule();
      },
      onCatchUp: load,
    });
    return () => {
      stop();
      window.clearInterval(minute);
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
    };
  }, [subscribe, brandId]);

  return counts;
}
