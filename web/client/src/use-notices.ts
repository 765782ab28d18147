import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { NoticesDto } from '../../src/api/contract.ts';
import { api } from './api.ts';
import { apiKey } from './query-client.ts';
import { useResource } from './use-resource.ts';

const PATH = '/api/notices';
const NONE: NoticesDto = { notices: [], unread: 0 };

/** The signed-in user's in-app notices, re-read when the server says they have new ones (live-queries.ts). */
export function useNotices() {
  const client = useQueryClient();
  const notices = useResource<NoticesDto>(PATH).data ?? NONE;
  const read = useMutation({
    mutationFn: () => api('POST', '/api/notices/read'),
    // Read again either way: a failed mark leaves them unread, which the list then shows.
    onSettled: () => client.invalidateQueries({ queryKey: apiKey(PATH), exact: true }),
  });
  const markRead = async () => {
    await read.mutateAsync().catch(() => undefined);
  };
  return { ...notices, markRead };
}
