import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  notFound,
  redirect,
  rootRouteId,
  type RouterHistory,
} from '@tanstack/react-router';
import { validAlertsSearch } from './alerts-url.ts';
import { Dashboard } from './Dashboard.tsx';
import { validInboxSearch } from './inbox-url.ts';
import { InboxRouteScreen } from './routes/inbox-screen.tsx';
import { validReportsSearch } from './reports-url.ts';
import { NotFound, ScreenError, ScreenLoading } from './RouteFallbacks.tsx';
import { parseSearch, stringifySearch } from './search-params.ts';

// The dashboard's addresses, one route each. Links from outside the dashboard must keep
// working: bookmarks, shared views, saved views, and the links in notifications, emails and
// webhooks (worker/src writes "/inbox?…", "/mentions/:id", "/alerts?…", "/reports?…",
// "/incidents/:id"). The server answers every non-API path with index.html.
// The inbox is in the main chunk (it is the first screen); every other screen is its own chunk,
// loaded when first shown or when a link to it is hovered.

const UUID = /^[0-9a-fA-F-]{36}$/;

/** An id in the path that cannot be one shows "not found" rather than a screen of failed reads. */
function requireUuid(id: string): void {
  if (!UUID.test(id)) throw notFound({ routeId: rootRouteId });
}

const rootRoute = createRootRoute({ component: Dashboard, notFoundComponent: NotFound });

// A pathless layout: "/" and "/mentions/:id" share the inbox screen and its search parameters.
const inboxRoute = createRoute({ getParentRoute: () => rootRoute, id: 'inbox-view', validateSearch: validInboxSearch, component: InboxRouteScreen });
const inboxIndexRoute = createRoute({ getParentRoute: () => inboxRoute, path: '/' });
const mentionRoute = createRoute({
  getParentRoute: () => inboxRoute,
  path: 'mentions/$mentionId',
  beforeLoad: ({ params }) => requireUuid(params.mentionId),
});
// Notifications link to "/inbox?…"; "/index.html" is the page's own file.
const inboxAliasRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'inbox',
  validateSearch: validInboxSearch,
  beforeLoad: ({ search }) => {
    throw redirect({ to: '/', search, replace: true });
  },
});
const indexFileRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'index.html',
  validateSearch: validInboxSearch,
  beforeLoad: ({ search }) => {
    throw redirect({ to: '/', search, replace: true });
  },
});

const streamsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'streams',
  component: lazyRouteComponent(() => import('./routes/streams-screen.tsx'), 'StreamsScreen'),
});
const streamsIndexRoute = createRoute({ getParentRoute: () => streamsRoute, path: '/' });
const streamRoute = createRoute({ getParentRoute: () => streamsRoute, path: '$streamId', beforeLoad: ({ params }) => requireUuid(params.streamId) });

const reportsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'reports',
  validateSearch: validReportsSearch,
  component: lazyRouteComponent(() => import('./routes/reports-screen.tsx'), 'ReportsScreen'),
});
const alertsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'alerts',
  validateSearch: validAlertsSearch,
  component: lazyRouteComponent(() => import('./routes/alerts-screen.tsx'), 'AlertsScreen'),
});
const incidentRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'incidents/$incidentId',
  beforeLoad: ({ params }) => requireUuid(params.incidentId),
  component: lazyRouteComponent(() => import('./routes/incident-screen.tsx'), 'IncidentScreen'),
});
const settingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'settings',
  component: lazyRouteComponent(() => import('./routes/settings-screen.tsx'), 'SettingsScreen'),
});
const teamRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'team',
  component: lazyRouteComponent(() => import('./routes/team-screen.tsx'), 'TeamScreen'),
});
const auditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'audit',
  component: lazyRouteComponent(() => import('./routes/audit-screen.tsx'), 'AuditScreen'),
});
const accountRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'account',
  component: lazyRouteComponent(() => import('./routes/account-screen.tsx'), 'AccountScreen'),
});

export const routeTree = rootRoute.addChildren([
  inboxRoute.addChildren([inboxIndexRoute, mentionRoute]),
  inboxAliasRoute,
  indexFileRoute,
  streamsRoute.addChildren([streamsIndexRoute, streamRoute]),
  reportsRoute,
  alertsRoute,
  incidentRoute,
  settingsRoute,
  teamRoute,
  auditRoute,
  accountRoute,
]);

/**
 * The dashboard's router over `history` (the browser's in the app; in unit tests, which run in
 * Node, a memory history and a made-up origin).
 */
export function createAppRouter(history: RouterHistory, origin = window.location.origin) {
  return createRouter({
    routeTree,
    history,
    origin,
    // Never rendered on a server: said outright, so that Node (no document) runs the browser's code path too.
    isServer: false,
    parseSearch,
    stringifySearch,
    // Hovering or focusing a link fetches its screen's code, so the click shows it at once.
    defaultPreload: 'intent',
    // An unknown address shows the root's "not found" inside the dashboard's frame, whatever part of it matched.
    notFoundMode: 'root',
    defaultPendingComponent: ScreenLoading,
    defaultErrorComponent: ScreenError,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
