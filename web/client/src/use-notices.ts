import { useCallback, useEffect, useState } from 'react';
import type { NoticesDto } from '../../src/api/contract.ts';
import { api } from './api.ts';
import type { LiveConnection } from './use-live-connection.ts';

/** The signed-in user's in-app notices, re-read when the server says they have new ones. */
export function useNotices(subscribe: LiveConnection['subscribe'], userId: string) {
  const [notices, setNotices] = useState<NoticesDto>({ notices: [], unread: 0 });
  const load = useCallback(() => {
    api<NoticesDto>('GET', '/api/notices').then(setNotices, () => undefined);
  }, []);
  useEffect(() => {
    load();
    return subscribe({
      onEvent: (e) => {
        if (e.type === 'notices.changed' && e.userIds.includes(userId)) load();
      },
      onCatchUp: load,
    });
  }, [subscribe, userId, load]);
  const markRead = useCallback(async () => {
    await api('POST', '/api/notices/read').catch(() => undefined);
    load();
  }, [load]);
  return { ...notices, markRead };
}
