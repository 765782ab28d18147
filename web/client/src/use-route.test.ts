import { describe, expect, it } from 'vitest';
import { routeFromPath } from './use-route.ts';

const ID = '3f2b6c1e-8a4d-4e2b-9c7a-1d2e3f4a5b6c';

describe('routeFromPath', () => {
  it('names each screen', () => {
    expect(routeFromPath('/')).toEqual({ page: 'inbox', mentionId: null });
    expect(routeFromPath(`/mentions/${ID}`)).toEqual({ page: 'inbox', mentionId: ID });
    expect(routeFromPath('/streams')).toEqual({ page: 'streams', streamId: null });
    expect(routeFromPath(`/streams/${ID}/`)).toEqual({ page: 'streams', streamId: ID });
    expect(routeFromPath('/settings')).toEqual({ page: 'settings' });
    expect(routeFromPath('/reports')).toEqual({ page: 'reports' });
  });

  it('sends unknown paths to the inbox', () => {
    expect(routeFromPath('/mentions/not-an-id')).toEqual({ page: 'inbox', mentionId: null });
    expect(routeFromPath('/streamsx')).toEqual({ page: 'inbox', mentionId: null });
  });
});
