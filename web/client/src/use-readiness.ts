import { useEffect, useState } from 'react';
import type { ReadinessDto } from '../../src/api/contract.ts';
import type { LiveStatus } from './live-events.ts';

/** While everything answers: often enough to notice an outage within half a minute. */
const POLL_READY_MS = 30_000;
/** While degraded or the live stream is down: so recovery shows within seconds. */
const POLL_DEGRADED_MS = 5_000;

/** What the dashboard knows of the server's dependencies; `unknown` when /readyz itself is unreachable. */
export type Readiness = { status: 'ready' } | { status: 'degraded'; message: string } | { status: 'unknown' };

/**
 * Polls `GET /readyz`. Always, not only while the live stream is down: PostgreSQL can be away
 * while Redis (which carries the live stream) still answers, and then the stream stays up.
 * Checks again at once whenever the live stream's status changes.
 */
export function useReadiness(live: LiveStatus): Readiness {
  const [readiness, setReadiness] = useState<Readiness>({ status: 'unknown' });
  const degraded = readiness.status !== 'ready' || live !== 'live';

  useEffect(() => {
    const controller = new AbortController();
    const check = async () => {
      try {
        const res = await fetch('/readyz', { signal: controller.signal, headers: { accept: 'application/json' } });
        const body = (await res.json()) as ReadinessDto;
        setReadiness(body.status === 'ready' && res.ok ? { status: 'ready' } : { status: 'degraded', message: body.message });
      } catch {
        if (!controller.signal.aborted) setReadiness({ status: 'unknown' });
      }
    };
    void check();
    const timer = window.setInterval(() => void check(), degraded ? POLL_DEGRADED_MS : POLL_READY_MS);
    return () => {
      controller.abort();
      window.clearInterval(timer);
    };
  }, [degraded, live]);

  return readiness;
}
