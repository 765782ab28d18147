import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TeammateDto } from '../../src/api/contract.ts';
import { api } from './api.ts';
import { apiKey } from './query-client.ts';
import { useResource } from './use-resource.ts';

const PATH = '/api/teammates';
type Answer = { teammates: TeammateDto[] };

/** Everyone on the team (to show and pick assignees); `setAway` marks the signed-in user. */
export function useTeammates(): { teammates: TeammateDto[]; setAway(meId: string, away: boolean): Promise<void> } {
  const client = useQueryClient();
  const teammates = useResource<Answer>(PATH).data?.teammates ?? [];
  const mark = (meId: string, away: boolean) =>
    client.setQueryData<Answer>(apiKey(PATH), (old) => old && { teammates: old.teammates.map((t) => (t.id === meId ? { ...t, away } : t)) });
  // Shown at once; put back if the server refuses.
  const away = useMutation({
    mutationFn: ({ away }: { meId: string; away: boolean }) => api('PUT', '/api/account/away', { body: { away } }),
    onMutate: ({ meId, away }) => mark(meId, away),
    onError: (_error, { meId, away }) => mark(meId, !away),
  });
  const setAway = async (meId: string, value: boolean) => {
    await away.mutateAsync({ meId, away: value });
  };
  return { teammates, setAway };
}
