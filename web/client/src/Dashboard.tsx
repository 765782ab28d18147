import { lazy, Suspense, useCallback, useEffect, useMemo } from 'react';
import type { AlertDto, BrandDto, UserDto } from '../../src/api/contract.ts';
import { AlertsBanner } from './AlertsBanner.tsx';
import { AlertsPage } from './AlertsPage.tsx';
import { Header } from './Header.tsx';
import { InboxScreen } from './InboxScreen.tsx';
import { SettingsPage } from './SettingsPage.tsx';
import { StreamsPage } from './StreamsPage.tsx';
import { TeamPage } from './TeamPage.tsx';
import { AuditPage } from './AuditPage.tsx';
import { AccountPage } from './AccountPage.tsx';
import { IncidentPage } from './IncidentPage.tsx';
import { useLiveQueries } from './live-queries.ts';
import { useResource } from './use-resource.ts';
import { countLabel, useInboxCounts } from './use-inbox-counts.ts';
import { useNotices } from './use-notices.ts';
import { useLiveConnection } from './use-live-connection.ts';
import { useReadiness } from './use-readiness.ts';
import { followLink, mentionPath, navigate, routeFromPath, useLocation } from './use-route.ts';
import { inboxSearch, inboxViewFromSearch, rememberInboxSearch, type InboxView } from './inbox-url.ts';
import { roleAtLeast } from '../../src/api/roles.ts';

// The charts library is large; only the Reports page loads it.
const ReportsPage = lazy(() => import('./ReportsPage.tsx').then((m) => ({ default: m.ReportsPage })));

interface Props {
  user: UserDto;
  signingOut: boolean;
  onSignOut(): void;
}

/** The signed-in app: header and navigation, alerts, and the screen the URL names. */
export function Dashboard({ user, signingOut, onSignOut }: Props) {
  const location = useLocation();
  const route = routeFromPath(location.pathname);
  const live = useLiveConnection();
  const readiness = useReadiness(live.status);
  useLiveQueries(live.subscribe, user.id);
  const alerts = useResource<{ alerts: AlertDto[] }>('/api/alerts').data?.alerts ?? [];
  // Without the list, brand pickers are simply not offered.
  const brandList = useResource<{ brands: BrandDto[] }>('/api/brands');
  const brands = { brands: brandList.data?.brands ?? [], reload: brandList.reload };
  // The inbox's status and filters are the URL's search parameters: a report's link opens a
  // filtered inbox, and any view can be bookmarked.
  const view = useMemo(() => inboxViewFromSearch(location.search), [location.search]);
  if (route.page === 'inbox') rememberInboxSearch(location.search);
  const mentionId = route.page === 'inbox' ? route.mentionId : null;
  const onView = useCallback(
    (next: InboxView) => navigate(`${mentionId === null ? '/' : mentionPath(mentionId)}${inboxSearch(next)}`),
    [mentionId],
  );
  const counts = useInboxCounts(view.filters.brandId);
  const notices = useNotices();
  const openCount = counts === null ? null : countLabel(counts.open, counts.cap);
  useEffect(() => {
    document.title = openCount === null ? 'Earshot' : `(${openCount}) Earshot`;
  }, [openCount]);
  const isAdmin = user.role === 'admin';
  const canManage = roleAtLeast(user.role, 'manager');

  return (
    <div className="app">
      <Header
        user={user}
        route={route}
        live={live.status}
        readiness={readiness}
        signingOut={signingOut}
        onSignOut={onSignOut}
        counts={counts}
        notices={notices}
      />
      <AlertsBanner alerts={alerts} />
      {route.page === 'inbox' && (
        <InboxScreen
          selectedId={route.mentionId}
          subscribe={live.subscribe}
          brands={brands.brands}
          view={view}
          onView={onView}
          me={user}
          counts={counts}
        />
      )}
      {route.page === 'reports' && (
        <Suspense
          fallback={
            <main className="page">
              <p className="placeholder" role="status">
                Loading reports…
              </p>
            </main>
          }
        >
          <ReportsPage brands={brands.brands} search={location.search} />
        </Suspense>
      )}
      {route.page === 'incident' && <IncidentPage incidentId={route.incidentId} user={user} />}
      {route.page === 'alerts' && <AlertsPage user={user} brands={brands.brands} search={location.search} />}
      {route.page === 'streams' && (
        <StreamsPage
          canManage={canManage}
          highlightId={route.streamId}
          brands={brands.brands}
          onBrandsChanged={brands.reload}
        />
      )}
      {route.page === 'not-found' && (
        <main className="page" data-testid="not-found">
          <h1>Page not found</h1>
          <p>
            Nothing lives at <code>{location.pathname}</code>. The link may be mistyped or out of date.{' '}
            <a href="/" onClick={(e) => followLink(e, '/')}>
              Go to the inbox
            </a>
            .
          </p>
        </main>
      )}
      {route.page === 'account' && <AccountPage me={user} onSignedOutEverywhere={onSignOut} />}
      {(route.page === 'team' || route.page === 'audit') &&
        (isAdmin ? (
          route.page === 'team' ? (
            <TeamPage me={user} />
          ) : (
            <AuditPage brands={brands.brands} />
          )
        ) : (
          <main className="page">
            <p className="placeholder" data-testid="admins-only">
              The team and the audit log are for admins. Ask an admin of this Earshot.
            </p>
          </main>
        ))}
      {route.page === 'settings' &&
        (canManage ? (
          <SettingsPage brands={brands.brands} isAdmin={isAdmin} onBrandsChanged={brands.reload} />
        ) : (
          <main className="page">
            <p className="placeholder" data-testid="admins-only">
              Settings are for managers and admins. Ask one of them to change response targets or notification channels.
            </p>
          </main>
        ))}
    </div>
  );
}
