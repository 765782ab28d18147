import { createMemoryHistory, isNotFound } from '@tanstack/react-router';
import { describe, expect, it, vi } from 'vitest';
import { inboxViewOf, type InboxSearch } from './inbox-url.ts';
import { createAppRouter } from './router.tsx';
import { invitationTokenFromPath } from './use-route.ts';

const ID = '3f2b6c1e-8a4d-4e2b-9c7a-1d2e3f4a5b6c';

/** Opens `path` in a router over a memory history: the screen it shows and where it ended up. */
async function open(path: string) {
  const history = createMemoryHistory({ initialEntries: [path] });
  const router = createAppRouter(history, 'http://localhost');
  // As RouterProvider does: a redirect moves the history, and the router loads where it went.
  const stop = history.subscribe(() => void router.load());
  await router.load();
  await vi.waitFor(() => expect(router.state.status === 'idle' && router.state.location.href === history.location.href).toBe(true));
  stop();
  const { matches, location } = router.state;
  const leaf = matches.at(-1);
  return {
    routeId: leaf?.routeId,
    params: leaf?.params,
    search: leaf?.search,
    // The address matched no route (the router marks the root match: `_notFound` is how its
    // own Match component knows), or a route said its id cannot be one.
    notFound: matches.some((m) => (m as { _notFound?: boolean })._notFound === true || isNotFound(m.error)),
    href: location.href,
  };
}

describe('invitationTokenFromPath', () => {
  it('reads the token of an invitation link, and nothing else', () => {
    expect(invitationTokenFromPath('/invite/abcdefghijklmnopqrstuvwxyz_-0123456789ABCDE')).toBe('abcdefghijklmnopqrstuvwxyz_-0123456789ABCDE');
    expect(invitationTokenFromPath('/invite/short')).toBeNull();
    expect(invitationTokenFromPath('/invite/abcdefghijklmnopqrstuvwxyz/../x')).toBeNull();
    expect(invitationTokenFromPath('/')).toBeNull();
  });
});

describe('the route tree', () => {
  it('names each screen every existing address opened', async () => {
    expect(await open('/')).toMatchObject({ routeId: '/inbox-view/', notFound: false });
    expect(await open(`/mentions/${ID}`)).toMatchObject({ routeId: '/inbox-view/mentions/$mentionId', params: { mentionId: ID }, notFound: false });
    expect(await open('/streams')).toMatchObject({ routeId: '/streams/', notFound: false });
    expect(await open(`/streams/${ID}/`)).toMatchObject({ routeId: '/streams/$streamId', params: { streamId: ID }, notFound: false });
    expect(await open(`/incidents/${ID}`)).toMatchObject({ routeId: '/incidents/$incidentId', notFound: false });
    for (const page of ['settings', 'team', 'audit', 'account', 'reports', 'alerts']) {
      expect(await open(`/${page}`)).toMatchObject({ routeId: `/${page}`, notFound: false });
    }
    expect(await open('/audit/')).toMatchObject({ routeId: '/audit', notFound: false });
  });

  it('keeps the search format of bookmarks, shared and saved views', async () => {
    // Plain key=value pairs, never JSON-quoted: "priority=2", not "priority=%222%22".
    const search = `?status=all&brandId=${ID}&priority=2&postedFrom=2026-10-18T23%3A00%3A00.000Z`;
    const shown = await open(`/${search}`);
    expect(shown.href).toBe(`/${search}`);
    expect(shown.search).toMatchObject({ status: 'all', brandId: ID, priority: '2', postedFrom: '2026-10-18T23:00:00.000Z' });
    // Reports and alerts read their own parameters, left as they are.
    expect((await open(`/reports?brandId=${ID}&week=2026-W43`)).href).toBe(`/reports?brandId=${ID}&week=2026-W43`);
  });

  it('sends the addresses in notifications ("/inbox?…") to the inbox, with their filters', async () => {
    expect(await open(`/inbox?status=open&brandId=${ID}`)).toMatchObject({ routeId: '/inbox-view/', href: `/?status=open&brandId=${ID}`, notFound: false });
    expect(await open('/inbox/')).toMatchObject({ routeId: '/inbox-view/', href: '/', notFound: false });
    expect(await open('/index.html')).toMatchObject({ routeId: '/inbox-view/', href: '/', notFound: false });
  });

  it('shows "not found" for unknown addresses and impossible ids, never the inbox', async () => {
    for (const path of ['/inboxes', '/streamsx', '/mentions/not-an-id', '/streams/nope', `/incidents/${ID}x`, `/mentions/${ID}/more`]) {
      expect(await open(path), path).toMatchObject({ notFound: true });
    }
  });

  it('ignores an unknown status or an empty filter rather than failing the page', async () => {
    const shown = await open(`/?status=everything&sentiment=&brandId=${ID}`);
    expect(shown).toMatchObject({ routeId: '/inbox-view/', notFound: false });
    expect(shown.search).toMatchObject({ status: 'open', brandId: ID });
    expect(inboxViewOf(shown.search as InboxSearch)).toEqual({ status: 'open', filters: { brandId: ID } });
  });
});
