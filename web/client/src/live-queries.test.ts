import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../src/api/contract.ts';
import { affects } from './live-queries.ts';
import { inboxSearch } from './inbox-url.ts';
import { inboxPath } from './use-inbox.ts';
import { mentionDetailPath } from './use-mention-detail.ts';

const A = '3f2b6c1e-8a4d-4e2b-9c7a-1d2e3f4a5b6c';
const B = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const ME = 'c0ffee00-0000-4000-8000-000000000001';

const openInbox = inboxPath(inboxSearch({ status: 'open', filters: {} }));
const brandAInbox = inboxPath(inboxSearch({ status: 'open', filters: { brandId: A } }));

describe('what a live event makes stale', () => {
  it('new mentions re-read the inbox lists, counts and incidents, except those filtered to another brand', () => {
    const created: LiveEvent = { type: 'mentions.created', brandId: B, ids: ['m1'] };
    expect(affects(created, ME, openInbox)).toBe(true);
    expect(affects(created, ME, brandAInbox)).toBe(false);
    expect(affects(created, ME, inboxPath(inboxSearch({ status: 'open', filters: { brandId: B } })))).toBe(true);
    expect(affects(created, ME, '/api/inbox/counts')).toBe(true);
    expect(affects(created, ME, `/api/inbox/counts?brandId=${A}`)).toBe(false);
    expect(affects(created, ME, `/api/incidents?brandId=${B}`)).toBe(true);
    expect(affects(created, ME, '/api/incidents/i1')).toBe(true);
    // The open mention is patched by the inbox screen, not re-read on every arrival.
    expect(affects(created, ME, mentionDetailPath('m1'))).toBe(false);
    expect(affects(created, ME, '/api/alerts')).toBe(false);
  });

  it('alert changes re-read alerts, rules, incidents and stream health, not the inbox', () => {
    const changed: LiveEvent = { type: 'alerts.changed' };
    for (const path of ['/api/alerts', '/api/alerts/x1', `/api/brands/${A}/alert-rules`, `/api/brands/${A}/alerts?status=open&limit=50`, '/api/incidents', '/api/streams']) {
      expect(affects(changed, ME, path), path).toBe(true);
    }
    for (const path of [openInbox, '/api/inbox/counts', `/api/brands/${A}/sla-policy`, '/api/notices', '/api/brands']) {
      expect(affects(changed, ME, path), path).toBe(false);
    }
  });

  it('notices are re-read only by the users they are for', () => {
    expect(affects({ type: 'notices.changed', userIds: [ME] }, ME, '/api/notices')).toBe(true);
    expect(affects({ type: 'notices.changed', userIds: ['someone-else'] }, ME, '/api/notices')).toBe(false);
  });

  it('status and assignee changes re-read lists and counts; presence re-reads nothing', () => {
    const moved: LiveEvent = { type: 'mentions.changed', brandId: A, ids: ['m1'], status: 'closed' };
    expect(affects(moved, ME, brandAInbox)).toBe(true);
    expect(affects(moved, ME, '/api/inbox/counts')).toBe(true);
    expect(affects({ type: 'presence', brandId: A, mentionId: 'm1', viewers: [], version: 1 }, ME, mentionDetailPath('m1'))).toBe(false);
  });
});
