import { useCallback, useEffect, useRef, useState } from 'react';
import type { AlertDto } from '../../src/api/contract.ts';
import { api } from './api.ts';
import type { LiveConnection } from './use-live-connection.ts';

/** Open alerts, re-read on `alerts.changed` and whenever live events may have been missed. */
export function useAlerts(subscribe: LiveConnection['subscribe']): AlertDto[] {
  const [alerts, setAlerts] = useState<AlertDto[]>([]);
  // Reads can overlap (an event during the first load); only the newest may land.
  const generation = useRef(0);

  const load = useCallback(() => {
    const gen = ++generation.current;
    api<{ alerts: AlertDto[] }>('GET', '/api/alerts').then(
      (r) => {
        if (gen === generation.current) setAlerts(r.alerts);
      },
      () => undefined, // keep what is shown; the next event or catch-up reads again
    );
  }, []);

  useEffect(() => {
    load();
    return subscribe({
      onEvent: (event) => {
        if (event.type === 'alerts.changed') load();
      },
      onCatchUp: load,
    });
  }, [subscribe, load]);

  return alerts;
}
