import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useCallback, useMemo } from 'react';
import { useShell } from '../dashboard-context.ts';
import { inboxViewOf, rememberInboxView, searchOfView, type InboxView } from '../inbox-url.ts';
import { InboxScreen } from '../InboxScreen.tsx';

/**
 * "/" and "/mentions/:id": one screen for both, so opening and closing a mention keeps the
 * list, its ticks and its cursor. Status and filters are the address's search parameters
 * (validated by InboxSearchSchema): a report's link opens a filtered inbox, any view can be
 * bookmarked, and back/forward step through views.
 */
export function InboxRouteScreen() {
  const { user, brands, subscribe, counts } = useShell();
  const search = useSearch({ from: '/inbox-view' });
  const { mentionId } = useParams({ strict: false });
  const view = useMemo(() => inboxViewOf(search), [search]);
  // Read by the navigation's Inbox link when another screen is shown.
  rememberInboxView(view);
  const navigate = useNavigate();
  const onView = useCallback(
    (next: InboxView) =>
      void (mentionId === undefined
        ? navigate({ to: '/', search: searchOfView(next) })
        : navigate({ to: '/mentions/$mentionId', params: { mentionId }, search: searchOfView(next) })),
    [navigate, mentionId],
  );
  return <InboxScreen selectedId={mentionId ?? null} subscribe={subscribe} brands={brands} view={view} onView={onView} me={user} counts={counts} />;
}
