import { useEffect, useState, type MouseEvent } from 'react';

// Screens: the inbox at "/" (a mention at "/mentions/:id"; its filters in the search
// parameters), streams at "/streams" (one stream picked out at "/streams/:id"), reports at
// "/reports" (brand and period in the search parameters), alerts at "/alerts" (brand, filters and
// the alert shown in the search parameters) and settings at "/settings". The
// server answers every non-API path with index.html, so these URLs can be bookmarked and shared.
const UUID = '([0-9a-fA-F-]{36})';
const MENTION_PATH = new RegExp(`^/mentions/${UUID}/?$`);
const STREAMS_PATH = new RegExp(`^/streams(?:/${UUID})?/?$`);
const SETTINGS_PATH = /^\/settings\/?$/;
const TEAM_PATH = /^\/team\/?$/;
const AUDIT_PATH = /^\/audit\/?$/;
const ACCOUNT_PATH = /^\/account\/?$/;
// The public page an invitation link opens (served before any session exists).
const INVITE_PATH = /^\/invite\/([A-Za-z0-9_-]{20,100})\/?$/;
const REPORTS_PATH = /^\/reports\/?$/;
const ALERTS_PATH = /^\/alerts\/?$/;
const INCIDENT_PATH = new RegExp(`^/incidents/${UUID}/?$`);

export type Route =
  | { page: 'inbox'; mentionId: string | null }
  | { page: 'streams'; streamId: string | null }
  | { page: 'reports' }
  | { page: 'alerts' }
  | { page: 'incident'; incidentId: string }
  | { page: 'settings' }
  | { page: 'team' }
  | { page: 'audit' }
  | { page: 'account' }
  | { page: 'not-found' };

export function routeFromPath(pathname: string): Route {
  const mention = MENTION_PATH.exec(pathname);
  if (mention !== null) return { page: 'inbox', mentionId: mention[1] ?? null };
  const streams = STREAMS_PATH.exec(pathname);
  if (streams !== null) return { page: 'streams', streamId: streams[1] ?? null };
  if (SETTINGS_PATH.test(pathname)) return { page: 'settings' };
  if (TEAM_PATH.test(pathname)) return { page: 'team' };
  if (AUDIT_PATH.test(pathname)) return { page: 'audit' };
  if (ACCOUNT_PATH.test(pathname)) return { page: 'account' };
  if (REPORTS_PATH.test(pathname)) return { page: 'reports' };
  if (ALERTS_PATH.test(pathname)) return { page: 'alerts' };
  const incident = INCIDENT_PATH.exec(pathname);
  if (incident?.[1] !== undefined) return { page: 'incident', incidentId: incident[1] };
  // "/inbox" is what notifications link to (worker/src: spike, SLA and report links).
  if (/^\/(?:inbox\/?|index\.html)?$/.test(pathname) || pathname === '') return { page: 'inbox', mentionId: null };
  // A mistyped or stale address says so instead of showing the inbox as if it were the page asked for.
  return { page: 'not-found' };
}

/** The invitation token when the URL is an invitation link, else null. */
export function invitationTokenFromPath(pathname: string): string | null {
  return INVITE_PATH.exec(pathname)?.[1] ?? null;
}

export function mentionPath(id: string): string {
  return `/mentions/${id}`;
}

/** An incident: its grouped mentions, the holding reply and its progress ("/incidents/:id"). */
export function incidentPath(id: string): string {
  return `/incidents/${id}`;
}

export function streamPath(id: string): string {
  return `/streams/${id}`;
}

// pushState fires no event of its own; this one tells every useRoute() that the URL moved.
const NAVIGATE_EVENT = 'earshot:navigate';

/**
 * Moves to another screen (a path, optionally with "?search") without reloading the page.
 * `replace` changes the current history entry instead of adding one (e.g. while typing a filter).
 */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (window.location.pathname + window.location.search === path) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/**
 * For an in-app link's onClick: plain left clicks navigate in place, while modified clicks
 * (new tab, new window) are left to the browser as for any link.
 */
export function followLink(event: MouseEvent<HTMLAnchorElement>, path: string): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(path);
}

/** The screen the URL names; re-renders on back/forward and on navigate(). */
export function useRoute(): Route {
  return routeFromPath(useLocation().pathname);
}

/** The URL's path and search ("?a=b" or ""), kept current like useRoute(). */
export function useLocation(): { pathname: string; search: string } {
  const [location, setLocation] = useState(() => ({ pathname: window.location.pathname, search: window.location.search }));
  useEffect(() => {
    const onChange = () =>
      setLocation((l) =>
        l.pathname === window.location.pathname && l.search === window.location.search
          ? l
          : { pathname: window.location.pathname, search: window.location.search },
      );
    window.addEventListener('popstate', onChange);
    window.addEventListener(NAVIGATE_EVENT, onChange);
    return () => {
      window.removeEventListener('popstate', onChange);
      window.removeEventListener(NAVIGATE_EVENT, onChange);
    };
  }, []);
  return location;
}
