import { useCallback, useEffect, useRef, useState } from 'react';
import type { IncidentSummaryDto } from '../../src/api/incidents-contract.ts';
import { api } from './api.ts';
import type { LiveConnection } from './use-live-connection.ts';

// New mentions change the counts; in a storm they come many a second, so one read waits this long.
const COUNT_REFRESH_MS = 2_000;

/** Open incidents (of one brand, or all), re-read on alert changes and, a little later, on new mentions. */
export function useIncidents(subscribe: LiveConnection['subscribe'], brandId: string | null): IncidentSummaryDto[] {
  const [incidents, setIncidents] = useState<IncidentSummaryDto[]>([]);
  const generation = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(() => {
    const gen = ++generation.current;
    const query = brandId === null ? '' : `?brandId=${encodeURIComponent(brandId)}`;
    api<{ incidents: IncidentSummaryDto[] }>('GET', `/api/incidents${query}`).then(
      (r) => {
        if (gen === generation.current) setIncidents(r.incidents);
      },
      () => undefined, // keep what is shown; the next event or catch-up reads again
    );
  }, [brandId]);

  useEffect(() => {
    load();
    const unsubscribe = subscribe({
      onEvent: (event) => {
        if (event.type === 'alerts.changed') load();
        else if (event.type === 'mentions.created' && timer.current === null) {
          timer.current = setTimeout(() => {
            timer.current = null;
            load();
          }, COUNT_REFRESH_MS);
        }
      },
      onCatchUp: load,
    });
    return () => {
      unsubscribe();
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [subscribe, load]);

  return incidents;
}
