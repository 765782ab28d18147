import { createBrowserHistory, type RouterHistory } from '@tanstack/react-router';
import type { MouseEvent } from 'react';

// The screens and their addresses are the route tree in router.tsx. This file keeps what
// screens outside it need to link with plain paths: path builders, navigate() and
// followLink(). Both move through the router's history, so the router sees every move.

// The public page an invitation link opens (served before any session exists).
const INVITE_PATH = /^\/invite\/([A-Za-z0-9_-]{20,100})\/?$/;

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

let history: RouterHistory | null = null;

/** The browser history the router listens to: one for the page's life, made on first use. */
export function appHistory(): RouterHistory {
  history ??= createBrowserHistory();
  return history;
}

/**
 * Moves to another screen (a path, optionally with "?search") without reloading the page.
 * `replace` changes the current history entry instead of adding one (e.g. while typing a filter).
 */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const h = appHistory();
  if (h.location.pathname + h.location.search === path) return;
  if (options.replace) h.replace(path);
  else h.push(path);
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
