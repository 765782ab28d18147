import { useEffect, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReadinessDto } from '../../src/api/contract.ts';
import type { LiveStatus } from './live-events.ts';

/** While everything answers: often enough to notice an outage within half a minute. */
const POLL_READY_MS = 30_000;
/** While degraded or the live stream is down: so recovery shows within seconds. */
const POLL_DEGRADED_MS = 5_000;

/** What the dashboard knows of the server's dependencies; `unknown` when /readyz itself is unreachable. */
export type Readiness = { status: 'ready' } | { status: 'degraded'; message: string } | { status: 'unknown' };

const READYZ_KEY = ['readyz'] as const;

async function readReadiness({ signal }: { signal: AbortSignal }): Promise<Readiness> {
  const res = await fetch('/readyz', { signal, headers: { accept: 'application/json' } });
  const body = (await res.json()) as ReadinessDto;
  return body.status === 'ready' && res.ok ? { status: 'ready' } : { status: 'degraded', message: body.message };
}

/**
 * Polls `GET /readyz` through the query cache. Always, not only while the live stream is down:
 * PostgreSQL can be away while Redis (which carries the live stream) still answers, and then the
 * stream stays up. Checks again at once whenever the live stream's status changes; `unknown`
 * while /readyz itself does not answer.
 */
export function useReadiness(live: LiveStatus): Readiness {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: READYZ_KEY,
    queryFn: readReadiness,
    refetchInterval: (q) => (q.state.data?.status === 'ready' && !q.state.error && live === 'live' ? POLL_READY_MS : POLL_DEGRADED_MS),
    // A tab left in the background still learns of an outage (and shows it when brought back).
    refetchIntervalInBackground: true,
  });

  const firstStatus = useRef(true);
  useEffect(() => {
    if (firstStatus.current) {
      firstStatus.current = false;
      return;
    }
    void client.invalidateQueries({ queryKey: READYZ_KEY, exact: true });
  }, [live, client]);

  if (query.isError) return { status: 'unknown' };
  return query.data ?? { status: 'unknown' };
}
