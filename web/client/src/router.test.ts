import { createMemoryHistory, isNotFound } from '@tanstack/react-router';
import { describe, expect, it, vi } from 'vitest';
import { alertsPath, alertsViewOf, type AlertsSearch } from './alerts-url.ts';
import { inboxViewOf, type InboxSearch } from './inbox-url.ts';
import { reportPath, reportsViewOf, type ReportsSearch } from './reports-url.ts';
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

describe('the alerts and reports screens\' search parameters', () => {
  const RULE = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

  it('reads the alerts page\'s brand, open alert and history filters from the address', async () => {
    const shown = await open(`/alerts?brandId=${ID}&alert=${RULE}&status=closed&ruleId=${RULE}&from=2026-10-21T10%3A00&to=2026-10-22T09%3A30`);
    expect(shown).toMatchObject({ routeId: '/alerts', notFound: false });
    expect(alertsViewOf(shown.search as AlertsSearch)).toEqual({ brandId: ID, alert: RULE, status: 'closed', ruleId: RULE, from: '2026-10-21T10:00', to: '2026-10-22T09:30' });
  });

  it('ignores what cannot be an alerts filter rather than failing the page (the default shows)', async () => {
    const shown = await open(`/alerts?status=everything&brandId=acme&alert=&ruleId=${ID}x&from=yesterday&to=2026-10-22&other=1`);
    expect(shown).toMatchObject({ routeId: '/alerts', notFound: false });
    expect(alertsViewOf(shown.search as AlertsSearch)).toEqual({});
    // A valid filter beside invalid ones is kept.
    expect(alertsViewOf((await open(`/alerts?status=open&from=soon&brandId=${ID}`)).search as AlertsSearch)).toEqual({ status: 'open', brandId: ID });
  });

  it('writes an alerts address in a fixed order, defaults left out, that reads back as the same view', async () => {
    expect(alertsPath({})).toBe('/alerts');
    expect(alertsPath({ to: '2026-10-22T09:30', status: undefined, brandId: ID, alert: RULE })).toBe(`/alerts?brandId=${ID}&alert=${RULE}&to=2026-10-22T09%3A30`);
    const view = { brandId: ID, status: 'open', ruleId: RULE, from: '2026-10-21T10:00' } as const;
    const shown = await open(alertsPath(view));
    expect(shown.href).toBe(alertsPath(view));
    expect(alertsViewOf(shown.search as AlertsSearch)).toEqual(view);
  });

  it('reads the report an address asks for: a week or a date range, and whether the period before is compared', async () => {
    const week = await open(`/reports?brandId=${ID}&week=2026-W43&compare=1`);
    expect(week).toMatchObject({ routeId: '/reports', notFound: false });
    expect(reportsViewOf(week.search as ReportsSearch)).toEqual({ asked: { brandId: ID, week: '2026-W43' }, compare: true });
    const range = await open(`/reports?brandId=${ID}&from=2026-10-01&to=2026-10-14`);
    expect(reportsViewOf(range.search as ReportsSearch)).toEqual({ asked: { brandId: ID, from: '2026-10-01', to: '2026-10-14' }, compare: false });
  });

  it('asks for no report when the address names no whole period or no brand, and ignores a malformed compare', async () => {
    for (const search of [`brandId=${ID}&week=43`, `brandId=${ID}&from=2026-10-01`, 'week=2026-W43', `brandId=kettle&week=2026-W43`, `brandId=${ID}&from=1Oct&to=2026-10-14`]) {
      const shown = await open(`/reports?${search}&compare=yes`);
      expect(shown, search).toMatchObject({ routeId: '/reports', notFound: false });
      expect(reportsViewOf(shown.search as ReportsSearch), search).toEqual({ asked: null, compare: false });
    }
  });

  it('writes a report\'s address with compare only when on, and it reads back as the same report', async () => {
    expect(reportPath({ brandId: ID, week: '2026-W43' })).toBe(`/reports?brandId=${ID}&week=2026-W43`);
    expect(reportPath({ brandId: ID, from: '2026-10-01', to: '2026-10-14' }, true)).toBe(`/reports?brandId=${ID}&from=2026-10-01&to=2026-10-14&compare=1`);
    const shown = await open(reportPath({ brandId: ID, week: '2026-W43' }, true));
    expect(reportsViewOf(shown.search as ReportsSearch)).toEqual({ asked: { brandId: ID, week: '2026-W43' }, compare: true });
  });
});
