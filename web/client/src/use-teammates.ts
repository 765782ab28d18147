import { useEffect, useState } from 'react';
import type { TeammateDto } from '../../src/api/contract.ts';
import { api } from './api.ts';

/** Everyone on the team (to show and pick assignees), read once per screen; `setAway` marks the signed-in user. */
export function useTeammates(): { teammates: TeammateDto[]; setAway(meId: string, away: boolean): Promise<void> } {
  const [teammates, setTeammates] = useState<TeammateDto[]>([]);
  useEffect(() => {
    let live = true;
    api<{ teammates: TeammateDto[] }>('GET', '/api/teammates').then(
      (r) => {
        if (live) setTeammates(r.teammates);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  // Shown at once; put back if the server refuses.
  const setAway = async (meId: string, away: boolean) => {
    const mark = (value: boolean) => setTeammates((ts) => ts.map((t) => (t.id === meId ? { ...t, away: value } : t)));
    mark(away);
    try {
      await api('PUT', '/api/account/away', { body: { away } });
    } catch (error) {
      mark(!away);
      throw error;
    }
  };
  return { teammates, setAway };
}
