import { describe, expect, it } from 'vitest';
import { invitationTokenFromPath, routeFromPath } from './use-route.ts';

const ID = '3f2b6c1e-8a4d-4e2b-9c7a-1d2e3f4a5b6c';

describe('invitationTokenFromPath', () => {
  it('reads the token of an invitation link, and nothing else', () => {
    expect(invitationTokenFromPath('/invite/abcdefghijklmnopqrstuvwxyz_-0123456789ABCDE')).toBe('abcdefghijklmnopqrstuvwxyz_-0123456789ABCDE');
    expect(invitationTokenFromPath('/invite/short')).toBeNull();
    expect(invitationTokenFromPath('/invite/abcdefghijklmnopqrstuvwxyz/../x')).toBeNull();
    expect(invitationTokenFromPath('/')).toBeNull();
  });
});

describe('routeFromPath', () => {
  it('names each screen', () => {
    expect(routeFromPath('/')).toEqual({ page: 'inbox', mentionId: null });
    expect(routeFromPath(`/mentions/${ID}`)).toEqual({ page: 'inbox', mentionId: ID });
    expect(routeFromPath('/streams')).toEqual({ page: 'streams', streamId: null });
    expect(routeFromPath(`/streams/${ID}/`)).toEqual({ page: 'streams', streamId: ID });
    expect(routeFromPath('/settings')).toEqual({ page: 'settings' });
    expect(routeFromPath('/team')).toEqual({ page: 'team' });
    expect(routeFromPath('/audit/')).toEqual({ page: 'audit' });
    expect(routeFromPath('/account')).toEqual({ page: 'account' });
    expect(routeFromPath('/reports')).toEqual({ page: 'reports' });
  });

  it('names unknown paths "not found" instead of showing the inbox', () => {
    expect(routeFromPath('/mentions/not-an-id')).toEqual({ page: 'not-found' });
    expect(routeFromPath('/streamsx')).toEqual({ page: 'not-found' });
    expect(routeFromPath('/inboxes')).toEqual({ page: 'not-found' });
    // Notifications link to /inbox?…
    expect(routeFromPath('/inbox')).toEqual({ page: 'inbox', mentionId: null });
  });
});
