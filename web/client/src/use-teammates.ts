import { useEffect, useState } from 'react';
import type { TeammateDto } from '../../src/api/contract.ts';
import { api } from './api.ts';

/** Everyone on the team (to show and pick assignees), read once per screen. */
export function useTeammates(): TeammateDto[] {
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
  return teammates;
}
